namespace Seldinger.Imaging.Geometry;

/// <summary>
/// The integer index of a voxel in a volume: <see cref="I"/> runs along the first (fastest) axis,
/// <see cref="K"/> along the slowest (slice) axis. Not a position: convert with <see cref="VolumeGeometry"/>.
/// </summary>
/// <param name="I">Column index (first axis).</param>
/// <param name="J">Row index (second axis).</param>
/// <param name="K">Slice index (third axis).</param>
public readonly record struct VoxelIndex(int I, int J, int K)
{
    /// <summary>This index as a continuous index (the voxel centre).</summary>
    public ContinuousIndex ToContinuous() => new(I, J, K);
}
