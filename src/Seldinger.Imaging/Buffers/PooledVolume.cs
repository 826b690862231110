using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Buffers;

/// <summary>
/// A temporary voxel buffer on a grid, rented from a <see cref="BufferPool"/> and given back on
/// <see cref="Dispose"/>. Voxel order is the same as <see cref="Volume{T}"/> (i fastest, then j, then k).
/// </summary>
/// <typeparam name="T">Voxel type.</typeparam>
public sealed class PooledVolume<T> : IDisposable
    where T : unmanaged
{
    private readonly PooledArray<T> _buffer;

    /// <summary>Rents a buffer for <paramref name="geometry"/> from <see cref="BufferPool.Current"/>.</summary>
    /// <param name="geometry">The grid.</param>
    /// <param name="clear">Whether the voxels must start at zero (otherwise they hold stale data).</param>
    public PooledVolume(VolumeGeometry geometry, bool clear = false)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Geometry = geometry;
        _buffer = new PooledArray<T>(checked((int)geometry.VoxelCount), clear);
    }

    /// <summary>The grid.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>Number of voxels.</summary>
    public int Length => _buffer.Length;

    /// <summary>The backing array (at least <see cref="Length"/> long; voxel n at index n).</summary>
    public T[] Array => _buffer.Array;

    /// <summary>The voxels.</summary>
    public Span<T> Voxels => _buffer.Span;

    /// <summary>Gives the buffer back.</summary>
    public void Dispose() => _buffer.Dispose();
}
