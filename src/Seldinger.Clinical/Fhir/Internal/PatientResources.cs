using Hl7.Fhir.Model;
using Seldinger.Clinical.Patients;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace Seldinger.Clinical.Fhir.Internal;

// Patient, body measurements and allergies.
internal static class PatientResources
{
    public static FhirPatient Patient(Patients.Patient patient, FhirExportOptions options)
    {
        var resource = new FhirPatient
        {
            Id = ResourceIds.Of(patient.Id),
            Active = true,
            Gender = patient.Sex switch
            {
                AdministrativeSex.Female => AdministrativeGender.Female,
                AdministrativeSex.Male => AdministrativeGender.Male,
                AdministrativeSex.Other => AdministrativeGender.Other,
                _ => AdministrativeGender.Unknown,
            },
            BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        resource.Identifier.Add(new Identifier(options.MrnSystem, patient.MedicalRecordNumber)
        {
            Use = Identifier.IdentifierUse.Usual,
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number"),
        });
        resource.Name.Add(new HumanName
        {
            Use = HumanName.NameUse.Official,
            Family = patient.FamilyName,
            Given = [patient.GivenName],
        });
        resource.Communication.Add(new FhirPatient.CommunicationComponent
        {
            Language = Language(patient.PreferredLanguage),
            Preferred = true,
        });
        foreach (var guardian in patient.Guardians)
        {
            var contact = new FhirPatient.ContactComponent
            {
                Name = new HumanName { Text = guardian.Name },
            };
            // The relationship is free text in the record ("mother", "legal guardian"); v2-0131 has no such codes.
            contact.Relationship.Add(FhirCodes.Text(guardian.Relationship));
            if (!string.IsNullOrWhiteSpace(guardian.Phone))
            {
                contact.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, guardian.Phone));
            }

            resource.Contact.Add(contact);
        }

        return resource;
    }

    public static CodeableConcept Language(FamilyLanguage language) => language switch
    {
        FamilyLanguage.Spanish => new CodeableConcept("urn:ietf:bcp:47", "es", "Spanish"),
        _ => new CodeableConcept("urn:ietf:bcp:47", "en", "English"),
    };

    public static IEnumerable<Observation> Measurements(Patients.Patient patient, ResourceReference subject)
    {
        foreach (var measurement in patient.Measurements.OrderBy(m => m.MeasuredAt).ThenBy(m => m.Id))
        {
            yield return Vital(
                ResourceIds.Derived(measurement.Id, "body-weight"), subject, measurement.MeasuredAt,
                FhirCodes.Concept(FhirCodes.Loinc, "29463-7", "Body weight", "Body weight"),
                FhirCodes.Measured(measurement.WeightKg, "kg"));
            if (measurement.HeightCm is { } height)
            {
                yield return Vital(
                    ResourceIds.Derived(measurement.Id, "body-height"), subject, measurement.MeasuredAt,
                    FhirCodes.Concept(FhirCodes.Loinc, "8302-2", "Body height", "Body height"),
                    FhirCodes.Measured(height, "cm"));
            }
        }
    }

    public static Observation Vital(string id, ResourceReference subject, DateTimeOffset at, CodeableConcept code, DataType? value)
    {
        var observation = new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Code = code,
            Subject = subject,
            Effective = new FhirDateTime(at),
            Value = value,
        };
        observation.Category.Add(FhirCodes.Category("vital-signs", "Vital Signs"));
        return observation;
    }

    public static AllergyIntolerance Allergy(Allergy allergy, ResourceReference patient)
    {
        var resource = new AllergyIntolerance
        {
            Id = ResourceIds.Of(allergy.Id),
            ClinicalStatus = new CodeableConcept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"),
            Code = FhirCodes.Text(allergy.Substance),
            Patient = patient,
            Criticality = allergy.Severity == AllergySeverity.Severe
                ? AllergyIntolerance.AllergyIntoleranceCriticality.High
                : AllergyIntolerance.AllergyIntoleranceCriticality.Low,
        };
        AllergyIntolerance.AllergyIntoleranceCategory? category = allergy.Category switch
        {
            // Iodinated and gadolinium contrast are drugs to FHIR.
            AllergyCategory.Contrast or AllergyCategory.Drug => AllergyIntolerance.AllergyIntoleranceCategory.Medication,
            AllergyCategory.Food => AllergyIntolerance.AllergyIntoleranceCategory.Food,
            AllergyCategory.Latex => AllergyIntolerance.AllergyIntoleranceCategory.Environment,
            _ => null,
        };
        if (category is { } c)
        {
            resource.Category = [c];
        }

        if (!string.IsNullOrWhiteSpace(allergy.Reaction))
        {
            var reaction = new AllergyIntolerance.ReactionComponent
            {
                Severity = allergy.Severity switch
                {
                    AllergySeverity.Mild => AllergyIntolerance.AllergyIntoleranceSeverity.Mild,
                    AllergySeverity.Moderate => AllergyIntolerance.AllergyIntoleranceSeverity.Moderate,
                    _ => AllergyIntolerance.AllergyIntoleranceSeverity.Severe,
                },
            };
            reaction.Manifestation.Add(FhirCodes.Text(allergy.Reaction));
            resource.Reaction.Add(reaction);
        }

        return resource;
    }
}
