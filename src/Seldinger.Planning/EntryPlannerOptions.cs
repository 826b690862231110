using System.Collections.Frozen;
using Seldinger.Imaging;

namespace Seldinger.Planning;

/// <summary>Settings of <see cref="EntryPlanner.Plan"/>.</summary>
public sealed record EntryPlannerOptions
{
    /// <summary>The tissues a percutaneous needle may pass through by default: skin, fat, muscle, liver and the lesion.</summary>
    public static IReadOnlySet<byte> DefaultAllowedTissues { get; } = new[]
    {
        (byte)TissueLabel.Skin, (byte)TissueLabel.Fat, (byte)TissueLabel.Muscle, (byte)TissueLabel.Liver, (byte)TissueLabel.Lesion,
    }.ToFrozenSet();

    /// <summary>Usable needle length, mm; longer paths are rejected as "too long".</summary>
    public double MaximumLengthMm { get; init; } = 150;

    /// <summary>
    /// Labels the path may pass through. Anything else (bowel, vessel, bone, kidney, spleen, lung…)
    /// rejects the path as "crosses …". The label at the target is always allowed.
    /// </summary>
    public IReadOnlySet<byte> AllowedTissues { get; init; } = DefaultAllowedTissues;

    /// <summary>Label of the candidate entry voxels (the outer layer of this label is used).</summary>
    public byte EntryLabel { get; init; } = (byte)TissueLabel.Skin;

    /// <summary>Keep one entry candidate in <c>CandidateStride</c>: voxels with (i + j + k) divisible by it (1 = all).</summary>
    public int CandidateStride { get; init; } = 1;

    /// <summary>Largest angle to the axial plane, degrees (90 = no limit; smaller values keep CT-guided paths near one slice).</summary>
    public double MaximumInsertionAngleDeg { get; init; } = 90;

    /// <summary>How many ranked paths to return.</summary>
    public int MaximumResults { get; init; } = 5;

    /// <summary>Ranked paths have entry points at least this far apart, mm, so the proposals are real alternatives.</summary>
    public double MinimumEntrySeparationMm { get; init; } = 10;

    /// <summary>Clearance beyond the margins that still adds to the score, mm.</summary>
    public double ClearanceCapMm { get; init; } = 20;

    /// <summary>Score per mm of clearance beyond the margin (up to <see cref="ClearanceCapMm"/>).</summary>
    public double ClearanceWeightPerMm { get; init; } = 1;

    /// <summary>Score lost per mm of path length.</summary>
    public double LengthWeightPerMm { get; init; } = 0.1;

    /// <summary>Score lost per degree of angle to the axial plane.</summary>
    public double AngleWeightPerDeg { get; init; } = 0.1;
}
