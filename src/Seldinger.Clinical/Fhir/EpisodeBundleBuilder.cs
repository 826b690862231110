using Hl7.Fhir.Model;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Fhir.Internal;
using Seldinger.Planning;

namespace Seldinger.Clinical.Fhir;

/// <summary>
/// Turns one episode (a referral and everything recorded around it) into a FHIR R4 Bundle of type
/// <c>collection</c>: every resource once, full URLs <c>urn:uuid:&lt;id&gt;</c>, references between the
/// entries. A collection rather than a <c>document</c>: the episode is a set of records for another
/// system to file, not one attested clinical document, and a document would need a Composition whose
/// sections and author nobody signs as such (the signed procedure report travels as the DiagnosticReport).
/// </summary>
public static class EpisodeBundleBuilder
{
    /// <summary>Builds the bundle. The same episode always gives the same ids and, without a timestamp, the same JSON.</summary>
    /// <param name="episode">The episode to export.</param>
    /// <param name="procedure">
    /// The catalogue entry of the episode's procedure, for the display of the procedure code; null when no
    /// procedure is chosen yet (the catalogue id alone is then written when the referral names one).
    /// </param>
    /// <param name="options">Site choices (MRN system, timestamp, report PDF).</param>
    /// <exception cref="ClinicalValidationException">The episode's parts belong to different patients or referrals.</exception>
    public static Bundle Build(Episode episode, ProcedureDefinition? procedure, FhirExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(options);
        Check(episode);

        var entries = new List<Resource>();
        var patient = PatientResources.Patient(episode.Patient, options);
        var patientRef = ResourceIds.Reference(patient, episode.Patient.DisplayName);
        entries.Add(patient);
        entries.AddRange(PatientResources.Measurements(episode.Patient, patientRef));
        entries.AddRange(episode.Patient.Allergies.OrderBy(a => a.Id).Select(a => PatientResources.Allergy(a, patientRef)));

        var referral = episode.Referral;
        var request = RequestResources.ServiceRequest(referral, procedure, patientRef);
        var requestRef = ResourceIds.Reference(request);
        entries.Add(request);

        if (episode.Appointment is { } appointment)
        {
            entries.Add(RequestResources.Appointment(appointment, episode.Room, patientRef, requestRef, request.Code));
        }

        entries.AddRange(episode.Labs.OrderBy(l => l.CollectedAt).ThenBy(l => l.Id).Select(l => ObservationResources.Lab(l, patientRef)));
        entries.AddRange(episode.Consents.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => RequestResources.Consent(c, patientRef)));

        ResourceReference? procedureRef = null;
        var sedationRefs = new List<ResourceReference>();
        if (episode.Procedure is { } record)
        {
            var code = RequestResources.ProcedureCode(record.ProcedureId, procedure);
            var fhirProcedure = ProcedureResources.Procedure(record, code, patientRef, requestRef, episode.Room);
            procedureRef = ResourceIds.Reference(fhirProcedure);
            entries.Add(fhirProcedure);
            for (var i = 0; i < record.Devices.Count; i++)
            {
                var device = ProcedureResources.Device(record, i, record.Devices[i], patientRef);
                fhirProcedure.UsedReference.Add(ResourceIds.Reference(device, record.Devices[i].Description));
                entries.Add(device);
            }

            for (var i = 0; i < record.SedationDoses.Count; i++)
            {
                var dose = ProcedureResources.Sedation(record, i, record.SedationDoses[i], patientRef, procedureRef);
                sedationRefs.Add(ResourceIds.Reference(dose));
                entries.Add(dose);
            }

            var radiation = ProcedureResources.RadiationDose(record, patientRef, procedureRef);
            if (radiation is not null)
            {
                entries.Add(radiation);
            }

            var report = ProcedureResources.Report(episode, record, patientRef, requestRef, radiation, options);
            fhirProcedure.Report.Add(ResourceIds.Reference(report));
            entries.Add(report);
        }

        entries.AddRange(episode.AdverseEvents.OrderBy(a => a.OnsetAt).ThenBy(a => a.Id)
            .Select(a => ProcedureResources.AdverseEvent(a, patientRef, procedureRef, sedationRefs)));
        entries.AddRange(episode.Vitals.OrderBy(v => v.At).ThenBy(v => v.Id).SelectMany(v => ObservationResources.Vitals(v, patientRef)));
        entries.AddRange(episode.FollowUps.OrderBy(f => f.Due).ThenBy(f => f.Id)
            .Select(f => RequestResources.Task(f, patientRef, requestRef, procedureRef)));

        var bundle = new Bundle
        {
            Id = ResourceIds.Derived(referral.Id, "bundle"),
            Type = Bundle.BundleType.Collection,
            Identifier = new Identifier("urn:ietf:rfc:3986", ResourceIds.FullUrl(ResourceIds.Derived(referral.Id, "bundle"))),
            Timestamp = options.Timestamp,
        };
        foreach (var resource in entries)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = ResourceIds.Reference(resource).Reference, Resource = resource });
        }

        return bundle;
    }

    private static void Check(Episode episode)
    {
        var errors = new Dictionary<string, string[]>();
        var patientId = episode.Patient.Id;
        var referralId = episode.Referral.Id;
        if (episode.Referral.PatientId != patientId)
        {
            errors["referral.patientId"] = ["The referral belongs to another patient than the episode's."];
        }

        if (episode.Appointment is { } a && a.ReferralId != referralId)
        {
            errors["appointment.referralId"] = ["The appointment belongs to another referral."];
        }

        if (episode.Procedure is { } p && p.ReferralId != referralId)
        {
            errors["procedure.referralId"] = ["The procedure record belongs to another referral."];
        }

        if (episode.Labs.Any(l => l.PatientId != patientId))
        {
            errors["labs.patientId"] = ["A laboratory result belongs to another patient."];
        }

        if (episode.Consents.Any(c => c.ReferralId != referralId))
        {
            errors["consents.referralId"] = ["A consent belongs to another referral."];
        }

        if (episode.AdverseEvents.Any(e => e.ReferralId != referralId))
        {
            errors["adverseEvents.referralId"] = ["An adverse event belongs to another referral."];
        }

        if (errors.Count > 0)
        {
            throw new ClinicalValidationException(errors);
        }
    }
}
