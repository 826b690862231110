using Hl7.Fhir.Model;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Planning;
using FhirAppointment = Hl7.Fhir.Model.Appointment;
using FhirTask = Hl7.Fhir.Model.Task;

namespace Seldinger.Clinical.Fhir.Internal;

// The referral (ServiceRequest), its appointment, consents and follow-up tasks.
internal static class RequestResources
{
    public static CodeableConcept? ProcedureCode(string? procedureId, ProcedureDefinition? procedure)
    {
        if (string.IsNullOrWhiteSpace(procedureId))
        {
            return null;
        }

        var display = procedure is not null && string.Equals(procedure.Id, procedureId, StringComparison.Ordinal) ? procedure.Name : null;
        return FhirCodes.Concept(FhirCodes.IrProcedure, procedureId, display, display ?? procedureId);
    }

    public static ServiceRequest ServiceRequest(Referral referral, ProcedureDefinition? procedure, ResourceReference patient)
    {
        var resource = new ServiceRequest
        {
            Id = ResourceIds.Of(referral.Id),
            Status = referral.Status switch
            {
                ReferralStatus.MoreInformationRequested => RequestStatus.OnHold,
                ReferralStatus.Declined or ReferralStatus.Cancelled => RequestStatus.Revoked,
                ReferralStatus.Completed => RequestStatus.Completed,
                _ => RequestStatus.Active,
            },
            // A referral stays the referrer's order through triage; FHIR treats a change of intent as a new request.
            Intent = RequestIntent.Order,
            Priority = referral.Priority switch
            {
                ReferralPriority.Routine => RequestPriority.Routine,
                ReferralPriority.Urgent => RequestPriority.Urgent,
                ReferralPriority.Emergent => RequestPriority.Stat,
                _ => null,
            },
            Code = ProcedureCode(referral.ProcedureId ?? referral.SuggestedProcedureId, procedure),
            Subject = patient,
            AuthoredOn = new FhirDateTime(referral.SubmittedAt).ToString(),
            Requester = new ResourceReference
            {
                Display = string.IsNullOrWhiteSpace(referral.ReferringService)
                    ? referral.ReferringClinician
                    : $"{referral.ReferringClinician} ({referral.ReferringService})",
            },
        };
        resource.ReasonCode.Add(FhirCodes.Text(referral.Reason));
        if (!string.IsNullOrWhiteSpace(referral.Request))
        {
            resource.Note.Add(new Annotation { Text = new Markdown("Request: " + referral.Request) });
        }

        if (!string.IsNullOrWhiteSpace(referral.TriageNote))
        {
            resource.Note.Add(new Annotation
            {
                Text = new Markdown("Triage: " + referral.TriageNote),
                Author = referral.TriagedBy is null ? null : new FhirString(referral.TriagedBy),
                Time = referral.TriagedAt is { } at ? new FhirDateTime(at).ToString() : null,
            });
        }

        return resource;
    }

    public static FhirAppointment Appointment(
        Scheduling.Appointment appointment, Scheduling.ProcedureRoom? room, ResourceReference patient,
        ResourceReference serviceRequest, CodeableConcept? procedureCode)
    {
        var resource = new FhirAppointment
        {
            Id = ResourceIds.Of(appointment.Id),
            Status = appointment.Status switch
            {
                Scheduling.AppointmentStatus.Booked => FhirAppointment.AppointmentStatus.Booked,
                Scheduling.AppointmentStatus.CheckedIn => FhirAppointment.AppointmentStatus.CheckedIn,
                Scheduling.AppointmentStatus.InProgress => FhirAppointment.AppointmentStatus.Arrived,
                Scheduling.AppointmentStatus.Completed => FhirAppointment.AppointmentStatus.Fulfilled,
                Scheduling.AppointmentStatus.Cancelled => FhirAppointment.AppointmentStatus.Cancelled,
                _ => FhirAppointment.AppointmentStatus.Noshow,
            },
            Start = appointment.Start,
            End = appointment.End,
            MinutesDuration = appointment.DurationMinutes,
            Description = appointment.WithAnaesthesia ? "Image-guided procedure with anaesthesia" : "Image-guided procedure",
        };
        if (procedureCode is not null)
        {
            resource.ServiceType.Add(procedureCode);
        }

        resource.BasedOn.Add(serviceRequest);
        resource.Participant.Add(new FhirAppointment.ParticipantComponent
        {
            Actor = patient,
            Required = FhirAppointment.ParticipantRequired.Required,
            Status = ParticipationStatus.Accepted,
        });
        if (room is not null)
        {
            resource.Participant.Add(new FhirAppointment.ParticipantComponent
            {
                Actor = new ResourceReference { Type = "Location", Display = room.Name },
                Required = FhirAppointment.ParticipantRequired.Required,
                Status = ParticipationStatus.Accepted,
            });
        }

        return resource;
    }

