using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Gpu.Thermal;
using Seldinger.Imaging.Thermal;
using Xunit.Abstractions;

namespace Seldinger.Imaging.Gpu.Tests.Thermal;

/// <summary>
/// The ILGPU bioheat kernels run on ILGPU's CPU accelerator and are compared with <see cref="CpuBioheatEngine"/> (the
/// oracle) on random problems: mixed materials, sources, blood and probe voxels, freezing, anisotropic spacing and chunk
/// lengths that split the columns. Bound: |ΔT| ≤ 1e-3 °C for the final, peak and coldest temperatures after a few
/// hundred steps, Ω and CEM43 within 1e-4 relative (on this accelerator the arithmetic is the CPU engine's except e^x,
/// which the kernel evaluates as 2^(x·log2 e) because ILGPU's CUDA backend has no native e^x).
/// </summary>
public sealed class GpuBioheatEngineTests : IDisposable
{
    private const double BloodCapacity = 1050 * 3617.0;
    private const float TemperatureBound = 1e-3f;

    private readonly Context _context = Context.Create(builder => builder.CPU());
    private readonly Accelerator _accelerator;
    private readonly ITestOutputHelper _output;

    public GpuBioheatEngineTests(ITestOutputHelper output)
    {
        _output = output;
        _accelerator = _context.CreateCPUAccelerator(0);
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    private static BioheatMaterial RandomMaterial(Random random, int m) => new(
        $"tissue {m}",
        0.2 + random.NextDouble(),
        950 + (250 * random.NextDouble()),
        2800 + (1200 * random.NextDouble()),
        random.NextDouble() < 0.25 ? 0 : 0.025 * random.NextDouble(),
        Math.Exp(85 + (40 * random.NextDouble())),
        2.4e5 + (1.5e5 * random.NextDouble()),
        1.2 + random.NextDouble(),
        1600 + (600 * random.NextDouble()),
        150_000 + (150_000 * random.NextDouble()));

    /// <summary>A random problem: slabs and blobs of up to five materials, a hot source cluster (with or without a cut-off temperature), a probe line, scattered blood voxels.</summary>
    internal static BioheatProblem RandomProblem(Random random) => RandomProblem(random, 5 + random.Next(14), 4 + random.Next(12), 3 + random.Next(14));

    /// <summary>As <see cref="RandomProblem(Random)"/> on an ni × nj × nk grid.</summary>
    internal static BioheatProblem RandomProblem(Random random, int ni, int nj, int nk)
    {
        var g = new VolumeGeometry(ni, nj, nk, new WorldPoint(-3, 5, 1), 1 + random.NextDouble(), 1 + random.NextDouble(), 1 + (1.5 * random.NextDouble()));
        var materials = Enumerable.Range(0, 1 + random.Next(5)).Select(m => RandomMaterial(random, m)).ToArray();
        var index = new Volume<byte>(g);
        var fixedKind = new Volume<byte>(g);
        var source = new Volume<float>(g);
        var initial = new Volume<float>(g);
        var background = (byte)random.Next(materials.Length);
        int ci = random.Next(ni), cj = random.Next(nj), ck = random.Next(nk);
        int pi = random.Next(ni), pj = random.Next(nj);
        for (var k = 0; k < nk; k++)
        {
            for (var j = 0; j < nj; j++)
            {
                for (var i = 0; i < ni; i++)
                {
                    var n = g.LinearIndex(i, j, k);
                    index.Voxels[n] = k < nk / 3 && random.NextDouble() < 0.9 ? (byte)(materials.Length - 1) : random.NextDouble() < 0.15 ? (byte)random.Next(materials.Length) : background;
                    initial.Voxels[n] = 36f + (2f * random.NextSingle());
                    var d2 = ((i - ci) * (i - ci)) + ((j - cj) * (j - cj)) + ((k - ck) * (k - ck));
                    if (d2 <= 3)
                    {
                        source.Voxels[n] = (float)(3e7 * (0.3 + random.NextDouble()) / (1 + d2));
                    }

                    if (i == pi && j == pj && k >= nk / 2)
                    {
                        fixedKind.Voxels[n] = (byte)BioheatFixedKind.Probe;
                    }
                    else if (random.NextDouble() < 0.02)
                    {
                        fixedKind.Voxels[n] = (byte)BioheatFixedKind.Blood;
                    }
                }
            }
        }

        return new BioheatProblem(index, materials, 36.5 + random.NextDouble(), BloodCapacity)
        {
            InitialTemperature = initial,
            HeatSource = source,
            Fixed = fixedKind,
            PhaseChangeLowCelsius = -9 + random.NextDouble(),
            PhaseChangeHighCelsius = -1.5 + random.NextDouble(),
            SourceCutoffCelsius = random.NextDouble() < 0.5 ? double.PositiveInfinity : 60 + (40 * random.NextDouble()),
        };
    }

    private static float MaxDifference(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0f;
        for (var n = 0; n < expected.Length; n++)
        {
            Assert.True(float.IsFinite(actual[n]), $"voxel {n} is {actual[n]}");
            max = MathF.Max(max, MathF.Abs(expected[n] - actual[n]));
        }

        return max;
    }

    private static double MaxRelativeDifference(float[] expected, float[] actual)
    {
        var max = 0.0;
        for (var n = 0; n < expected.Length; n++)
        {
            max = Math.Max(max, Math.Abs(expected[n] - actual[n]) / Math.Max(1e-6, Math.Abs(expected[n])));
        }

        return max;
    }

    private void AssertAgrees(BioheatResult expected, BioheatResult actual, string what)
    {
        _output.WriteLine($"{what}: {expected.Steps} steps, max |ΔT| final {MaxDifference(expected.FinalTemperature.Voxels, actual.FinalTemperature.Voxels):g3} °C, max rel ΔΩ {MaxRelativeDifference(expected.Damage.Voxels, actual.Damage.Voxels):g3}");
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.TimeStepSeconds, actual.TimeStepSeconds);
        Assert.Equal(expected.SimulatedSeconds, actual.SimulatedSeconds);
        Assert.True(MaxDifference(expected.FinalTemperature.Voxels, actual.FinalTemperature.Voxels) <= TemperatureBound, $"{what}: final temperature");
        Assert.True(MaxDifference(expected.PeakTemperature.Voxels, actual.PeakTemperature.Voxels) <= TemperatureBound, $"{what}: peak temperature");
        Assert.True(MaxDifference(expected.ColdestTemperature.Voxels, actual.ColdestTemperature.Voxels) <= TemperatureBound, $"{what}: coldest temperature");
        Assert.True(MaxRelativeDifference(expected.Damage.Voxels, actual.Damage.Voxels) <= 1e-4, $"{what}: Ω");
        Assert.True(MaxRelativeDifference(expected.Cem43.Voxels, actual.Cem43.Voxels) <= 1e-4, $"{what}: CEM43");
    }

