using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Seldinger.Imaging.Gpu.Thermal.Internal;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Gpu.Thermal;

/// <summary>
/// The bioheat engine on an ILGPU accelerator: the documented explicit discretisation (docs/ablation-physics.md), one
/// kernel launch per time step (two in the split layouts, see <see cref="GpuBioheatKernelLayout"/>). Threads cover the
/// (i, j) plane and march along k (in chunks when the plane is small), reusing the k−1, k, k+1 values from registers;
/// per-material coefficients come from one small table. On ILGPU's CPU
/// accelerator the arithmetic is the CPU engine's, operation for operation; on CUDA the device's exp and fused
/// multiply–adds change the last bits, so results agree with <see cref="CpuBioheatEngine"/> to float rounding.
/// </summary>
/// <remarks>
/// Production code gets an engine from <see cref="BioheatEngines.Create"/>, which picks CUDA only. Any accelerator can
/// be passed here; tests pass ILGPU's CPU accelerator.
/// </remarks>
public sealed class GpuBioheatEngine : IBioheatEngine, IDisposable
{
    /// <summary>
    /// The layout of engines from <see cref="BioheatEngines"/> and of the constructor's default: the general column
    /// march, measured on an H200 (bench/results/B4-thermal-simulation.md); `gpubench thermal-bench` times every layout.
    /// </summary>
    public const GpuBioheatKernelLayout DefaultLayout = GpuBioheatKernelLayout.ColumnMarch;

    private readonly Context? _ownedContext;
    private readonly bool _ownsAccelerator;
    private readonly Action<Index3D, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<byte>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, BioheatStepParameters> _step;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<byte>, float> _holdProbe;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<byte>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, BioheatStepParameters>? _stepListed;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<int>, BioheatStepParameters>? _leanListed;
    private readonly Action<Index3D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, BioheatStepParameters>? _leanGrid;
    private readonly Action<Index3D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, BioheatStepParameters>? _leanVector4;
    private bool _disposed;

    /// <summary>An engine on <paramref name="accelerator"/>, which the caller keeps and disposes.</summary>
    /// <param name="accelerator">Where the kernels run.</param>
    /// <param name="chunkLength">Voxels along k that one thread marches through; 0: the whole column when the (i, j) plane has enough columns for the device, else shorter chunks (at most 64 in the split layouts).</param>
    /// <param name="layout">How a step maps onto kernels (same results, different speed).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkLength"/> is negative, or <paramref name="layout"/> is unknown.</exception>
    public GpuBioheatEngine(Accelerator accelerator, int chunkLength = 0, GpuBioheatKernelLayout layout = DefaultLayout)
        : this(accelerator, null, ownsAccelerator: false, chunkLength, layout)
    {
    }

