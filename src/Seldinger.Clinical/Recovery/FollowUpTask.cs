namespace Seldinger.Clinical.Recovery;

/// <summary>Something to do after the procedure (drain check, line care, clinic visit, imaging, result call).</summary>
public sealed class FollowUpTask : IVersionedRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode).</summary>
    public Guid ReferralId { get; set; }

    /// <summary>Kind.</summary>
    public FollowUpKind Kind { get; set; }

    /// <summary>What to do, e.g. "pathology result call".</summary>
    public required string Description { get; set; }

    /// <summary>Due date.</summary>
    public DateOnly Due { get; set; }

    /// <summary>Status.</summary>
    public FollowUpStatus Status { get; set; } = FollowUpStatus.Open;

    /// <summary>User name it is assigned to, if any.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>When it was done.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Outcome note.</summary>
    public string Note { get; set; } = "";

    /// <inheritdoc />
    public int Version { get; set; } = 1;
}
