using Seldinger.Clinical.Recovery;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>One row of the follow-up worklist.</summary>
public sealed record FollowUpDto(
    Guid Id,
    Guid ReferralId,
    Guid PatientId,
    string PatientDisplayName,
    FollowUpKind Kind,
    string Description,
    DateOnly Due,
    FollowUpStatus Status,
    string? AssignedTo,
    DateTimeOffset? CompletedAt,
    string Note,
    int Version);
