using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging;

/// <summary>
/// A 3D image: a voxel array with the geometry that places it in patient space.
/// </summary>
/// <typeparam name="T">The voxel type (e.g. <see cref="short"/> for Hounsfield units, <see cref="byte"/> for labels).</typeparam>
/// <remarks>Voxels are stored with <c>i</c> fastest, then <c>j</c>, then <c>k</c>, as in <see cref="VolumeGeometry.LinearIndex(int, int, int)"/>.</remarks>
public sealed class Volume<T>
    where T : unmanaged
{
    /// <summary>Creates a zero-filled volume.</summary>
    public Volume(VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Geometry = geometry;
        Voxels = new T[geometry.VoxelCount];
    }

    /// <summary>Wraps an existing voxel array (not copied).</summary>
    /// <exception cref="ArgumentException">The array length is not the geometry's voxel count.</exception>
    public Volume(VolumeGeometry geometry, T[] voxels)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(voxels);
        if (voxels.LongLength != geometry.VoxelCount)
        {
            throw new ArgumentException($"The voxel array holds {voxels.LongLength} values but the geometry {geometry.SizeI}×{geometry.SizeJ}×{geometry.SizeK} needs {geometry.VoxelCount}.", nameof(voxels));
        }

        Geometry = geometry;
        Voxels = voxels;
    }

    /// <summary>Where the voxels sit in patient space.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>The voxel values, i fastest, length <see cref="VolumeGeometry.VoxelCount"/>.</summary>
    public T[] Voxels { get; }

    /// <summary>The voxel at (i, j, k), by reference.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index lies outside the grid.</exception>
    public ref T this[int i, int j, int k]
    {
        get
        {
            var g = Geometry;
            if ((uint)i >= (uint)g.SizeI || (uint)j >= (uint)g.SizeJ || (uint)k >= (uint)g.SizeK)
            {
                ThrowOutside(i, j, k);
            }

            return ref Voxels[g.LinearIndex(i, j, k)];
        }
    }

    /// <summary>The voxel at an index, by reference.</summary>
    public ref T this[VoxelIndex index] => ref this[index.I, index.J, index.K];

    /// <summary>The voxels of slice <paramref name="k"/> (one axial plane when the direction is the identity), i fastest.</summary>
    public Span<T> SliceK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Geometry.SizeK);
        var plane = Geometry.SizeI * Geometry.SizeJ;
        return Voxels.AsSpan(k * plane, plane);
    }

    private void ThrowOutside(int i, int j, int k) =>
        throw new ArgumentOutOfRangeException(null, $"Voxel ({i}, {j}, {k}) lies outside the {Geometry.SizeI}×{Geometry.SizeJ}×{Geometry.SizeK} grid.");
}
