namespace Seldinger.Imaging.Gpu.Thermal;

/// <summary>
/// How <see cref="GpuBioheatEngine"/> maps a time step onto kernels. All layouts compute the same discretisation in the
/// same order; they differ in speed only. The chunk length (voxels along k per thread) is the engine's
/// <c>chunkLength</c> in every layout.
/// </summary>
public enum GpuBioheatKernelLayout
{
    /// <summary>One general kernel: a thread per (i, j) column chunk marching along k, per-chunk flags skipping unneeded reads.</summary>
    ColumnMarch,

    /// <summary>
    /// The general kernel over a compact list of the chunks that need it (mixed materials, fixed voxels, source, hot),
    /// then a lean kernel over the list of plain chunks, which reads only T.
    /// </summary>
    SplitList,

    /// <summary>As <see cref="SplitList"/>, but the lean kernel is launched over every chunk and returns at once for the others (no list read, no index arithmetic: suits short chunks).</summary>
    SplitGrid,

    /// <summary>As <see cref="SplitGrid"/>, with the lean kernel computing two voxels along k per iteration (twice the loads in flight per thread).</summary>
    SplitGridPairs,

    /// <summary>As <see cref="SplitGrid"/>, with four voxels along k per iteration (four times the loads in flight, more registers).</summary>
    SplitGridQuads,

    /// <summary>
    /// As <see cref="SplitGrid"/>, with four consecutive i per lean thread read and written as 16-byte vectors (when the
    /// grid's I is divisible by 4; else as <see cref="SplitGrid"/>).
    /// </summary>
    SplitGridVector4,
}
