namespace Seldinger.Planning.Needles;

/// <summary>
/// Settings of <see cref="NeedleRoutePlanner"/> that are not clinical limits: how many proposals to
/// return, how far apart they are, and when a soft objective is poor enough to earn a caution. The
/// clinical numbers (margins, device lengths, objective weights) come from the procedure catalogue.
/// </summary>
public sealed record NeedlePlannerOptions
{
    /// <summary>The default settings.</summary>
    public static NeedlePlannerOptions Default { get; } = new();

    /// <summary>How many ranked routes a plan proposes.</summary>
    public int MaximumRoutes { get; init; } = 5;

    /// <summary>Proposed entries are at least this far apart, mm, so they are real alternatives.</summary>
    public double MinimumEntrySeparationMm { get; init; } = 10;

    /// <summary>Clearance beyond the margins that still adds to the score and to the Pareto front, mm.</summary>
    public double ClearanceCapMm { get; init; } = 20;

    /// <summary>How many pockets of a collection are tried, deepest first, when the deeper ones have no safe route.</summary>
    public int MaximumPocketTries { get; init; } = 4;

    /// <summary>Pockets tried after the deepest are at least this far from those already tried, mm.</summary>
    public double PocketSeparationMm { get; init; } = 10;

    /// <summary>
    /// Largest distance between the ribs above and below a point of the path for the point to count as
    /// between two ribs (the intercostal rule), mm; larger gaps are not an intercostal space.
    /// </summary>
    public double IntercostalWindowMm { get; init; } = 40;

    /// <summary>A caution is given when the proposal's clearance beyond the margins is below this, mm.</summary>
    public double CautionSurplusMm { get; init; } = 2;

    /// <summary>A caution is given when the proposal is more than this far out of the axial plane (procedures that prefer in-plane paths), degrees.</summary>
    public double CautionAngleDeg { get; init; } = 30;

    /// <summary>A caution is given when the proposal uses more than this fraction of the device's length.</summary>
    public double CautionLengthFraction { get; init; } = 0.9;

    /// <summary>
    /// Called after each phase of a plan with the phase's name and duration (<c>target</c>, <c>distance maps</c>,
    /// <c>rules</c>, <c>sweep</c>, <c>ranking and Pareto front</c>, <c>routes and plan</c>), for benchmarks and logs;
    /// the plan does not depend on it.
    /// </summary>
    public Action<string, TimeSpan>? OnPhase { get; init; }

    /// <summary>A landmark is named in a warning when it is this close to the point concerned (beyond its radius), mm.</summary>
    public double LandmarkRadiusMm { get; init; } = 10;
}
