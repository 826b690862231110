using Seldinger.Clinical.Recovery;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals/{id}/follow-ups</c>.</summary>
public sealed record FollowUpRequest(
    FollowUpKind? Kind,
    string? Description,
    DateOnly? Due,
    string? AssignedTo = null);
