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

    [Fact]
    public void Run_SeveralStepsPerSweep_EqualsSingleStepsBitForBit()
    {
        // Temporal blocking reorders the work (wavefronts in slabs, triangles at slab ends, buffers of two steps back
        // overwritten), never the arithmetic: any block length and thread count must give the single-step result
        // exactly, on grids from one plane to more planes than the slabs need, heating and freezing.
        var random = new Random(43);
        (int Threads, int Block)[] layouts = [(1, 8), (2, 2), (2, 3), (2, 8), (3, 5), (4, 4), (7, 6)];
        int[] planes = [1, 2, 3, 7, 16, 29, 40];
        var damaged = 0;
        var frozen = 0;
        for (var trial = 0; trial < planes.Length; trial++)
        {
            var cryo = trial % 3 == 2;
            var problem = ThermalTestProblems.Random(random, cryo, minSizeI: 10, sizeK: planes[trial]);
            BioheatPhase[] schedule;
            BioheatOptions options;
            if (cryo)
            {
                schedule = [new BioheatPhase(12, 0, -120), new BioheatPhase(4, 0, null), new BioheatPhase(6, 0, -120)];
                options = new BioheatOptions { TimeStepSeconds = problem.MaxStableTimeStepSeconds(schedule) };
            }
            else
            {
                var limit = problem.MaxStableTimeStepSeconds([new BioheatPhase(1, 1, null)]);
                schedule = [new BioheatPhase(47 * limit, 1, null), new BioheatPhase(13 * limit, 0, null)];
                options = new BioheatOptions();
            }

            var expected = new CpuBioheatEngine(1, blockSteps: 1).Run(problem, schedule, options);
            damaged += expected.Damage.Voxels.Any(o => o > 0) ? 1 : 0;
            frozen += expected.ColdestTemperature.Voxels.Any(t => t < -8 && t > -119) ? 1 : 0;
            foreach (var (threads, block) in layouts)
            {
                var actual = new CpuBioheatEngine(threads, block).Run(problem, schedule, options);
                var layout = $"{planes[trial]} planes, {threads} threads, {block} steps per sweep";
                AssertBitwiseEqual(expected.FinalTemperature, actual.FinalTemperature, $"final temperature ({layout})");
                AssertBitwiseEqual(expected.PeakTemperature, actual.PeakTemperature, $"peak ({layout})");
                AssertBitwiseEqual(expected.ColdestTemperature, actual.ColdestTemperature, $"coldest ({layout})");
                AssertBitwiseEqual(expected.Damage, actual.Damage, $"Ω ({layout})");
                AssertBitwiseEqual(expected.Cem43, actual.Cem43, $"CEM43 ({layout})");
            }
        }

        Assert.True(damaged >= 3, $"only {damaged} heated problems reached damage");
        Assert.True(frozen >= 1, $"only {frozen} cryo problems froze tissue");
    }

    [Fact]
    public void Run_BlockedStepsCompareWithScalarReferenceOnTallGrid()
    {
        // Independent of the engine's own single-step path: a grid tall in k, so that two threads run eight-step
        // trapezoids, against the scalar reference solver.
        var random = new Random(47);
        var problem = ThermalTestProblems.Random(random, cryo: false, minSizeI: 20, sizeK: 48);
        var limit = problem.MaxStableTimeStepSeconds([new BioheatPhase(1, 1, null)]);
        BioheatPhase[] schedule = [new BioheatPhase(61 * limit, 1, null), new BioheatPhase(9 * limit, 0, null)];
        var expected = ReferenceBioheatSolver.Run(problem, schedule, new BioheatOptions());
        var actual = new CpuBioheatEngine(2, 8).Run(problem, schedule, new BioheatOptions());
        AssertClose(expected.Final, actual.FinalTemperature.Voxels, 1e-4f, 0, "final temperature");
        AssertClose(expected.Omega, actual.Damage.Voxels, 1e-6f, 1e-3f, "Ω");
        Assert.Contains(actual.Damage.Voxels, o => o > 0);
    }

    [Fact]
    public void Run_UniformTissueHeatedPastCoagulation_MatchesScalarReference()
    {
        // One material and no fixed voxel: every row stays on the plain path, and rows that got hot read their perfusion
        // factor e^−Ω there. Perfusion of coagulated tissue must fall to 0, or the temperatures drift from the reference.
        var g = new VolumeGeometry(40, 18, 20, new WorldPoint(0, 0, 0), 1, 1, 1);
        var source = new Volume<float>(g);
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var d2 = ((i - 20) * (i - 20)) + ((j - 9) * (j - 9)) + ((k - 10) * (k - 10));
                    source[i, j, k] = d2 <= 2 ? 6e7f : (float)(6e7 / (1 + (0.5 * d2 * d2)));
                }
            }
        }

        var problem = new BioheatProblem(new Volume<byte>(g), [ThermalTestProblems.Liver(0.02)], 37, ThermalTestProblems.BloodCapacity) { HeatSource = source };
        BioheatPhase[] schedule = [new BioheatPhase(90, 1, null), new BioheatPhase(30, 0, null)];
        var expected = ReferenceBioheatSolver.Run(problem, schedule, new BioheatOptions());
        var actual = new CpuBioheatEngine(2, 4).Run(problem, schedule, new BioheatOptions());
        Assert.True(actual.Damage.Voxels.Count(o => o > 4.6) >= 20, "the source must coagulate tissue (Ω > 4.6, perfusion factor below 1 %)");
        AssertClose(expected.Final, actual.FinalTemperature.Voxels, 1e-4f, 0, "final temperature");
        AssertClose(expected.Peak, actual.PeakTemperature.Voxels, 1e-4f, 0, "peak temperature");
        AssertClose(expected.Omega, actual.Damage.Voxels, 1e-6f, 1e-3f, "Ω");
    }

    private static void AssertBitwiseEqual(Volume<float> expected, Volume<float> actual, string what)
    {
        for (var n = 0; n < expected.Voxels.Length; n++)
        {
            if (BitConverter.SingleToInt32Bits(expected.Voxels[n]) != BitConverter.SingleToInt32Bits(actual.Voxels[n]))
            {
                Assert.Fail($"{what} at voxel {n}: single steps {expected.Voxels[n]:R}, blocked {actual.Voxels[n]:R}");
            }
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
