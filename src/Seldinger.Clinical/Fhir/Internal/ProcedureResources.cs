using System.Globalization;
using Hl7.Fhir.Model;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Procedures;
using FhirProcedure = Hl7.Fhir.Model.Procedure;

namespace Seldinger.Clinical.Fhir.Internal;

// The procedure record: Procedure, Devices, sedation MedicationAdministrations, the radiation dose
// Observation, AdverseEvents and the DiagnosticReport.
internal static class ProcedureResources
{
    public static FhirProcedure Procedure(
        ProcedureRecord record, CodeableConcept? code, ResourceReference patient, ResourceReference serviceRequest,
        Scheduling.ProcedureRoom? room)
    {
        var resource = new FhirProcedure
        {
            Id = ResourceIds.Of(record.Id),
            Status = record.EndedAt is not null ? EventStatus.Completed
                : record.StartedAt is not null ? EventStatus.InProgress
                : EventStatus.Preparation,
            Code = code,
            Subject = patient,
            Outcome = record.Outcome switch
            {
                TechnicalOutcome.Success => new CodeableConcept(FhirCodes.Snomed, "385669000", "Successful", "Technical success"),
                TechnicalOutcome.PartialSuccess => new CodeableConcept(FhirCodes.Snomed, "385670004", "Partially successful", "Partial technical success"),
                TechnicalOutcome.Failure => new CodeableConcept(FhirCodes.Snomed, "385671000", "Unsuccessful", "Technical failure"),
                _ => null,
            },
            Location = room is null ? null : new ResourceReference { Display = room.Name },
            Recorder = record.SignedBy is null ? null : new ResourceReference { Display = record.SignedBy },
        };
        if (record.StartedAt is not null || record.EndedAt is not null)
        {
            resource.Performed = new Period
            {
                Start = record.StartedAt is { } s ? new FhirDateTime(s).ToString() : null,
                End = record.EndedAt is { } e ? new FhirDateTime(e).ToString() : null,
            };
        }

        resource.BasedOn.Add(serviceRequest);
        foreach (var op in record.Operators)
        {
            resource.Performer.Add(new FhirProcedure.PerformerComponent
            {
                Function = FhirCodes.Text(op.Role),
                Actor = new ResourceReference { Display = op.Name },
            });
        }

        AddNote(resource, "Findings", record.Findings);
        AddNote(resource, "Specimens", record.Specimens);
        if (record.ContrastMl is { } ml)
        {
            var agent = string.IsNullOrWhiteSpace(record.ContrastAgent) ? "contrast" : record.ContrastAgent;
            AddNote(resource, "Contrast", string.Create(CultureInfo.InvariantCulture, $"{agent}, {ml:0.#} mL"));
        }

        if (record.SedationGiven is { } sedation)
        {
            AddNote(resource, "Sedation reached", sedation.ToString());
        }

        return resource;
    }

