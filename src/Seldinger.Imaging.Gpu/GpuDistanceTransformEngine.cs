using ILGPU;
using ILGPU.Runtime;
using Seldinger.Imaging.Filters;

namespace Seldinger.Imaging.Gpu;

/// <summary>
/// The exact distance transform on an ILGPU accelerator: one kernel for the pass along i (a thread per
/// row) and one for the lower envelopes along j and k (a thread per line, neighbouring threads on
/// neighbouring columns so the reads coalesce). Same passes and arithmetic as
/// <see cref="CpuDistanceTransformEngine"/>; on CUDA the result agrees with it to float rounding.
/// </summary>
/// <remarks>
/// Production code gets an engine from <see cref="DistanceTransformEngines.Create"/>, which picks CUDA
/// only. Any accelerator can be passed here; tests pass ILGPU's CPU accelerator.
/// </remarks>
public sealed class GpuDistanceTransformEngine : IDistanceTransformEngine, IDisposable
{
    /// <summary>Default device memory for the envelope stacks of one launch (lines are processed in batches).</summary>
    public const long DefaultScratchBytes = 512L << 20;

    private readonly Context? _ownedContext;
    private readonly bool _ownsAccelerator;
    private readonly long _scratchBytes;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int> _rows;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<double>, LinePass> _envelope;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<float>> _combine;
    private bool _disposed;

    /// <summary>An engine on <paramref name="accelerator"/>, which the caller keeps and disposes.</summary>
    /// <param name="accelerator">Where the kernels run.</param>
    /// <param name="scratchBytes">Device memory for the envelope stacks of one launch (at least 1 MiB).</param>
    public GpuDistanceTransformEngine(Accelerator accelerator, long scratchBytes = DefaultScratchBytes)
        : this(accelerator, null, ownsAccelerator: false, scratchBytes)
    {
    }

    private GpuDistanceTransformEngine(Accelerator accelerator, Context? ownedContext, bool ownsAccelerator, long scratchBytes)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfLessThan(scratchBytes, 1L << 20);
        Accelerator = accelerator;
        _ownedContext = ownedContext;
        _ownsAccelerator = ownsAccelerator;
        _scratchBytes = scratchBytes;
        _rows = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int>(DistanceTransformKernels.Rows);
        _envelope = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<double>, LinePass>(DistanceTransformKernels.Envelope);
        _combine = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<float>>(DistanceTransformKernels.Combine);
    }

    /// <summary>The accelerator the kernels run on.</summary>
    public Accelerator Accelerator { get; }

    /// <inheritdoc/>
    public string Name => $"{Accelerator.AcceleratorType.ToString().ToUpperInvariant()}: {Accelerator.Name}";

    /// <inheritdoc/>
    public Volume<float> Compute(Volume<byte> labels, Func<byte, bool> isFeature)
    {
        using var resident = Upload(labels);
        resident.Run(isFeature, signedDistance: false);
        return resident.Download();
    }

    /// <inheritdoc/>
    public Volume<float> ComputeSigned(Volume<byte> labels, Func<byte, bool> isFeature)
    {
        using var resident = Upload(labels);
        resident.Run(isFeature, signedDistance: true);
        return resident.Download();
    }

    /// <summary>
    /// Copies <paramref name="labels"/> to the device and allocates the result there, so the transform can
    /// be run (and timed) without host transfers.
    /// </summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    public ResidentDistanceTransform Upload(Volume<byte> labels)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(labels);
        if (!labels.Geometry.IsOrthonormal)
        {
            throw new ArgumentException("The distance transform needs orthonormal direction cosines; resample a sheared (gantry-tilted) volume first.", nameof(labels));
        }

        return new ResidentDistanceTransform(this, labels);
    }

    /// <summary>Releases the accelerator and context when this engine created them.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsAccelerator)
        {
            Accelerator.Dispose();
        }

        _ownedContext?.Dispose();
    }

    /// <summary>An engine that owns its CUDA accelerator and context.</summary>
    internal static GpuDistanceTransformEngine Owning(Context context, Accelerator accelerator) =>
        new(accelerator, context, ownsAccelerator: true, DefaultScratchBytes);

    /// <summary>Device memory for the envelope stacks of one launch.</summary>
    internal long ScratchBytes => _scratchBytes;

    /// <summary>Rows along i (thread per row) into <paramref name="output"/>.</summary>
    internal void RunRows(int rows, ArrayView<byte> labels, ArrayView<int> isFeature, ArrayView<float> squares, ArrayView<float> output, int nx) =>
        _rows(rows, labels, isFeature, squares, output, nx);

    /// <summary>Signed combination in place in <paramref name="outside"/>.</summary>
    internal void RunCombine(ArrayView<byte> labels, ArrayView<int> isFeature, ArrayView<float> outside, ArrayView<float> inside) =>
        _combine((int)labels.Length, labels, isFeature, outside, inside);

    /// <summary>Envelopes of <paramref name="lines"/> lines, in launches of at most <paramref name="batch"/> lines.</summary>
    internal void RunEnvelope(ArrayView<float> data, ArrayView<int> vertices, ArrayView<float> heights, ArrayView<double> weighted, int batch, int lines, int linesPerBlock, long blockStride, long stride, int length, double spacing, bool takeRoot)
    {
        for (var first = 0; first < lines; first += batch)
        {
            var count = Math.Min(batch, lines - first);
            _envelope(count, data, vertices, heights, weighted, new LinePass(first, linesPerBlock, blockStride, stride, length, count, spacing, takeRoot));
        }
    }
}