    /// <summary>Every kernel layout: each must give the CPU engine's result.</summary>
    public static TheoryData<GpuBioheatKernelLayout> AllLayouts => [.. Enum.GetValues<GpuBioheatKernelLayout>()];

    [Theory]
    [MemberData(nameof(AllLayouts))]
    public void Run_RandomHeatFreezeThawProblems_MatchesCpuEngine(GpuBioheatKernelLayout layout)
    {
        var random = new Random(4242);
        var cpu = new CpuBioheatEngine(2);
        int damaged = 0, frozen = 0, steps = 0;
        for (var trial = 0; trial < 6; trial++)
        {
            var problem = RandomProblem(random);

            // Heating with a passive probe, a hot held probe, cooling, a freeze, a passive thaw.
            BioheatPhase[] schedule =
            [
                new(15 + (10 * random.NextDouble()), 1, null),
                new(5, 0.5, 95),
                new(4, 0, null),
                new(12, 0, -150),
                new(5, 0, null),
            ];
            using var engine = new GpuBioheatEngine(_accelerator, chunkLength: trial % 3 == 0 ? 0 : 1 + random.Next(4), layout);
            var expected = cpu.Run(problem, schedule);
            var actual = engine.Run(problem, schedule);
            AssertAgrees(expected, actual, $"{layout}, trial {trial}");
            damaged += expected.Damage.Voxels.Any(o => o > 1) ? 1 : 0;
            frozen += expected.ColdestTemperature.Voxels.Any(t => t < problem.PhaseChangeLowCelsius && t > -149) ? 1 : 0;
            steps += expected.Steps;
        }

        // The comparison must have covered lethal damage, frozen tissue beyond the probe, and a few hundred steps each.
        Assert.True(damaged >= 5, $"only {damaged} of 6 problems reached Ω > 1");
        Assert.True(frozen >= 5, $"only {frozen} of 6 problems froze tissue beyond the probe");
        Assert.True(steps >= 6 * 120, $"only {steps} steps in all");
    }

    [Theory]
    [MemberData(nameof(AllLayouts))]
    public void Run_NoSourceNoFixedUniformMaterial_MatchesCpuEngineAndStaysFinite(GpuBioheatKernelLayout layout)
    {
        var random = new Random(7);
        var g = new VolumeGeometry(layout == GpuBioheatKernelLayout.SplitGridVector4 ? 12 : 9, 7, 20, WorldPoint.Origin, 1, 1, 1);
        var initial = new Volume<float>(g);
        for (var n = 0; n < initial.Voxels.Length; n++)
        {
            initial.Voxels[n] = 30 + (40 * random.NextSingle());
        }

        var problem = new BioheatProblem(new Volume<byte>(g), [RandomMaterial(random, 0)], 37, BloodCapacity) { InitialTemperature = initial };
        BioheatPhase[] schedule = [new(60, 1, null)];
        using var engine = new GpuBioheatEngine(_accelerator, chunkLength: 6, layout);
        var expected = new CpuBioheatEngine(1).Run(problem, schedule);
        var actual = engine.Run(problem, schedule);
        AssertAgrees(expected, actual, "uniform");
        Assert.Contains(expected.Damage.Voxels, o => o > 0);
    }

