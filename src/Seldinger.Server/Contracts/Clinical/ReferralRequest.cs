using Seldinger.Clinical.Referrals;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals</c>: the patient by MRN (found, or created from the demographics given) and the request.</summary>
public sealed record ReferralRequest(
    PatientRequest? Patient,
    string? Reason,
    string? Request = null,
    string? SuggestedProcedureId = null,
    string? ReferringService = null,
    ReferralPriority? Priority = null,
    Guid? CaseId = null,
    string? StudyInstanceUid = null);
