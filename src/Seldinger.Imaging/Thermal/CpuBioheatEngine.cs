using System.Diagnostics;
using Seldinger.Imaging.Buffers;
using Seldinger.Imaging.Thermal.Internal;

namespace Seldinger.Imaging.Thermal;

/// <summary>
/// The CPU bioheat engine: explicit 7-point finite differences in float32, several time steps per sweep of the grid
/// (a wavefront along k in each thread's slab, so planes are reused from cache), SIMD along i over rows and stretches
/// of one material, damage eight voxels at a time after the stencil in rows that got hot,
/// ping-pong temperature buffers from <see cref="BufferPool.Current"/>. It is the reference the GPU engine is checked
/// against.
/// </summary>
public sealed class CpuBioheatEngine : IBioheatEngine
{
    /// <summary>Creates an engine.</summary>
    /// <param name="maxDegreeOfParallelism">Threads to use; 0 or less: every core.</param>
    /// <param name="blockSteps">Time steps taken in one sweep of the grid (temporal blocking along k); 0 or less: chosen from the grid's plane size. Any value gives the same result.</param>
    public CpuBioheatEngine(int maxDegreeOfParallelism = 0, int blockSteps = 0)
    {
        MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        BlockSteps = blockSteps > 0 ? blockSteps : 0;
    }

    /// <summary>Threads the engine uses.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Requested time steps per sweep of the grid (0: chosen per grid).</summary>
    public int BlockSteps { get; }

    /// <inheritdoc/>
    public string Name => BlockSteps > 0 ? $"cpu, {MaxDegreeOfParallelism} threads, {BlockSteps} steps per sweep" : $"cpu, {MaxDegreeOfParallelism} threads";

    /// <inheritdoc/>
    public BioheatResult Run(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= new BioheatOptions();
        var plan = BioheatStepPlan.Create(problem, schedule, options);
        var clock = Stopwatch.StartNew();
        var geometry = problem.Geometry;
        var count = checked((int)geometry.VoxelCount);
        var coefficients = new BioheatCoefficients(problem, options);
        var peak = new Volume<float>(geometry);
        var coldest = new Volume<float>(geometry);
        var omega = new Volume<float>(geometry);
        var cem = new Volume<float>(geometry);
        var final = new Volume<float>(geometry);
        var pool = BufferPool.Current;
        var a = pool.Rent<float>(count);
        var b = pool.Rent<float>(count);
        var factor = pool.Rent<float>(count);
        try
        {
            InitialTemperature(problem, a.AsSpan(0, count));
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            var kernel = new CpuBioheatKernel(problem, coefficients, a, b, peak.Voxels, coldest.Voxels, omega.Voxels, cem.Voxels, factor, parallel, BlockSteps);
            if (schedule[0].ProbeTemperatureCelsius is { } firstProbe)
            {
                kernel.HoldProbe((float)firstProbe);
            }

            a.AsSpan(0, count).CopyTo(peak.Voxels);
            a.AsSpan(0, count).CopyTo(coldest.Voxels);
            kernel.InitialiseActivity();
            var total = plan.TotalSteps;
            var every = Math.Max(1, total / 100);
            var done = 0;
            progress?.Report(0);
            for (var p = 0; p < schedule.Count; p++)
            {
                var phase = schedule[p];
                float? probe = phase.ProbeTemperatureCelsius is { } probeTemperature ? (float)probeTemperature : null;
                if (probe is { } held)
                {
                    kernel.HoldProbe(held);
                }

                var dt = (float)plan.PhaseTimeStepSeconds[p];
                var scale = (float)phase.SourceScale;

                // Batches of whole blocks, about 1 % of the run each, for progress and cancellation.
                var batch = Math.Max(1, (every + kernel.BlockSteps - 1) / kernel.BlockSteps) * kernel.BlockSteps;
                for (var left = plan.StepsPerPhase[p]; left > 0;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var steps = Math.Min(batch, left);
                    kernel.Steps(steps, dt, scale, probe);
                    left -= steps;
                    done += steps;
                    progress?.Report((double)done / total);
                }
            }

            kernel.Current.AsSpan(0, count).CopyTo(final.Voxels);
            for (var n = 0; n < count; n++)
            {
                var t = final.Voxels[n];
                peak.Voxels[n] = MathF.Max(peak.Voxels[n], t);
                coldest.Voxels[n] = MathF.Min(coldest.Voxels[n], t);
            }

            progress?.Report(1);
            return new BioheatResult(final, peak, coldest, omega, cem, total, plan.TimeStepSeconds, schedule.Sum(s => s.DurationSeconds), clock.Elapsed);
        }
        finally
        {
            pool.Return(a);
            pool.Return(b);
            pool.Return(factor);
        }
    }

    /// <summary>Start temperatures: the problem's, or blood temperature; blood voxels at blood temperature.</summary>
    private static void InitialTemperature(BioheatProblem problem, Span<float> t)
    {
        if (problem.InitialTemperature is { } initial)
        {
            initial.Voxels.CopyTo(t);
        }
        else
        {
            t.Fill((float)problem.BloodTemperatureCelsius);
        }

        if (problem.Fixed is { } fixedVoxels)
        {
            var tb = (float)problem.BloodTemperatureCelsius;
            for (var n = 0; n < t.Length; n++)
            {
                if (fixedVoxels.Voxels[n] == (byte)BioheatFixedKind.Blood)
                {
                    t[n] = tb;
                }
            }
        }
    }
}
