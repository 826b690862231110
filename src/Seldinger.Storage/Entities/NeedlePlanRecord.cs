namespace Seldinger.Storage.Entities;

/// <summary>A stored needle plan: the chosen path and the numbers it was judged by.</summary>
public sealed class NeedlePlanRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The case this plan belongs to.</summary>
    public Guid CaseId { get; set; }

    /// <summary>When the plan was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>"automatic" for the planner's choice, "manual" for a path entered by a person.</summary>
    public required string Method { get; set; }

    /// <summary>Skin entry point, LPS mm.</summary>
    public double EntryX { get; set; }

    /// <inheritdoc cref="EntryX"/>
    public double EntryY { get; set; }

    /// <inheritdoc cref="EntryX"/>
    public double EntryZ { get; set; }

    /// <summary>Target point, LPS mm.</summary>
    public double TargetX { get; set; }

    /// <inheritdoc cref="TargetX"/>
    public double TargetY { get; set; }

    /// <inheritdoc cref="TargetX"/>
    public double TargetZ { get; set; }

    /// <summary>Path length in millimetres.</summary>
    public double LengthMm { get; set; }

    /// <summary>Angle between the path and the axial plane, degrees.</summary>
    public double InsertionAngleDeg { get; set; }

    /// <summary>Whether every hard constraint and margin was met.</summary>
    public bool IsSafe { get; set; }

    /// <summary>Per-structure clearances as JSON (name, minimum distance, margin, crossed).</summary>
    public required string ClearancesJson { get; set; }

    /// <summary>Number of candidate entries the planner considered (0 for a manual path).</summary>
    public int CandidatesConsidered { get; set; }

    /// <summary>Rejection counts by reason as JSON.</summary>
    public string RejectionsJson { get; set; } = "{}";
}
