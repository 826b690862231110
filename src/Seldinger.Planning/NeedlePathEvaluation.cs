namespace Seldinger.Planning;

/// <summary>The measurements of one needle path against the protected structures.</summary>
public sealed record NeedlePathEvaluation
{
    /// <summary>The evaluated path.</summary>
    public required NeedlePath Path { get; init; }

    /// <summary>Path length, mm.</summary>
    public required double LengthMm { get; init; }

    /// <summary>
    /// Angle between the path and the axial plane of patient space, degrees:
    /// 0 = in the axial plane (one CT slice), 90 = craniocaudal.
    /// </summary>
    public required double InsertionAngleDeg { get; init; }

    /// <summary>One entry per protected structure, in the evaluator's order.</summary>
    public required IReadOnlyList<StructureClearance> Clearances { get; init; }

    /// <summary>The label values the path passes through (nearest voxel at each sample), ascending.</summary>
    public required IReadOnlyList<byte> TraversedLabels { get; init; }

    /// <summary>
    /// The smallest clearance beyond the required margin over all structures, mm
    /// (negative when a margin is violated; +∞ when there are no structures).
    /// </summary>
    public required double MinimumMarginSurplusMm { get; init; }

    /// <summary>Whether no protected structure is crossed and every margin is kept.</summary>
    public required bool IsSafe { get; init; }
}
