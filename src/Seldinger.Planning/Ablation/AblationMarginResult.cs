using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// The ablative margin of a zone around a target (tumor): at every target voxel, the signed distance (mm) to the zone's
/// surface, positive inside the zone. The minimal margin is the single most important number for local recurrence.
/// </summary>
/// <param name="MinimalMarginMm">Smallest margin over the target; negative when part of the target lies outside the zone.</param>
/// <param name="MinimalMarginAt">Target voxel centre where the minimal margin is found (mm, LPS).</param>
/// <param name="TargetCoveredFraction">Fraction of target voxels inside the zone.</param>
/// <param name="SurfaceFractionAtLeast5Mm">Fraction of the target's surface voxels with a margin of 5 mm or more.</param>
/// <param name="SurfaceFractionAtLeast10Mm">Fraction of the target's surface voxels with a margin of 10 mm or more.</param>
/// <param name="MarginMap">Margin (mm) at every target voxel; NaN elsewhere. On the zone's grid.</param>
/// <param name="SurfaceMask">1 on target voxels with a 6-neighbour outside the target (the voxels a colour map shows).</param>
public sealed record AblationMarginResult(
    double MinimalMarginMm,
    WorldPoint MinimalMarginAt,
    double TargetCoveredFraction,
    double SurfaceFractionAtLeast5Mm,
    double SurfaceFractionAtLeast10Mm,
    Volume<float> MarginMap,
    Volume<byte> SurfaceMask);
