using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Malformations;

/// <summary>One superficial lesion (a vesicle) of a lesion map: a connected component of the lesion label.</summary>
/// <param name="Name">Display name, <c>vesicle 1</c>, <c>vesicle 2</c>… (largest first).</param>
/// <param name="Center">Centroid of its voxel centres, LPS mm.</param>
/// <param name="VoxelCount">Number of voxels.</param>
/// <param name="VolumeMm3">Volume, mm³.</param>
/// <param name="EquivalentDiameterMm">Diameter of the sphere of the same volume, mm.</param>
/// <param name="LargestDiameterMm">Largest distance between two of its voxel centres plus the voxel's extent along that direction, mm.</param>
/// <param name="AreaMm2">Footprint: the cross-section of the sphere of the same volume, π·(d/2)², mm².</param>
/// <param name="Side"><c>right</c> or <c>left</c> of the patient (sign of the L coordinate), or <c>midline</c>.</param>
/// <param name="NearestLandmark">The nearest named landmark, or null when the case has none.</param>
/// <param name="NearestLandmarkDistanceMm">Distance to it, mm, or null.</param>
public sealed record SurfaceLesion(
    string Name,
    WorldPoint Center,
    long VoxelCount,
    double VolumeMm3,
    double EquivalentDiameterMm,
    double LargestDiameterMm,
    double AreaMm2,
    string Side,
    string? NearestLandmark,
    double? NearestLandmarkDistanceMm);