    private GpuBioheatEngine(Accelerator accelerator, Context? ownedContext, bool ownsAccelerator, int chunkLength, GpuBioheatKernelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkLength);
        if (!Enum.IsDefined(layout))
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown kernel layout.");
        }

        Accelerator = accelerator;
        ChunkLength = chunkLength;
        Layout = layout;
        _ownedContext = ownedContext;
        _ownsAccelerator = ownsAccelerator;
        _step = accelerator.LoadAutoGroupedStreamKernel<Index3D, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<byte>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, BioheatStepParameters>(BioheatKernels.Step);
        _holdProbe = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<byte>, float>(BioheatKernels.HoldProbe);
        if (layout == GpuBioheatKernelLayout.ColumnMarch)
        {
            return;
        }

        _stepListed = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<byte>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, BioheatStepParameters>(BioheatKernels.StepListed);
        if (layout == GpuBioheatKernelLayout.SplitList)
        {
            _leanListed = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<int>, BioheatStepParameters>(BioheatKernels.LeanStepListed);
        }
        else
        {
            _leanGrid = accelerator.LoadAutoGroupedStreamKernel<Index3D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, BioheatStepParameters>(
                layout switch
                {
                    GpuBioheatKernelLayout.SplitGrid => BioheatKernels.LeanStepGrid,
                    GpuBioheatKernelLayout.SplitGridPairs => BioheatKernels.LeanStepGridPairs,
                    GpuBioheatKernelLayout.SplitGridQuads => BioheatKernels.LeanStepGridQuads,

                    // Grids whose I is not divisible by 4 fall back to one i per thread.
                    _ => BioheatKernels.LeanStepGrid,
                });
            if (layout == GpuBioheatKernelLayout.SplitGridVector4)
            {
                _leanVector4 = accelerator.LoadAutoGroupedStreamKernel<Index3D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, BioheatStepParameters>(BioheatKernels.LeanStepGridVector4);
            }
        }
    }

    /// <summary>The accelerator the kernels run on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The requested chunk length along k (0: chosen per problem).</summary>
    public int ChunkLength { get; }

    /// <summary>How a step maps onto kernels.</summary>
    public GpuBioheatKernelLayout Layout { get; }

    /// <inheritdoc/>
    public string Name => $"{Accelerator.AcceleratorType.ToString().ToUpperInvariant()}: {Accelerator.Name}";

    /// <inheritdoc/>
    public BioheatResult Run(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        using var run = Upload(problem, schedule, options);
        run.Advance(run.Plan.TotalSteps, progress, cancellationToken);
        return run.Download();
    }

    /// <summary>
    /// Validates and plans the run (<see cref="BioheatStepPlan.Create"/>), copies the problem to the device and sets the
    /// start state, so the steps can be advanced (and timed) without host transfers.
    /// </summary>
    /// <exception cref="ArgumentException">The problem, schedule or options are invalid, or the grid has more than <see cref="int.MaxValue"/> voxels.</exception>
    public ResidentBioheatRun Upload(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= new BioheatOptions();
        var clock = Stopwatch.StartNew();
        var plan = BioheatStepPlan.Create(problem, schedule, options);
        if (problem.Geometry.VoxelCount > int.MaxValue)
        {
            throw new ArgumentException($"The GPU bioheat engine handles at most {int.MaxValue} voxels; this grid has {problem.Geometry.VoxelCount}.", nameof(problem));
        }

        return new ResidentBioheatRun(this, problem, schedule, options, plan, clock);
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
    internal static GpuBioheatEngine Owning(Context context, Accelerator accelerator) => new(accelerator, context, ownsAccelerator: true, 0, DefaultLayout);

    internal void LaunchStep(Index3D extent, ArrayView<float> t, ArrayView<float> next, ArrayView<byte> material, ArrayView<byte> fixedKind, ArrayView<float> source, ArrayView<float> omega, ArrayView<float> cem, ArrayView<float> peak, ArrayView<float> coldest, ArrayView<int> flags, ArrayView<float> table, BioheatStepParameters parameters) =>
        _step(extent, t, next, material, fixedKind, source, omega, cem, peak, coldest, flags, table, parameters);

    /// <summary>The general kernel over the listed chunks (<paramref name="launch"/> threads, grid-stride over the list).</summary>
    internal void LaunchStepListed(int launch, ArrayView<float> t, ArrayView<float> next, ArrayView<byte> material, ArrayView<byte> fixedKind, ArrayView<float> source, ArrayView<float> omega, ArrayView<float> cem, ArrayView<float> peak, ArrayView<float> coldest, ArrayView<int> flags, ArrayView<float> table, ArrayView<int> general, BioheatStepParameters parameters)
    {
        parameters.Stride = launch;
        _stepListed!(launch, t, next, material, fixedKind, source, omega, cem, peak, coldest, flags, table, general, parameters);
    }

    /// <summary>
    /// The lean kernel of the plain chunks: over <paramref name="plain"/> (<see cref="GpuBioheatKernelLayout.SplitList"/>)
    /// or the whole chunk grid <paramref name="extent"/>, in groups of four i when <paramref name="vector4"/>.
    /// </summary>
    internal void LaunchLean(bool vector4, Index3D extent, ArrayView<float> t, ArrayView<float> next, ArrayView<float> omega, ArrayView<float> cem, ArrayView<float> peak, ArrayView<float> coldest, ArrayView<int> flags, ArrayView<float> table, ArrayView<int> plain, int plainCount, ArrayView<int> general, BioheatStepParameters parameters)
    {
        if (_leanListed is not null)
        {
            if (plainCount > 0)
            {
                _leanListed(plainCount, t, next, omega, cem, peak, coldest, flags, table, plain, general, parameters);
            }
        }
        else if (vector4)
        {
            _leanVector4!(new Index3D(extent.X / 4, extent.Y, extent.Z), t, next, omega, cem, peak, coldest, flags, table, general, parameters);
        }
        else
        {
            _leanGrid!(extent, t, next, omega, cem, peak, coldest, flags, table, general, parameters);
        }
    }

    internal void LaunchHoldProbe(ArrayView<float> t, ArrayView<byte> fixedKind, float temperature) =>
        _holdProbe((int)t.Length, t, fixedKind, temperature);
}