    public static Consent Consent(ConsentRecord consent, ResourceReference patient)
    {
        var resource = new Consent
        {
            Id = ResourceIds.Of(consent.Id),
            Status = consent.Granted ? Hl7.Fhir.Model.Consent.ConsentState.Active : Hl7.Fhir.Model.Consent.ConsentState.Rejected,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"),
            Patient = patient,
            DateTime = new FhirDateTime(consent.At).ToString(),
            Provision = new Consent.provisionComponent
            {
                Type = consent.Granted ? Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit : Hl7.Fhir.Model.Consent.ConsentProvisionType.Deny,
            },
        };
        // ppc-5: a treatment consent carries the LOINC consent-document category.
        var category = new CodeableConcept(FhirCodes.Loinc, "59284-0", null, KindText(consent.Kind));
        resource.Category.Add(category);
        // ppc-1 asks for a policy; the hospital's own consent policy for the procedure is the rule.
        resource.PolicyRule = FhirCodes.Text("Hospital consent policy: " + KindText(consent.Kind));
        var by = string.IsNullOrWhiteSpace(consent.Relationship) ? consent.GivenBy : $"{consent.GivenBy} ({consent.Relationship})";
        resource.Performer.Add(new ResourceReference { Display = by });
        if (!string.IsNullOrWhiteSpace(consent.Interpreter))
        {
            resource.Verification.Add(new Consent.VerificationComponent
            {
                Verified = true,
                VerifiedWith = new ResourceReference { Display = "Interpreter: " + consent.Interpreter },
                VerificationDate = new FhirDateTime(consent.At).ToString(),
            });
        }

        return resource;
    }

    private static string KindText(ConsentKind kind) => kind switch
    {
        ConsentKind.Procedure => "Consent to the procedure",
        ConsentKind.Sedation => "Consent to sedation or anaesthesia",
        ConsentKind.Assent => "Assent of the child",
        _ => "Consent to blood products",
    };

    public static FhirTask Task(FollowUpTask task, ResourceReference patient, ResourceReference serviceRequest, ResourceReference? procedure)
    {
        var resource = new FhirTask
        {
            Id = ResourceIds.Of(task.Id),
            Status = task.Status switch
            {
                FollowUpStatus.Done => FhirTask.TaskStatus.Completed,
                FollowUpStatus.Cancelled => FhirTask.TaskStatus.Cancelled,
                _ => FhirTask.TaskStatus.Requested,
            },
            Intent = FhirTask.TaskIntent.Order,
            Code = FhirCodes.Text(KindText(task.Kind)),
            Description = task.Description,
            For = patient,
            Focus = procedure ?? serviceRequest,
            Restriction = new FhirTask.RestrictionComponent
            {
                Period = new Period { End = task.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            },
            Owner = task.AssignedTo is null ? null : new ResourceReference { Display = task.AssignedTo },
            ExecutionPeriod = task.CompletedAt is { } done ? new Period { End = new FhirDateTime(done).ToString() } : null,
        };
        resource.BasedOn.Add(serviceRequest);
        if (!string.IsNullOrWhiteSpace(task.Note))
        {
            resource.Note.Add(new Annotation { Text = new Markdown(task.Note) });
        }

        return resource;
    }

    private static string KindText(FollowUpKind kind) => kind switch
    {
        FollowUpKind.DrainCheck => "Drain check",
        FollowUpKind.LineCare => "Line care",
        FollowUpKind.ClinicVisit => "Clinic visit",
        FollowUpKind.Imaging => "Follow-up imaging",
        FollowUpKind.ResultCall => "Result call",
        _ => "Follow-up",
    };
}
