using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Enteric;

/// <summary>One voxel of the anterior gastric wall and whether a needle from the skin reaches it safely.</summary>
/// <param name="Point">Centre of the wall voxel (the outermost stomach voxel), LPS mm.</param>
/// <param name="Normal">Outward unit normal of the wall there (gradient of the stomach mask smoothed over a ball of 3 voxels).</param>
/// <param name="AreaMm2">The wall area the voxel stands for, mm² (its exposed faces projected on the normal).</param>
/// <param name="InWindow">Whether a safe needle route reaches it.</param>
/// <param name="Component">The connected part of the window it belongs to (1-based), 0 outside the window.</param>
/// <param name="Route">The safe route (the one closest to the wall normal), or null outside the window.</param>
/// <param name="AngleToNormalDeg">Angle between that route and the wall normal, degrees, or null.</param>
/// <param name="Rejection">Why the route along the wall normal fails, or null when it is safe.</param>
public sealed record GastricWallPoint(
    WorldPoint Point,
    Vector3D Normal,
    double AreaMm2,
    bool InWindow,
    int Component,
    NeedlePathEvaluation? Route,
    double? AngleToNormalDeg,
    string? Rejection);