    [Theory]
    [InlineData(GpuBioheatKernelLayout.ColumnMarch)]
    [InlineData(GpuBioheatKernelLayout.SplitList)]
    [InlineData(GpuBioheatKernelLayout.SplitGridPairs)]
    public void Advance_InPieces_EqualsOneRun(GpuBioheatKernelLayout layout)
    {
        var problem = RandomProblem(new Random(99));
        BioheatPhase[] schedule = [new(10, 1, null), new(6, 0, -120), new(4, 0, null)];
        using var engine = new GpuBioheatEngine(_accelerator, layout: layout);
        var whole = engine.Run(problem, schedule);
        using var run = engine.Upload(problem, schedule);
        var total = run.Plan.TotalSteps;
        run.Advance(7);
        Assert.Equal(7, run.StepsDone);
        var partial = run.Download();
        Assert.Equal(7, partial.Steps);
        Assert.Equal(7 * run.Plan.PhaseTimeStepSeconds[0], partial.SimulatedSeconds, 9);
        run.Advance(total);
        Assert.Equal(total, run.StepsDone);
        var pieces = run.Download();
        Assert.Equal(whole.FinalTemperature.Voxels, pieces.FinalTemperature.Voxels);
        Assert.Equal(whole.Damage.Voxels, pieces.Damage.Voxels);
        Assert.Equal(whole.ColdestTemperature.Voxels, pieces.ColdestTemperature.Voxels);
        Assert.Equal(20, pieces.SimulatedSeconds);
    }

    [Fact]
    public void Run_ReportsProgressToOne()
    {
        var problem = RandomProblem(new Random(5));
        var reports = new List<double>();
        using var engine = new GpuBioheatEngine(_accelerator);
        engine.Run(problem, [new(10, 1, null)], progress: new SynchronousProgress(reports.Add));
        Assert.Equal(0, reports[0]);
        Assert.Equal(1, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void Run_CancelledToken_Throws()
    {
        var problem = RandomProblem(new Random(6));
        using var engine = new GpuBioheatEngine(_accelerator);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => engine.Run(problem, [new(10, 1, null)], cancellationToken: cancel.Token));
    }

    [Fact]
    public void Run_TimeStepAboveStableLimit_ThrowsArgumentException()
    {
        var problem = RandomProblem(new Random(8));
        BioheatPhase[] schedule = [new(10, 1, null)];
        var limit = problem.MaxStableTimeStepSeconds(schedule);
        using var engine = new GpuBioheatEngine(_accelerator);
        var e = Assert.Throws<ArgumentException>(() => engine.Run(problem, schedule, new BioheatOptions { TimeStepSeconds = limit * 1.5 }));
        Assert.Contains("stable limit", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => engine.Run(problem, []));
    }

    [Fact]
    public void Constructor_NegativeChunkLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpuBioheatEngine(_accelerator, chunkLength: -1));

    [Fact]
    public void Constructor_UnknownLayout_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpuBioheatEngine(_accelerator, layout: (GpuBioheatKernelLayout)99));

    /// <summary>
    /// Tiny and odd grids (single voxels, single rows, planes one voxel thick, sizes that are no multiple of any group
    /// size) with every layout and chunk lengths that do and do not divide the column, heating then freezing.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllLayouts))]
    public void Run_TinyAndOddGrids_MatchesCpuEngine(GpuBioheatKernelLayout layout)
    {
        (int I, int J, int K)[] sizes = [(1, 1, 1), (2, 3, 1), (1, 1, 5), (3, 1, 2), (1, 4, 3), (2, 1, 7), (17, 3, 2), (5, 2, 9), (33, 1, 4), (4, 1, 1), (4, 3, 2), (8, 1, 5), (12, 5, 3)];
        var random = new Random(31);
        var cpu = new CpuBioheatEngine(1);
        foreach (var (ni, nj, nk) in sizes)
        {
            var problem = RandomProblem(random, ni, nj, nk);
            BioheatPhase[] schedule = [new(4 + (4 * random.NextDouble()), 1, null), new(2, 0.5, 95), new(3, 0, -150), new(2, 0, null)];
            var expected = cpu.Run(problem, schedule);
            foreach (var chunk in new[] { 0, 1, 2, 3, 6 })
            {
                using var engine = new GpuBioheatEngine(_accelerator, chunk, layout);
                AssertAgrees(expected, engine.Run(problem, schedule), $"{layout}, {ni}×{nj}×{nk}, chunk {chunk}");
            }
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (the framework's one posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