    private static void AddNote(FhirProcedure procedure, string label, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            procedure.Note.Add(new Annotation { Text = new Markdown($"{label}: {text}") });
        }
    }

    public static Device Device(ProcedureRecord record, int index, DeviceUse use, ResourceReference patient)
    {
        var device = new Device
        {
            Id = ResourceIds.Derived(record.Id, "device-" + index.ToString(CultureInfo.InvariantCulture)),
            Status = Hl7.Fhir.Model.Device.FHIRDeviceStatus.Active,
            Manufacturer = string.IsNullOrWhiteSpace(use.Manufacturer) ? null : use.Manufacturer,
            LotNumber = string.IsNullOrWhiteSpace(use.Lot) ? null : use.Lot,
            // Only an implanted device stays with the patient; a needle or sheath is not theirs.
            Patient = use.Implanted ? patient : null,
        };
        device.DeviceName.Add(new Device.DeviceNameComponent
        {
            Name = use.Description,
            Type = DeviceNameType.UserFriendlyName,
        });
        if (!string.IsNullOrWhiteSpace(use.Udi))
        {
            device.UdiCarrier.Add(new Device.UdiCarrierComponent { CarrierHRF = use.Udi });
        }

        if (use.Quantity != 1)
        {
            device.Note.Add(new Annotation { Text = new Markdown(string.Create(CultureInfo.InvariantCulture, $"Quantity used: {use.Quantity}")) });
        }

        return device;
    }

    public static MedicationAdministration Sedation(ProcedureRecord record, int index, SedationDose dose, ResourceReference patient, ResourceReference procedure)
    {
        var resource = new MedicationAdministration
        {
            Id = ResourceIds.Derived(record.Id, "sedation-" + index.ToString(CultureInfo.InvariantCulture)),
            Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
            Medication = FhirCodes.Text(dose.Drug),
            Subject = patient,
            Effective = new FhirDateTime(dose.At),
            Dosage = new MedicationAdministration.DosageComponent
            {
                Route = string.IsNullOrWhiteSpace(dose.Route) ? null : FhirCodes.Text(dose.Route),
                Dose = FhirCodes.Measured(dose.DoseMg, "mg"),
            },
        };
        resource.PartOf.Add(procedure);
        return resource;
    }

    public static Observation? RadiationDose(ProcedureRecord record, ResourceReference patient, ResourceReference procedure)
    {
        if (record.DoseAreaProductGyCm2 is null && record.ReferenceAirKermaMGy is null && record.FluoroscopyTimeSeconds is null
            && record.CtDoseLengthProductMGyCm is null && record.CtAcquisitions is null)
        {
            return null;
        }

        // The summary code is the one of the HL7 Radiation Dose Summary IG; the components are the DICOM
        // (PS3.16, TID 10001/10011) concepts of an RDSR, in UCUM units.
        var observation = new Observation
        {
            Id = ResourceIds.Derived(record.Id, "radiation-dose"),
            Status = ObservationStatus.Final,
            Code = FhirCodes.Concept(FhirCodes.Loinc, "73569-6",
                "Radiation exposure and protection information [Description] Document Diagnostic imaging", "Radiation dose summary"),
            Subject = patient,
            Effective = record.EndedAt is { } end ? new FhirDateTime(end) : record.StartedAt is { } start ? new FhirDateTime(start) : null,
        };
        observation.Category.Add(FhirCodes.Category("procedure", "Procedure"));
        observation.PartOf.Add(procedure);
        AddDose(observation, "113722", "Dose Area Product Total", record.DoseAreaProductGyCm2, "Gy.cm2", "Gy·cm²");
        AddDose(observation, "113725", "Dose (RP) Total", record.ReferenceAirKermaMGy, "mGy", "mGy");
        AddDose(observation, "113730", "Total Fluoro Time", record.FluoroscopyTimeSeconds, "s", "s");
        AddDose(observation, "113813", "CT Dose Length Product Total", record.CtDoseLengthProductMGyCm, "mGy.cm", "mGy·cm");
        if (record.CtAcquisitions is { } count)
        {
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = FhirCodes.Concept(FhirCodes.Dicom, "113812", "Total Number of Irradiation Events"),
                Value = new Integer(count),
            });
        }

        return observation;
    }

    private static void AddDose(Observation observation, string code, string display, double? value, string unit, string unitDisplay)
    {
        if (value is { } v)
        {
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = FhirCodes.Concept(FhirCodes.Dicom, code, display),
                Value = FhirCodes.Measured(v, unit, unitDisplay),
            });
        }
    }

    public static AdverseEvent AdverseEvent(
        AdverseEventRecord record, ResourceReference patient, ResourceReference? procedure, IEnumerable<ResourceReference> sedation)
    {
        var eventText = string.IsNullOrWhiteSpace(record.Management)
            ? record.Description
            : $"{record.Description} Management: {record.Management}";
        var resource = new AdverseEvent
        {
            Id = ResourceIds.Of(record.Id),
            Actuality = Hl7.Fhir.Model.AdverseEvent.AdverseEventActuality.Actual,
            Event = FhirCodes.Text(eventText),
            Subject = patient,
            Date = new FhirDateTime(record.OnsetAt).ToString(),
            RecordedDate = new FhirDateTime(record.RecordedAt).ToString(),
            Recorder = string.IsNullOrWhiteSpace(record.RecordedBy) ? null : new ResourceReference { Display = record.RecordedBy },
            Seriousness = Seriousness(record),
            Severity = Severity(record),
            Outcome = record.SirSeverity == SirSeverity.Death || record.CirseGrade == CirseGrade.Grade6
                ? new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-outcome", "fatal", "Fatal")
                : null,
        };
        if (procedure is not null)
        {
            resource.SuspectEntity.Add(new AdverseEvent.SuspectEntityComponent { Instance = procedure });
        }

        if (record.SedationRelated)
        {
            foreach (var dose in sedation)
            {
                resource.SuspectEntity.Add(new AdverseEvent.SuspectEntityComponent { Instance = dose });
            }
        }

        return resource;
    }

    // FHIR's severity has three levels; the SIR and CIRSE grades ride along as codings of our CodeSystem.
    private static CodeableConcept Severity(AdverseEventRecord record)
    {
        var (code, display) = record.SirSeverity switch
        {
            SirSeverity.Mild => ("mild", "Mild"),
            SirSeverity.Moderate => ("moderate", "Moderate"),
            _ => ("severe", "Severe"),
        };
        var severity = new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-severity", code, display,
            $"{IrGradeConcepts.DisplayOf(IrGradeConcepts.CodeOf(record.SirSeverity))}; {IrGradeConcepts.DisplayOf(IrGradeConcepts.CodeOf(record.CirseGrade))}");
        foreach (var grade in new[] { IrGradeConcepts.CodeOf(record.SirSeverity), IrGradeConcepts.CodeOf(record.CirseGrade) })
        {
            severity.Coding.Add(new Coding(IrGradeConcepts.CodeSystemUrl, grade, IrGradeConcepts.DisplayOf(grade)));
        }

        return severity;
    }

    private static CodeableConcept Seriousness(AdverseEventRecord record)
    {
        var (code, display) = record.SirSeverity switch
        {
            SirSeverity.Death => ("serious-results-in-death", "Results in death"),
            SirSeverity.LifeThreatening => ("serious-is-life-threatening", "Is Life-threatening"),
            SirSeverity.Severe => ("serious-results-in-hospitalization", "Requires or prolongs inpatient hospitalization"),
            _ => ("non-serious", "Non-serious"),
        };
        return new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", code, display);
    }

    public static DiagnosticReport Report(
        Episodes.Episode episode, ProcedureRecord record, ResourceReference patient, ResourceReference serviceRequest, Observation? dose, FhirExportOptions options)
    {
        var report = new DiagnosticReport
        {
            Id = ResourceIds.Derived(record.Id, "report"),
            Status = record.SignedBy is null ? DiagnosticReport.DiagnosticReportStatus.Preliminary : DiagnosticReport.DiagnosticReportStatus.Final,
            Code = FhirCodes.Concept(FhirCodes.Loinc, "47048-4", "Diagnostic interventional study report Interventional radiology",
                "Interventional radiology procedure report"),
            Subject = patient,
            Issued = record.SignedAt,
            Conclusion = string.IsNullOrWhiteSpace(record.Findings) ? null : record.Findings,
        };
        report.Category.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology"));
        report.BasedOn.Add(serviceRequest);
        if (record.StartedAt is not null || record.EndedAt is not null)
        {
            report.Effective = new Period
            {
                Start = record.StartedAt is { } s ? new FhirDateTime(s).ToString() : null,
                End = record.EndedAt is { } e ? new FhirDateTime(e).ToString() : null,
            };
        }

        if (record.SignedBy is not null)
        {
            report.ResultsInterpreter.Add(new ResourceReference { Display = record.SignedBy });
        }

        if (dose is not null)
        {
            report.Result.Add(ResourceIds.Reference(dose));
        }

        if (options.ReportPdf?.Invoke(episode) is { Length: > 0 } pdf)
        {
            report.PresentedForm.Add(new Attachment
            {
                ContentType = "application/pdf",
                Language = "en",
                Data = pdf,
                Title = "Procedure report",
                Creation = record.SignedAt is { } signed ? new FhirDateTime(signed).ToString() : null,
            });
        }

        return report;
    }
}
