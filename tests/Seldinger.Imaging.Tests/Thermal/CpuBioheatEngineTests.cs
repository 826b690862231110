using Seldinger.Imaging.Buffers;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Tests.Thermal;

public class CpuBioheatEngineTests
{
    private static void AssertClose(float[] expected, float[] actual, float absolute, float relative, string what)
    {
        for (var n = 0; n < expected.Length; n++)
        {
            var tolerance = absolute + (relative * Math.Abs(expected[n]));
            Assert.True(Math.Abs(expected[n] - actual[n]) <= tolerance, $"{what} at voxel {n}: reference {expected[n]}, engine {actual[n]}");
        }
    }

    private static void AssertMatchesReference(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions options, int threads)
    {
        var expected = ReferenceBioheatSolver.Run(problem, schedule, options);
        var actual = new CpuBioheatEngine(threads).Run(problem, schedule, options);
        AssertClose(expected.Final, actual.FinalTemperature.Voxels, 1e-4f, 0, "final temperature");
        AssertClose(expected.Peak, actual.PeakTemperature.Voxels, 1e-4f, 0, "peak temperature");
        AssertClose(expected.Coldest, actual.ColdestTemperature.Voxels, 1e-4f, 0, "coldest temperature");
        AssertClose(expected.Omega, actual.Damage.Voxels, 1e-6f, 1e-3f, "Ω");
        AssertClose(expected.Cem43, actual.Cem43.Voxels, 1e-6f, 1e-3f, "CEM43");
    }

    [Fact]
    public void Run_RandomHeatingProblems_MatchesScalarReference()
    {
        var random = new Random(11);
        var heated = 0;
        for (var trial = 0; trial < 6; trial++)
        {
            var problem = ThermalTestProblems.Random(random, cryo: false);
            var limit = problem.MaxStableTimeStepSeconds([new BioheatPhase(1, 1, null)]);
            BioheatPhase[] schedule = [new BioheatPhase(60 * limit, 1, null), new BioheatPhase(20 * limit, 0, null)];
            AssertMatchesReference(problem, schedule, new BioheatOptions(), 1 + (trial % 2));
            var result = new CpuBioheatEngine(1).Run(problem, schedule);
            heated += result.Damage.Voxels.Any(o => o > 0) ? 1 : 0;
        }

        // The sources must actually heat past the damage threshold, or the damage terms were never compared.
        Assert.True(heated >= 4, $"only {heated} of 6 problems reached damage");
    }

    [Fact]
    public void Run_RandomFreezeThawProblems_MatchesScalarReference()
    {
        var random = new Random(23);
        var frozen = 0;
        for (var trial = 0; trial < 4; trial++)
        {
            var problem = ThermalTestProblems.Random(random, cryo: true);
            BioheatPhase[] schedule = [new BioheatPhase(12, 0, -120), new BioheatPhase(4, 0, null), new BioheatPhase(6, 0, -120)];
            var options = new BioheatOptions { TimeStepSeconds = problem.MaxStableTimeStepSeconds(schedule) };
            AssertMatchesReference(problem, schedule, options, 2);
            var result = new CpuBioheatEngine(2).Run(problem, schedule, options);
            frozen += result.ColdestTemperature.Voxels.Any(t => t < -8 && t > -119) ? 1 : 0;
        }

        Assert.True(frozen >= 3, $"only {frozen} of 4 problems froze tissue beyond the probe");
    }

    [Fact]
    public void Run_LongMixedRowsHeated_MatchesScalarReference()
    {
        // Rows of 40–69 voxels with blocks of materials, a few blood voxels and a hot source: general rows hold
        // stretches of one material that the SIMD stencil takes, next to voxels it must leave to the harmonic means.
        var random = new Random(31);
        var heated = 0;
        for (var trial = 0; trial < 4; trial++)
        {
            var problem = ThermalTestProblems.Random(random, cryo: false, minSizeI: 40);
            var limit = problem.MaxStableTimeStepSeconds([new BioheatPhase(1, 1, null)]);
            BioheatPhase[] schedule = [new BioheatPhase(80 * limit, 1, null), new BioheatPhase(20 * limit, 0, null)];
            AssertMatchesReference(problem, schedule, new BioheatOptions(), 2);
            var result = new CpuBioheatEngine(2).Run(problem, schedule);
            heated += result.Damage.Voxels.Any(o => o > 0) ? 1 : 0;
        }

        Assert.True(heated >= 3, $"only {heated} of 4 problems reached damage");
    }

    [Fact]
    public void Run_LongMixedRowsFrozen_MatchesScalarReference()
    {
        // Freezing fronts cross stretches of one material: the SIMD stencil must hand them back to the harmonic means.
        var random = new Random(37);
        for (var trial = 0; trial < 3; trial++)
        {
            var problem = ThermalTestProblems.Random(random, cryo: true, minSizeI: 40);
            BioheatPhase[] schedule = [new BioheatPhase(12, 0, -120), new BioheatPhase(4, 0, null), new BioheatPhase(6, 0, -120)];
            var options = new BioheatOptions { TimeStepSeconds = problem.MaxStableTimeStepSeconds(schedule) };
            AssertMatchesReference(problem, schedule, options, 1 + (trial % 2));
        }
    }

