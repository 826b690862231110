using Seldinger.Clinical.Recovery;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>PUT /api/follow-ups/{id}</c>: mark done or cancelled, move the due date, reassign.</summary>
public sealed record FollowUpUpdateRequest(
    FollowUpStatus? Status,
    string? Note,
    DateOnly? Due,
    string? AssignedTo,
    int? Version);
