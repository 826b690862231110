using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Referrals;

/// <summary>An IR physician's triage of a referral.</summary>
/// <param name="Outcome">Accept, decline or ask for information.</param>
/// <param name="ProcedureId">Catalogue procedure (required to accept).</param>
/// <param name="Priority">Priority (required to accept).</param>
/// <param name="Guidance">Guidance modality, one the procedure lists (required to accept).</param>
/// <param name="Sedation">Planned sedation, when known.</param>
/// <param name="Note">Triage note; the reason of a decline or the question to the referrer (required for both).</param>
public sealed record TriageDecision(
    TriageOutcome Outcome,
    string? ProcedureId = null,
    ReferralPriority? Priority = null,
    GuidanceModality? Guidance = null,
    SedationLevel? Sedation = null,
    string Note = "");
