using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>The lumen cut by a plane perpendicular to the vessel axis.</summary>
/// <param name="Centre">Where the plane was placed, LPS mm.</param>
/// <param name="Axis">Unit normal of the plane (the vessel axis).</param>
/// <param name="AreaMm2">Area of the connected lumen region around the centre, mm².</param>
/// <param name="EquivalentDiameterMm">Diameter of the circle of the same area, mm.</param>
/// <param name="MinimumDiameterMm">Smallest caliper width of the region over 36 directions in the plane, mm.</param>
/// <param name="MaximumDiameterMm">Largest caliper width of the region over 36 directions in the plane, mm.</param>
/// <param name="Centroid">Centroid of the region, LPS mm.</param>
/// <param name="Truncated">Whether the region reached the edge of the sampled disc or of the grid (the area is then a lower bound).</param>
public sealed record CrossSection(
    WorldPoint Centre,
    Vector3D Axis,
    double AreaMm2,
    double EquivalentDiameterMm,
    double MinimumDiameterMm,
    double MaximumDiameterMm,
    WorldPoint Centroid,
    bool Truncated);
