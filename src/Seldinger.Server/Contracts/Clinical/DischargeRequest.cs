using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Recovery;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals/{id}/discharge</c>. Same-day home needs the criteria met or a physician's override reason; admission needs a reason.</summary>
public sealed record DischargeRequest(
    DischargeDisposition? Disposition,
    DateTimeOffset? At = null,
    string? AdmissionReason = null,
    string? OverrideReason = null,
    string? ReleasedTo = null,
    FamilyLanguage? InstructionsLanguage = null);
