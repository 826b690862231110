namespace Seldinger.Imaging.Geometry;

/// <summary>
/// A fractional position in index space: integer values are voxel centres
/// (so voxel (i, j, k) covers <c>[i - 0.5, i + 0.5)</c> along the first axis, and so on).
/// </summary>
/// <param name="I">Position along the first axis.</param>
/// <param name="J">Position along the second axis.</param>
/// <param name="K">Position along the third axis.</param>
public readonly record struct ContinuousIndex(double I, double J, double K)
{
    /// <summary>The voxel whose extent contains this position (each coordinate rounded to the nearest integer, exact halves upwards).</summary>
    public VoxelIndex Round() => new(
        (int)Math.Floor(I + 0.5),
        (int)Math.Floor(J + 0.5),
        (int)Math.Floor(K + 0.5));
}
