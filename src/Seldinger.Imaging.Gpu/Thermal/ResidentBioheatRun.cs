using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Gpu.Thermal.Internal;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Gpu.Thermal;

/// <summary>
/// A bioheat run held on the device (from <see cref="GpuBioheatEngine.Upload"/>): the schedule's steps are advanced in
/// launches without host transfers, and <see cref="Download"/> copies the state back as a <see cref="BioheatResult"/>.
/// </summary>
public sealed class ResidentBioheatRun : IDisposable
{
    /// <summary>Steps between reads of the general list's length (a read waits for the device).</summary>
    private const int CountEvery = 64;

    private readonly GpuBioheatEngine _engine;
    private readonly IReadOnlyList<BioheatPhase> _schedule;
    private readonly VolumeGeometry _geometry;
    private readonly Stopwatch _clock;
    private readonly BioheatStepParameters _template;
    private readonly Index3D _extent;
    private readonly bool _hasFixed;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _a;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _b;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _material;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _fixed;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _source;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _omega;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _cem;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _peak;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _coldest;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _flags;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _table;

    // Split layouts: the plain chunks (thread indices) for the lean kernel, and the general list (element 0: its count).
    private readonly bool _split;
    private readonly MemoryBuffer1D<int, Stride1D.Dense>? _plain;
    private readonly MemoryBuffer1D<int, Stride1D.Dense>? _general;
    private readonly int _plainCount;
    private readonly int _threads;

    // Lean threads of four i (SplitGridVector4 on a grid whose I is divisible by 4).
    private readonly bool _vector4;
    private int _generalKnown;
    private int _stepsSinceCount;
    private bool _currentIsA = true;
    private int _phase;
    private int _stepInPhase;
    private bool _disposed;

    internal ResidentBioheatRun(GpuBioheatEngine engine, BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions options, BioheatStepPlan plan, Stopwatch clock)
    {
        _engine = engine;
        _schedule = schedule;
        _geometry = problem.Geometry;
        _clock = clock;
        Plan = plan;
        var g = _geometry;
        var count = (int)g.VoxelCount;
        _split = engine.Layout != GpuBioheatKernelLayout.ColumnMarch;
        ChunkLength = BioheatChunkFlags.ChooseChunkLength(g, engine.ChunkLength, _split ? BioheatChunkFlags.SplitMaxChunkLength : int.MaxValue);
        _extent = new Index3D(g.SizeI, g.SizeJ, (g.SizeK + ChunkLength - 1) / ChunkLength);
        _hasFixed = problem.Fixed is not null;
        var start = StartTemperature(problem, schedule);
        var table = BioheatTable.Build(problem);
        var flags = BioheatChunkFlags.Build(problem, ChunkLength);
        _threads = flags.Length;
        _vector4 = engine.Layout == GpuBioheatKernelLayout.SplitGridVector4 && g.SizeI % 4 == 0;
        var (plain, general) = _split ? BioheatChunkFlags.Lists(flags, _vector4 ? 4 : 1) : ([], []);
        _plainCount = plain.Length;
        _generalKnown = _split ? general[0] : 0;
        var accelerator = engine.Accelerator;
        var buffers = new List<IDisposable>();
        try
        {
            _a = Keep(buffers, accelerator.Allocate1D(start));
            _b = Keep(buffers, accelerator.Allocate1D<float>(count));
            _material = Keep(buffers, accelerator.Allocate1D(problem.MaterialIndex.Voxels));
            _fixed = Keep(buffers, problem.Fixed is { } fixedKind ? accelerator.Allocate1D(fixedKind.Voxels) : accelerator.Allocate1D<byte>(1));
            _source = Keep(buffers, problem.HeatSource is { } source ? accelerator.Allocate1D(source.Voxels) : accelerator.Allocate1D<float>(1));
            _omega = Keep(buffers, accelerator.Allocate1D<float>(count));
            _cem = Keep(buffers, accelerator.Allocate1D<float>(count));
            _peak = Keep(buffers, accelerator.Allocate1D(start));
            _coldest = Keep(buffers, accelerator.Allocate1D(start));
            _flags = Keep(buffers, accelerator.Allocate1D(flags));
            _table = Keep(buffers, accelerator.Allocate1D(table));
            if (_split)
            {
                _plain = Keep(buffers, plain.Length > 0 ? accelerator.Allocate1D(plain) : accelerator.Allocate1D<int>(1));
                _general = Keep(buffers, accelerator.Allocate1D(general));
            }

            _omega.MemSetToZero();
            _cem.MemSetToZero();
        }
        catch
        {
            foreach (var buffer in buffers)
            {
                buffer.Dispose();
            }

            throw;
        }

        var range = problem.PhaseChangeHighCelsius - problem.PhaseChangeLowCelsius;
        _template = new BioheatStepParameters
        {
            SizeI = g.SizeI,
            SizeJ = g.SizeJ,
            SizeK = g.SizeK,
            ChunkLength = ChunkLength,
            MaterialCount = problem.Materials.Count,
            HasFixed = _hasFixed ? 1 : 0,
            PhaseLow = (float)problem.PhaseChangeLowCelsius,
            PhaseHigh = (float)problem.PhaseChangeHighCelsius,
            InversePhaseRange = (float)(1 / range),
            BloodTemperature = (float)problem.BloodTemperatureCelsius,
            SourceCutoff = (float)problem.SourceCutoffCelsius,
            DamageThreshold = (float)options.DamageThresholdCelsius,
            ColdTracking = (float)options.ColdTrackingCelsius,
            InverseSpacingSquaredI = InverseSquare(g.SpacingI),
            InverseSpacingSquaredJ = InverseSquare(g.SpacingJ),
            InverseSpacingSquaredK = InverseSquare(g.SpacingK),
            LnHalf = (float)Math.Log(0.5),
            LnQuarter = (float)Math.Log(0.25),
        };
    }

