using Seldinger.Clinical.AdverseEvents;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST</c>/<c>PUT /api/referrals/{id}/adverse-events</c>; <c>version</c> on update.</summary>
public sealed record AdverseEventRequest(
    DateTimeOffset? OnsetAt,
    string? Description,
    SirSeverity? SirSeverity,
    CirseGrade? CirseGrade,
    bool SedationRelated = false,
    string? Management = null,
    int? Version = null);
