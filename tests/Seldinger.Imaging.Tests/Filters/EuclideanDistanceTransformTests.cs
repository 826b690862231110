using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Filters;

public class EuclideanDistanceTransformTests
{
    private static float[] BruteForce(Volume<byte> labels, Func<byte, bool> isFeature)
    {
        var g = labels.Geometry;
        var features = Enumerable.Range(0, labels.Voxels.Length).Where(n => isFeature(labels.Voxels[n])).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
        var result = new float[labels.Voxels.Length];
        for (var n = 0; n < result.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            var best = double.PositiveInfinity;
            foreach (var f in features)
            {
                best = Math.Min(best, p.DistanceTo(f));
            }

            result[n] = (float)best;
        }

        return result;
    }

    private static Volume<byte> RandomLabels(Random random, VolumeGeometry g, double density)
    {
        var labels = new Volume<byte>(g);
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            labels.Voxels[n] = random.NextDouble() < density ? (byte)(1 + random.Next(3)) : (byte)0;
        }

        return labels;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var n = 0; n < expected.Length; n++)
        {
            if (float.IsPositiveInfinity(expected[n]))
            {
                Assert.True(float.IsPositiveInfinity(actual[n]), $"voxel {n}: expected +∞, got {actual[n]}");
                continue;
            }

            var tolerance = 1e-5f * Math.Max(1f, expected[n]);
            Assert.True(Math.Abs(expected[n] - actual[n]) <= tolerance, $"voxel {n}: expected {expected[n]}, got {actual[n]}");
        }
    }

    [Fact]
    public void Compute_RandomAnisotropicVolumes_MatchesBruteForce()
    {
        var random = new Random(71);
        for (var trial = 0; trial < 60; trial++)
        {
            var g = TestRandom.RandomGeometry(random, maxSize: 11, oblique: trial % 2 == 0);
            var density = new[] { 0.002, 0.02, 0.1, 0.5, 0.95 }[trial % 5];
            var labels = RandomLabels(random, g, density);
            var expected = BruteForce(labels, v => v == 2);
            AssertClose(expected, EuclideanDistanceTransform.Compute(labels, 2).Voxels);
        }
    }

    [Fact]
    public void Compute_PredicateOverload_MatchesBruteForce()
    {
        var random = new Random(72);
        var g = new VolumeGeometry(13, 7, 9, new WorldPoint(3, -4, 5), 0.7, 1.3, 2.5);
        var labels = RandomLabels(random, g, 0.05);
        static bool IsFeature(byte v) => v is 1 or 3;
        AssertClose(BruteForce(labels, IsFeature), EuclideanDistanceTransform.Compute(labels, IsFeature).Voxels);
    }

    [Fact]
    public void Compute_ThinVolumes_MatchesBruteForce()
    {
        var random = new Random(73);
        foreach (var (i, j, k) in new[] { (1, 1, 1), (17, 1, 1), (1, 17, 1), (1, 1, 17), (1, 9, 8), (9, 1, 8), (9, 8, 1) })
        {
            var g = new VolumeGeometry(i, j, k, WorldPoint.Origin, 0.9, 1.7, 3.1);
            var labels = RandomLabels(random, g, 0.15);
            AssertClose(BruteForce(labels, v => v != 0), EuclideanDistanceTransform.Compute(labels, v => v != 0).Voxels);
        }
    }

    [Fact]
    public void Compute_RunsAndGapsAlongRows_MatchesBruteForce()
    {
        // Rows of random runs of features and gaps of every length (odd and even, at both ends).
        var random = new Random(74);
        for (var trial = 0; trial < 20; trial++)
        {
            var g = new VolumeGeometry(random.Next(1, 40), random.Next(1, 5), random.Next(1, 4), WorldPoint.Origin, 0.3 + (random.NextDouble() * 2), 0.3 + (random.NextDouble() * 2), 0.3 + (random.NextDouble() * 2));
            var labels = new Volume<byte>(g);
            var n = 0;
            while (n < labels.Voxels.Length)
            {
                var run = random.Next(1, 9);
                labels.Voxels.AsSpan(n, Math.Min(run, labels.Voxels.Length - n)).Fill((byte)(random.Next(4) == 0 ? 1 : 0));
                n += run;
            }

            AssertClose(BruteForce(labels, v => v == 1), EuclideanDistanceTransform.Compute(labels, 1).Voxels);
        }
    }

    [Fact]
    public void ComputeSigned_RandomAnisotropicVolumes_MatchesBruteForce()
    {
        var random = new Random(75);
        for (var trial = 0; trial < 30; trial++)
        {
            var g = TestRandom.RandomGeometry(random, maxSize: 10, oblique: trial % 2 == 0);
            var density = new[] { 0.02, 0.3, 0.7, 0.98, 1.0 }[trial % 5];
            var labels = RandomLabels(random, g, density);
            static bool IsFeature(byte v) => v != 0;
            var outside = BruteForce(labels, IsFeature);
            var inside = BruteForce(labels, v => !IsFeature(v));
            var expected = outside.Select((d, n) => IsFeature(labels.Voxels[n]) ? -inside[n] : d).ToArray();
            var actual = EuclideanDistanceTransform.ComputeSigned(labels, IsFeature).Voxels;
            for (var n = 0; n < expected.Length; n++)
            {
                if (float.IsInfinity(expected[n]))
                {
                    Assert.Equal(expected[n], actual[n]);
                    continue;
                }

                Assert.True(Math.Abs(expected[n] - actual[n]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[n])), $"voxel {n}: expected {expected[n]}, got {actual[n]}");
            }
        }
    }

    [Fact]
    public void ComputeSigned_SingleFeature_IsMinusOneSpacingInsideAndDistanceOutside()
    {
        var g = new VolumeGeometry(5, 4, 3, WorldPoint.Origin, 0.5, 2, 3);
        var labels = new Volume<byte>(g);
        labels[2, 1, 1] = 4;
        var signed = EuclideanDistanceTransform.ComputeSigned(labels, 4);
        Assert.Equal(-0.5f, signed[2, 1, 1]);
        Assert.Equal(2f, signed[2, 2, 1]);
        Assert.Equal(EuclideanDistanceTransform.Compute(labels, 4)[0, 3, 2], signed[0, 3, 2]);
    }

    [Fact]
    public void Compute_LargerThanOneTile_MatchesBruteForce()
    {
        // Several tiles along i with a partial last tile, and line lengths that are not multiples of 8.
        var random = new Random(76);
        foreach (var (i, j, k) in new[] { (45, 37, 29), (70, 9, 19), (8, 8, 8) })
        {
            var g = new VolumeGeometry(i, j, k, WorldPoint.Origin, 0.6 + random.NextDouble(), 0.6 + random.NextDouble(), 0.9 + random.NextDouble());
            var labels = RandomLabels(random, g, 0.004);
            AssertClose(BruteForce(labels, v => v != 0), EuclideanDistanceTransform.Compute(labels, v => v != 0).Voxels);
        }
    }

    [Fact]
    public void Compute_NoFeature_IsInfiniteEverywhere()
    {
        var labels = new Volume<byte>(new VolumeGeometry(5, 4, 3, WorldPoint.Origin, 1, 1, 1));
        Assert.All(EuclideanDistanceTransform.Compute(labels, 7).Voxels, v => Assert.True(float.IsPositiveInfinity(v)));
    }

    [Fact]
    public void Compute_SingleFeature_IsDistanceToIt()
    {
        var g = new VolumeGeometry(6, 5, 4, WorldPoint.Origin, 0.5, 2, 3);
        var labels = new Volume<byte>(g);
        labels[2, 3, 1] = 1;
        var distance = EuclideanDistanceTransform.Compute(labels, 1);
        Assert.Equal(0f, distance[2, 3, 1]);
        Assert.Equal((float)Math.Sqrt((3 * 0.5 * 3 * 0.5) + (3 * 2 * 3 * 2) + (2 * 3 * 2 * 3)), distance[5, 0, 3], 5);
    }

    [Fact]
    public void Compute_ShearedGrid_Throws()
    {
        var direction = Matrix3.FromColumns(Vector3D.UnitX, Vector3D.UnitY, new Vector3D(0, 0.3, 0.95));
        var labels = new Volume<byte>(new VolumeGeometry(3, 3, 3, WorldPoint.Origin, 1, 1, 1, direction));
        Assert.Throws<ArgumentException>(() => EuclideanDistanceTransform.Compute(labels, 1));
    }
}