    [Theory]
    [InlineData(39.99f, false)]
    [InlineData(40f, true)]
    [InlineData(40.01f, true)]
    public void Run_UniformTemperatureNearDamageThreshold_AccumulatesArrheniusDamageFromThreshold(float start, bool damaged)
    {
        // No perfusion, no source, one temperature everywhere: T stays put, so Ω = steps · dt · A e^(−Ea/RT) and
        // CEM43 = minutes · R^(43 − T). 21 voxels per row: two full groups of eight and a partial one.
        var g = new VolumeGeometry(21, 6, 6, new WorldPoint(0, 0, 0), 1, 1, 1);
        var initial = new Volume<float>(g);
        Array.Fill(initial.Voxels, start);
        var problem = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0)], 37, ThermalTestProblems.BloodCapacity) { InitialTemperature = initial };
        var result = new CpuBioheatEngine(2).Run(problem, [new BioheatPhase(30, 1, null)]);

        Assert.All(result.FinalTemperature.Voxels, t => Assert.Equal(start, t));
        var seconds = result.SimulatedSeconds;
        var expectedOmega = damaged ? seconds * 7.39e39 * Math.Exp(-2.577e5 / 8.314462618 / (start + 273.15)) : 0;
        var expectedCem = damaged ? seconds / 60 * Math.Pow(0.25, 43 - start) : 0;
        Assert.All(result.Damage.Voxels, o => Assert.Equal(expectedOmega, o, expectedOmega * 1e-4));
        Assert.All(result.Cem43.Voxels, c => Assert.Equal(expectedCem, c, expectedCem * 1e-4));
        Assert.All(result.PeakTemperature.Voxels, t => Assert.Equal(start, t));
    }

    [Fact]
    public void Run_UniformBlockWithoutSources_StaysAtBloodTemperatureAndUsesPooledBuffersOnly()
    {
        var g = new VolumeGeometry(40, 12, 12, new WorldPoint(0, 0, 0), 1, 1, 1);
        var problem = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0.01)], 37, ThermalTestProblems.BloodCapacity);
        var pool = new CountingPool();
        BioheatResult result;
        using (BufferPool.Use(pool))
        {
            result = new CpuBioheatEngine(2).Run(problem, [new BioheatPhase(30, 1, null)]);
        }

        Assert.All(result.FinalTemperature.Voxels, t => Assert.Equal(37f, t));
        Assert.All(result.Damage.Voxels, o => Assert.Equal(0f, o));
        Assert.Equal(3, pool.Rented);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Run_TimeStepAboveStableLimit_Throws()
    {
        var g = new VolumeGeometry(8, 8, 8, new WorldPoint(0, 0, 0), 1, 1, 1);
        var problem = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0.01)], 37, ThermalTestProblems.BloodCapacity);
        BioheatPhase[] schedule = [new BioheatPhase(60, 1, null)];
        var limit = problem.MaxStableTimeStepSeconds(schedule);

        // Liver at 1 mm: ρc / (6k/h² + ρ_b c_b ω), about 1.2 s.
        var expected = 1079 * 3540 / ((6 * 0.52 / 1e-6) + (ThermalTestProblems.BloodCapacity * 0.01));
        Assert.Equal(expected, limit, 1e-9);
        var error = Assert.Throws<ArgumentException>(() => new CpuBioheatEngine().Run(problem, schedule, new BioheatOptions { TimeStepSeconds = limit * 1.01 }));
        Assert.Contains("stable limit", error.Message, StringComparison.Ordinal);
        var result = new CpuBioheatEngine().Run(problem, schedule, new BioheatOptions { TimeStepSeconds = limit });
        Assert.Equal((int)Math.Ceiling(60 / limit), result.Steps);
    }

    [Fact]
    public void Run_InvalidInput_ThrowsArgumentException()
    {
        var g = new VolumeGeometry(4, 4, 4, new WorldPoint(0, 0, 0), 1, 1, 1);
        var index = new Volume<byte>(g);
        index[1, 1, 1] = 3;
        Assert.Throws<ArgumentException>(() => new BioheatProblem(index, [ThermalTestProblems.Liver(0)], 37, ThermalTestProblems.BloodCapacity));
        Assert.Throws<ArgumentException>(() => new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0) with { Conductivity = -1 }], 37, ThermalTestProblems.BloodCapacity));
        var source = new Volume<float>(g);
        source[0, 0, 0] = float.NaN;
        var problem = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0)], 37, ThermalTestProblems.BloodCapacity) { HeatSource = source };
        var engine = new CpuBioheatEngine(1);
        Assert.Throws<ArgumentException>(() => engine.Run(problem, [new BioheatPhase(1, 1, null)]));
        var plain = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0)], 37, ThermalTestProblems.BloodCapacity);
        Assert.Throws<ArgumentException>(() => engine.Run(plain, []));
        Assert.Throws<ArgumentException>(() => engine.Run(plain, [new BioheatPhase(-1, 1, null)]));
        Assert.Throws<ArgumentException>(() => engine.Run(plain, [new BioheatPhase(1e12, 1, null)]));
        var wrongGrid = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0)], 37, ThermalTestProblems.BloodCapacity)
        {
            InitialTemperature = new Volume<float>(new VolumeGeometry(3, 4, 4, new WorldPoint(0, 0, 0), 1, 1, 1)),
        };
        Assert.Throws<ArgumentException>(() => engine.Run(wrongGrid, [new BioheatPhase(1, 1, null)]));
    }

    [Fact]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        var g = new VolumeGeometry(16, 16, 16, new WorldPoint(0, 0, 0), 1, 1, 1);
        var problem = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0.01)], 37, ThermalTestProblems.BloodCapacity);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new CpuBioheatEngine().Run(problem, [new BioheatPhase(600, 1, null)], cancellationToken: cancellation.Token));
    }

    private sealed class CountingPool : BufferPool
    {
        public int Rented { get; private set; }

        public int Outstanding { get; private set; }

        protected override T[] RentCore<T>(int minimumLength)
        {
            Rented++;
            Outstanding++;
            return new T[minimumLength + 3];
        }

        protected override void ReturnCore<T>(T[] array) => Outstanding--;
    }
}
