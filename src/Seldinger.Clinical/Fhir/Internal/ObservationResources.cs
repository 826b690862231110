using Hl7.Fhir.Model;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Recovery;

namespace Seldinger.Clinical.Fhir.Internal;

// Laboratory results and vital signs. LOINC codes and UCUM units follow the units of the model
// (see LabTest): platelets 10*9/L, haemoglobin g/L, creatinine umol/L.
internal static class ObservationResources
{
    public static Observation Lab(LabResult lab, ResourceReference patient)
    {
        var observation = new Observation
        {
            Id = ResourceIds.Of(lab.Id),
            Status = ObservationStatus.Final,
            Subject = patient,
            Effective = new FhirDateTime(lab.CollectedAt),
        };
        observation.Category.Add(FhirCodes.Category("laboratory", "Laboratory"));
        (observation.Code, observation.Value) = lab.Test switch
        {
            LabTest.Inr => (Loinc("6301-6", "INR in Platelet poor plasma by Coagulation assay", "INR"), FhirCodes.Measured(lab.Value, "{INR}", "INR")),
            LabTest.Platelets => (Loinc("777-3", "Platelets [#/volume] in Blood by Automated count", "Platelets"), FhirCodes.Measured(lab.Value, "10*9/L")),
            LabTest.Hemoglobin => (Loinc("718-7", "Hemoglobin [Mass/volume] in Blood", "Haemoglobin"), FhirCodes.Measured(lab.Value, "g/L")),
            LabTest.Aptt => (Loinc("14979-9", "aPTT in Platelet poor plasma by Coagulation assay", "aPTT"), FhirCodes.Measured(lab.Value, "s")),
            LabTest.Fibrinogen => (Loinc("3255-7", "Fibrinogen [Mass/volume] in Platelet poor plasma by Coagulation assay", "Fibrinogen"), FhirCodes.Measured(lab.Value, "g/L")),
            LabTest.Creatinine => (Loinc("14682-9", "Creatinine [Moles/volume] in Serum or Plasma", "Creatinine"), FhirCodes.Measured(lab.Value, "umol/L", "µmol/L")),
            LabTest.Potassium => (Loinc("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "Potassium"), FhirCodes.Measured(lab.Value, "mmol/L")),
            // The record does not say whether urine or serum was tested, so the code is text only.
            LabTest.Hcg => (FhirCodes.Text("Human chorionic gonadotropin (pregnancy test)"), (DataType)(lab.Value >= 0.5
                ? new CodeableConcept(FhirCodes.Snomed, "10828004", "Positive")
                : new CodeableConcept(FhirCodes.Snomed, "260385009", "Negative"))),
            _ => throw new ClinicalValidationException("labs.test", $"Unknown laboratory test '{lab.Test}'."),
        };
        return observation;
    }

    public static IEnumerable<Observation> Vitals(VitalSigns vitals, ResourceReference patient)
    {
        var at = vitals.At;
        if (vitals.HeartRate is { } hr)
        {
            yield return PatientResources.Vital(
                ResourceIds.Derived(vitals.Id, "heart-rate"), patient, at, Loinc("8867-4", "Heart rate", "Heart rate"),
                FhirCodes.Measured(hr, "/min", "beats/minute"));
        }

        if (vitals.RespiratoryRate is { } rr)
        {
            yield return PatientResources.Vital(
                ResourceIds.Derived(vitals.Id, "respiratory-rate"), patient, at, Loinc("9279-1", "Respiratory rate", "Respiratory rate"),
                FhirCodes.Measured(rr, "/min", "breaths/minute"));
        }

        if (vitals.SpO2 is { } spo2)
        {
            var code = Loinc("2708-6", "Oxygen saturation in Arterial blood", vitals.OnRoomAir ? "SpO2 (room air)" : "SpO2 (supplemental oxygen)");
            code.Coding.Add(new Coding(FhirCodes.Loinc, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"));
            yield return PatientResources.Vital(ResourceIds.Derived(vitals.Id, "spo2"), patient, at, code, FhirCodes.Measured(spo2, "%"));
        }

        if (vitals.SystolicBp is not null || vitals.DiastolicBp is not null)
        {
            var bp = PatientResources.Vital(
                ResourceIds.Derived(vitals.Id, "blood-pressure"), patient, at,
                Loinc("85354-9", "Blood pressure panel with all children optional", "Blood pressure"), null);
            bp.Component.Add(Component("8480-6", "Systolic blood pressure", vitals.SystolicBp));
            bp.Component.Add(Component("8462-4", "Diastolic blood pressure", vitals.DiastolicBp));
            yield return bp;
        }

        if (vitals.TemperatureC is { } t)
        {
            yield return PatientResources.Vital(
                ResourceIds.Derived(vitals.Id, "temperature"), patient, at, Loinc("8310-5", "Body temperature", "Body temperature"),
                FhirCodes.Measured(t, "Cel", "°C"));
        }

        if (vitals.PainScore is { } pain)
        {
            yield return PatientResources.Vital(
                ResourceIds.Derived(vitals.Id, "pain"), patient, at,
                Loinc("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "Pain score (0-10)"),
                FhirCodes.Measured(pain, "{score}", "score"));
        }
    }

    private static Observation.ComponentComponent Component(string code, string display, int? value)
    {
        var component = new Observation.ComponentComponent { Code = Loinc(code, display, display) };
        if (value is { } v)
        {
            component.Value = FhirCodes.Measured(v, "mm[Hg]", "mmHg");
        }
        else
        {
            component.DataAbsentReason = new CodeableConcept(
                "http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed");
        }

        return component;
    }

    private static CodeableConcept Loinc(string code, string display, string text) =>
        FhirCodes.Concept(FhirCodes.Loinc, code, display, text);
}
