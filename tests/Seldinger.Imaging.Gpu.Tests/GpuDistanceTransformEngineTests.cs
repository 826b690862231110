using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Gpu.Tests;

/// <summary>
/// The ILGPU kernels run on ILGPU's CPU accelerator, compared with the CPU engine (the oracle): they do
/// the same arithmetic, so the results must be equal bit for bit.
/// </summary>
public sealed class GpuDistanceTransformEngineTests : IDisposable
{
    private readonly Context _context = Context.Create(builder => builder.CPU());
    private readonly Accelerator _accelerator;

    public GpuDistanceTransformEngineTests()
    {
        _accelerator = _context.CreateCPUAccelerator(0);
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    private static Matrix3 RandomRotation(Random random) =>
        Matrix3.Rotation(new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() + 0.1), (random.NextDouble() * 2 * Math.PI) - Math.PI);

    private static Volume<byte> RandomLabels(Random random, VolumeGeometry g, double density)
    {
        var labels = new Volume<byte>(g);
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            labels.Voxels[n] = random.NextDouble() < density ? (byte)(1 + random.Next(3)) : (byte)0;
        }

        return labels;
    }

    private static void AssertBitEqual(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var n = 0; n < expected.Length; n++)
        {
            if (BitConverter.SingleToInt32Bits(expected[n]) != BitConverter.SingleToInt32Bits(actual[n]))
            {
                Assert.Fail($"{what}: voxel {n}: CPU {expected[n]:R}, kernel {actual[n]:R}");
            }
        }
    }

    [Fact]
    public void Compute_RandomAnisotropicVolumes_EqualsCpuEngineBitForBit()
    {
        using var engine = new GpuDistanceTransformEngine(_accelerator);
        var random = new Random(81);
        for (var trial = 0; trial < 24; trial++)
        {
            var g = new VolumeGeometry(
                random.Next(1, 14), random.Next(1, 14), random.Next(1, 14),
                new WorldPoint(random.Next(-100, 100), random.Next(-100, 100), random.Next(-100, 100)),
                0.3 + (random.NextDouble() * 3), 0.3 + (random.NextDouble() * 3), 0.3 + (random.NextDouble() * 3),
                trial % 2 == 0 ? RandomRotation(random) : Matrix3.Identity);
            var density = new[] { 0.0, 0.003, 0.05, 0.3, 0.9, 1.0 }[trial % 6];
            var labels = RandomLabels(random, g, density);
            static bool IsFeature(byte v) => v is 1 or 3;
            AssertBitEqual(CpuDistanceTransformEngine.Instance.Compute(labels, IsFeature).Voxels, engine.Compute(labels, IsFeature).Voxels, $"trial {trial}");
        }
    }

    [Fact]
    public void ComputeSigned_RandomAnisotropicVolumes_EqualsCpuEngineBitForBit()
    {
        using var engine = new GpuDistanceTransformEngine(_accelerator);
        var random = new Random(82);
        for (var trial = 0; trial < 18; trial++)
        {
            var g = new VolumeGeometry(random.Next(1, 12), random.Next(1, 12), random.Next(1, 12), WorldPoint.Origin,
                0.3 + (random.NextDouble() * 3), 0.3 + (random.NextDouble() * 3), 0.3 + (random.NextDouble() * 3));
            var density = new[] { 0.0, 0.02, 0.4, 0.8, 0.99, 1.0 }[trial % 6];
            var labels = RandomLabels(random, g, density);
            var expected = CpuDistanceTransformEngine.Instance.ComputeSigned(labels, v => v != 0).Voxels;
            var actual = engine.ComputeSigned(labels, v => v != 0).Voxels;
            AssertBitEqual(expected, actual, $"trial {trial}");
            if (density is > 0 and < 1)
            {
                Assert.Contains(actual, d => d < 0);
                Assert.Contains(actual, d => d > 0);
            }
        }
    }

    [Fact]
    public void Compute_MoreLinesThanOneLaunchHolds_EqualsCpuEngineBitForBit()
    {
        // 1 MiB of stack holds 1365 lines of 48: the passes along j (2560 lines) and k (3072) take several launches.
        using var engine = new GpuDistanceTransformEngine(_accelerator, scratchBytes: 1 << 20);
        var random = new Random(83);
        var g = new VolumeGeometry(64, 48, 40, WorldPoint.Origin, 0.7, 0.8, 1.9);
        var labels = RandomLabels(random, g, 0.002);
        AssertBitEqual(CpuDistanceTransformEngine.Instance.Compute(labels, v => v == 2).Voxels, engine.Compute(labels, v => v == 2).Voxels, "batched");
    }

    [Fact]
    public void Resident_RunTwice_GivesTheSameResultAndDownloadsIt()
    {
        using var engine = new GpuDistanceTransformEngine(_accelerator);
        var random = new Random(84);
        var labels = RandomLabels(random, new VolumeGeometry(9, 7, 5, WorldPoint.Origin, 1, 1.5, 2), 0.1);
        using var resident = engine.Upload(labels);
        resident.Run(v => v == 1, signedDistance: true);
        resident.Run(v => v == 1, signedDistance: false);
        AssertBitEqual(CpuDistanceTransformEngine.Instance.Compute(labels, v => v == 1).Voxels, resident.Download().Voxels, "second run");
    }

    [Fact]
    public void Compute_ShearedGrid_Throws()
    {
        using var engine = new GpuDistanceTransformEngine(_accelerator);
        var direction = Matrix3.FromColumns(Vector3D.UnitX, Vector3D.UnitY, new Vector3D(0, 0.3, 0.95));
        var labels = new Volume<byte>(new VolumeGeometry(3, 3, 3, WorldPoint.Origin, 1, 1, 1, direction));
        Assert.Throws<ArgumentException>(() => engine.Compute(labels, v => v == 1));
    }

    [Fact]
    public void Name_SaysWhereItRuns()
    {
        using var engine = new GpuDistanceTransformEngine(_accelerator);
        Assert.StartsWith("CPU", engine.Name, StringComparison.Ordinal);
    }
}
