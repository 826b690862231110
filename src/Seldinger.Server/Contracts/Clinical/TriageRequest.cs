using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;
using Seldinger.Planning;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals/{id}/triage</c>: accept (with procedure, priority, guidance, sedation), decline or request information.</summary>
public sealed record TriageRequest(
    TriageOutcome? Outcome,
    string? ProcedureId,
    ReferralPriority? Priority,
    GuidanceModality? Guidance,
    SedationLevel? PlannedSedation,
    string? Note,
    int? Version);
