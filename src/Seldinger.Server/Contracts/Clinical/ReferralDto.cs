using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;
using Seldinger.Planning;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>A referral as the API shows it, with the patient's name and MRN.</summary>
public sealed record ReferralDto(
    Guid Id,
    Guid PatientId,
    string PatientDisplayName,
    string PatientMedicalRecordNumber,
    string ReferringClinician,
    string ReferringService,
    string Reason,
    string Request,
    string? SuggestedProcedureId,
    Guid? CaseId,
    string? StudyInstanceUid,
    ReferralStatus Status,
    DateTimeOffset SubmittedAt,
    string? ProcedureId,
    ReferralPriority? Priority,
    GuidanceModality? Guidance,
    SedationLevel? PlannedSedation,
    string? TriagedBy,
    DateTimeOffset? TriagedAt,
    string TriageNote,
    Guid? PlanId,
    int Version);
