using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning;

/// <summary>How close a needle path comes to one protected structure.</summary>
/// <param name="Structure">The structure.</param>
/// <param name="MinimumDistanceMm">
/// Smallest distance from the path to the centre of a voxel of the structure, mm
/// (within the tolerance documented on <see cref="NeedlePathEvaluator"/>); +∞ when the volume has none.
/// </param>
/// <param name="ClosestPointOnPath">The point of the path where that distance is reached.</param>
/// <param name="Crossed">Whether the path passes through a voxel of the structure.</param>
/// <param name="ViolatesMargin">Whether the path crosses the structure or comes closer than its margin.</param>
public sealed record StructureClearance(
    ProtectedStructure Structure,
    double MinimumDistanceMm,
    WorldPoint ClosestPointOnPath,
    bool Crossed,
    bool ViolatesMargin);
