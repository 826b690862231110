namespace Seldinger.Planning.Enteric;

/// <summary>The safe window on the anterior gastric wall (<see cref="GastrostomyPlanner.Window"/>).</summary>
/// <param name="WallPoints">Every anterior wall voxel, in the window or not.</param>
/// <param name="AnteriorWallAreaMm2">Area of the anterior wall, mm².</param>
/// <param name="WindowAreaMm2">Area of the window (all its parts), mm².</param>
/// <param name="ComponentCount">Number of connected parts of the window.</param>
/// <param name="LargestComponent">The part with the largest area (1-based), 0 when there is no window.</param>
/// <param name="LargestWindowAreaMm2">Its area, mm².</param>
/// <param name="Puncture">The wall point of the largest part farthest from the window's edge, or null.</param>
/// <param name="PunctureEdgeDistanceMm">Its distance to the nearest stomach wall voxel outside the window, mm, or null.</param>
public sealed record GastrostomyWindow(
    IReadOnlyList<GastricWallPoint> WallPoints,
    double AnteriorWallAreaMm2,
    double WindowAreaMm2,
    int ComponentCount,
    int LargestComponent,
    double LargestWindowAreaMm2,
    GastricWallPoint? Puncture,
    double? PunctureEdgeDistanceMm);
