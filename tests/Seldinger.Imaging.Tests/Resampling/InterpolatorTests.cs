using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Resampling;

namespace Seldinger.Imaging.Tests.Resampling;

public class InterpolatorTests
{
    public static TheoryData<InterpolationKind> Kinds => [InterpolationKind.Nearest, InterpolationKind.Linear, InterpolationKind.CubicBSpline];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sample_RandomObliqueAnisotropicVolumes_MatchesBruteForce(InterpolationKind kind)
    {
        var random = new Random(11 + (int)kind);
        for (var trial = 0; trial < 25; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 7);
            var volume = ReferenceInterpolation.RandomVolume(random, g);
            var interpolator = new Interpolator(kind, -1234.5);
            var sampler = interpolator.Prepare(volume);
            var reference = ReferenceInterpolation.Create(volume, interpolator);
            for (var n = 0; n < 200; n++)
            {
                // Indices from a voxel beyond each edge, so outside points are covered too.
                var x = new ContinuousIndex(
                    (random.NextDouble() * (g.SizeI + 1)) - 1,
                    (random.NextDouble() * (g.SizeJ + 1)) - 1,
                    (random.NextDouble() * (g.SizeK + 1)) - 1);
                var p = g.IndexToWorld(x);
                var expected = reference(p);
                Assert.Equal(expected, sampler.Sample(p), 1e-6 * (1 + Math.Abs(expected)));
                Assert.Equal(expected, sampler.Sample(g.WorldToIndex(p)), 1e-6 * (1 + Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void Sample_OutsideTheVoxelExtent_GivesOutsideValue()
    {
        var g = new VolumeGeometry(4, 3, 2, WorldPoint.Origin, 1, 2, 3);
        var volume = new Volume<short>(g);
        Array.Fill(volume.Voxels, (short)7);
        foreach (var kind in new[] { InterpolationKind.Nearest, InterpolationKind.Linear, InterpolationKind.CubicBSpline })
        {
            var sampler = new Interpolator(kind, -1024).Prepare(volume);
            Assert.Equal(-1024, sampler.Sample(new ContinuousIndex(3.5, 1, 0.5)));
            Assert.Equal(-1024, sampler.Sample(new ContinuousIndex(1, -0.51, 0.5)));
            Assert.False(sampler.TrySample(new WorldPoint(0, 0, 6), out var outside));
            Assert.Equal(-1024, outside);
            Assert.True(sampler.TrySample(new ContinuousIndex(3.49, -0.5, 1.49), out var inside));
            Assert.Equal(7, inside, 1e-12);
        }
    }

    [Fact]
    public void Sample_NearestOfByteLabels_ReturnsTheVoxelHoldingThePoint()
    {
        var random = new Random(5);
        var g = TestRandom.RandomGeometry(random, 6);
        var labels = new Volume<byte>(g);
        random.NextBytes(labels.Voxels);
        var sampler = Interpolator.Nearest.Prepare(labels);
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var v = g.VoxelAt(n);
            var jitter = new ContinuousIndex(v.I + (random.NextDouble() * 0.98) - 0.49, v.J + (random.NextDouble() * 0.98) - 0.49, v.K + (random.NextDouble() * 0.98) - 0.49);
            Assert.Equal(labels.Voxels[n], sampler.Sample(g.IndexToWorld(jitter)));
        }
    }

    [Fact]
    public void Sample_LinearOfALinearFunction_IsExact()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 10; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 9);
            var (a, b) = (random.NextDouble() * 100, new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * 10);
            var volume = new Volume<double>(g);
            for (var n = 0; n < volume.Voxels.Length; n++)
            {
                volume.Voxels[n] = a + b.Dot(g.IndexToWorld(g.VoxelAt(n)).ToVector());
            }

            var sampler = Interpolator.Linear.Prepare(volume);
            for (var n = 0; n < 500; n++)
            {
                // Between the first and last voxel centres, where no neighbour is clamped.
                var x = new ContinuousIndex(random.NextDouble() * (g.SizeI - 1), random.NextDouble() * (g.SizeJ - 1), random.NextDouble() * (g.SizeK - 1));
                var p = g.IndexToWorld(x);
                Assert.Equal(a + b.Dot(p.ToVector()), sampler.Sample(p), 1e-9);
            }
        }
    }

    [Fact]
    public void Sample_BSplineOfAQuadratic_ReproducesItInside()
    {
        var random = new Random(31);
        for (var trial = 0; trial < 3; trial++)
        {
            var g = new VolumeGeometry(40, 36, 38, new WorldPoint(-20, 10, 5), 0.7, 1.1, 1.6, TestRandom.RandomRotation(random));
            var centre = ReferenceInterpolation.Centre(g);
            var q = Enumerable.Range(0, 10).Select(_ => random.NextDouble() - 0.5).ToArray();
            double F(WorldPoint p)
            {
                var d = (p - centre) / 10;
                return q[0] + (q[1] * d.X) + (q[2] * d.Y) + (q[3] * d.Z) + (q[4] * d.X * d.X) + (q[5] * d.Y * d.Y) + (q[6] * d.Z * d.Z)
                    + (q[7] * d.X * d.Y) + (q[8] * d.Y * d.Z) + (q[9] * d.X * d.Z);
            }

            var volume = new Volume<float>(g);
            var exact = new Volume<double>(g);
            for (var n = 0; n < volume.Voxels.Length; n++)
            {
                exact.Voxels[n] = F(g.IndexToWorld(g.VoxelAt(n)));
            }

            var sampler = Interpolator.CubicBSpline.Prepare(exact);
            for (var n = 0; n < 500; n++)
            {
                // At least 16 voxels from every face: the mirror boundary's effect decays as (2 − √3)^distance.
                var x = new ContinuousIndex(16 + (random.NextDouble() * 7), 16 + (random.NextDouble() * 3), 16 + (random.NextDouble() * 5));
                var p = g.IndexToWorld(x);
                Assert.Equal(F(p), sampler.Sample(p), 1e-6);
            }
        }
    }

    [Fact]
    public void Sample_BSplineAtGridPoints_InterpolatesTheSamples()
    {
        var random = new Random(41);
        for (var trial = 0; trial < 10; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 10);
            var volume = new Volume<short>(g);
            for (var n = 0; n < volume.Voxels.Length; n++)
            {
                volume.Voxels[n] = (short)random.Next(-1024, 3000);
            }

            var sampler = Interpolator.CubicBSpline.Prepare(volume);
            for (var n = 0; n < volume.Voxels.Length; n++)
            {
                var v = g.VoxelAt(n);
                Assert.Equal(volume.Voxels[n], sampler.Sample(new ContinuousIndex(v.I, v.J, v.K)), 1e-9);
            }
        }
    }
}