    /// <summary>The run's time steps (shared with every engine).</summary>
    public BioheatStepPlan Plan { get; }

    /// <summary>Steps launched so far.</summary>
    public int StepsDone { get; private set; }

    /// <summary>Voxels along k that one thread marches through.</summary>
    public int ChunkLength { get; }

    /// <summary>
    /// Launches the next <paramref name="steps"/> steps of the schedule (fewer when the schedule ends first); the probe
    /// voxels are set at the start of each phase that holds them. Returns without waiting for the device, except
    /// when reporting progress.
    /// </summary>
    /// <param name="steps">Steps to launch (≥ 0).</param>
    /// <param name="progress">Receives the fraction of the schedule's steps done, about every 1 %.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Advance(int steps, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var total = Plan.TotalSteps;
        var every = Math.Max(1, total / 100);
        if (StepsDone == 0)
        {
            progress?.Report(0);
        }

        for (var s = 0; s < steps && _phase < _schedule.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var phase = _schedule[_phase];
            var parameters = _template;
            parameters.Dt = (float)Plan.PhaseTimeStepSeconds[_phase];
            parameters.DtMinutes = parameters.Dt / 60f;
            parameters.SourceScale = (float)phase.SourceScale;
            parameters.ProbeHeld = phase.ProbeTemperatureCelsius.HasValue ? 1 : 0;
            parameters.ProbeTemperature = phase.ProbeTemperatureCelsius is { } probe ? (float)probe : 0f;
            var current = _currentIsA ? _a : _b;
            var next = _currentIsA ? _b : _a;
            if (_stepInPhase == 0 && _hasFixed && phase.ProbeTemperatureCelsius.HasValue)
            {
                _engine.LaunchHoldProbe(current.View, _fixed.View, parameters.ProbeTemperature);
            }

            if (_split)
            {
                // The general chunks first: a plain chunk that turns hot in this step is appended by the lean kernel
                // after its own (complete) update, and the general kernel takes it over from the next step on.
                _engine.LaunchStepListed(GeneralLaunch(), current.View, next.View, _material.View, _fixed.View, _source.View, _omega.View, _cem.View, _peak.View, _coldest.View, _flags.View, _table.View, _general!.View, parameters);
                _engine.LaunchLean(_vector4, _extent, current.View, next.View, _omega.View, _cem.View, _peak.View, _coldest.View, _flags.View, _table.View, _plain!.View, _plainCount, _general.View, parameters);
                if (++_stepsSinceCount == CountEvery)
                {
                    ReadGeneralCount();
                }
            }
            else
            {
                _engine.LaunchStep(_extent, current.View, next.View, _material.View, _fixed.View, _source.View, _omega.View, _cem.View, _peak.View, _coldest.View, _flags.View, _table.View, parameters);
            }

            _currentIsA = !_currentIsA;
            StepsDone++;
            if (++_stepInPhase == Plan.StepsPerPhase[_phase])
            {
                _phase++;
                _stepInPhase = 0;
            }

            if (progress is not null && (StepsDone % every == 0 || StepsDone == total))
            {
                _engine.Accelerator.Synchronize();
                ReadGeneralCount();
                progress.Report((double)StepsDone / total);
            }
        }
    }

    /// <summary>Waits until the device has finished every launched step.</summary>
    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _engine.Accelerator.Synchronize();
        ReadGeneralCount();
    }

    /// <summary>
    /// Copies the state after the steps done so far back to the host. Peak and coldest temperatures include the current
    /// temperature; the simulated time is that of the steps done.
    /// </summary>
    public BioheatResult Download()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _engine.Accelerator.Synchronize();
        var final = Fetch(_currentIsA ? _a : _b);
        var peak = Fetch(_peak);
        var coldest = Fetch(_coldest);
        for (var n = 0; n < final.Voxels.Length; n++)
        {
            var t = final.Voxels[n];
            peak.Voxels[n] = MathF.Max(peak.Voxels[n], t);
            coldest.Voxels[n] = MathF.Min(coldest.Voxels[n], t);
        }

        double simulated;
        if (_phase == _schedule.Count)
        {
            simulated = _schedule.Sum(p => p.DurationSeconds);
        }
        else
        {
            simulated = _stepInPhase * Plan.PhaseTimeStepSeconds[_phase];
            for (var p = 0; p < _phase; p++)
            {
                simulated += _schedule[p].DurationSeconds;
            }
        }

        return new BioheatResult(final, peak, coldest, Fetch(_omega), Fetch(_cem), StepsDone, Plan.TimeStepSeconds, simulated, _clock.Elapsed);
    }

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _a.Dispose();
        _b.Dispose();
        _material.Dispose();
        _fixed.Dispose();
        _source.Dispose();
        _omega.Dispose();
        _cem.Dispose();
        _peak.Dispose();
        _coldest.Dispose();
        _flags.Dispose();
        _table.Dispose();
        _plain?.Dispose();
        _general?.Dispose();
    }

    /// <summary>
    /// The split layouts' thread lists and flags as on the device now: the plain list (fixed), the general list's
    /// entries, and the flag words. Null for <see cref="GpuBioheatKernelLayout.ColumnMarch"/>.
    /// </summary>
    internal (int[] Plain, int[] General, int[] Flags)? DownloadThreadLists()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_split)
        {
            return null;
        }

        _engine.Accelerator.Synchronize();
        var plain = _plainCount > 0 ? _plain!.GetAsArray1D() : [];
        var general = _general!.GetAsArray1D();
        return (plain, general.AsSpan(1, general[0]).ToArray(), _flags.GetAsArray1D());
    }

    /// <summary>
    /// Threads for the general kernel: the list's last read length and some room for chunks that turned hot since
    /// (the kernel strides over the whole list whatever the launch size, so a short estimate is slow, never wrong).
    /// </summary>
    private int GeneralLaunch() => Math.Min(_threads, Math.Max(1, _generalKnown + (_generalKnown / 4) + 256));

    private void ReadGeneralCount()
    {
        if (_general is null)
        {
            return;
        }

        var count = new int[1];
        _general.View.SubView(0, 1).CopyToCPU(count);
        _generalKnown = count[0];
        _stepsSinceCount = 0;
    }

    private static T Keep<T>(List<IDisposable> buffers, T buffer)
        where T : IDisposable
    {
        buffers.Add(buffer);
        return buffer;
    }

    private static float InverseSquare(double spacingMm)
    {
        var h = spacingMm * 1e-3;
        return (float)(1 / (h * h));
    }

    /// <summary>The documented start: the initial temperature or blood temperature, blood voxels at blood temperature, probe voxels at the first phase's probe temperature.</summary>
    private static float[] StartTemperature(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule)
    {
        var count = (int)problem.Geometry.VoxelCount;
        var t = new float[count];
        if (problem.InitialTemperature is { } initial)
        {
            initial.Voxels.AsSpan(0, count).CopyTo(t);
        }
        else
        {
            Array.Fill(t, (float)problem.BloodTemperatureCelsius);
        }

        if (problem.Fixed is { } fixedKind)
        {
            var blood = (float)problem.BloodTemperatureCelsius;
            float? probe = schedule[0].ProbeTemperatureCelsius is { } first ? (float)first : null;
            for (var n = 0; n < count; n++)
            {
                if (fixedKind.Voxels[n] == (byte)BioheatFixedKind.Blood)
                {
                    t[n] = blood;
                }
                else if (probe is { } held && fixedKind.Voxels[n] == (byte)BioheatFixedKind.Probe)
                {
                    t[n] = held;
                }
            }
        }

        return t;
    }

    private Volume<float> Fetch(MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        var volume = new Volume<float>(_geometry);
        buffer.View.SubView(0, volume.Voxels.Length).CopyToCPU(volume.Voxels);
        return volume;
    }
}
