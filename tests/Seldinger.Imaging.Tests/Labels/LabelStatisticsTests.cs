using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Tests.Labels;

public class LabelStatisticsTests
{
    [Fact]
    public void Compute_RandomObliqueLabelMaps_EqualsBruteForce()
    {
        var random = new Random(61);
        for (var trial = 0; trial < 40; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 9);
            var labels = new Volume<byte>(g);
            var density = random.NextDouble();
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                labels.Voxels[n] = (byte)(random.NextDouble() < density ? random.Next(1, 4) : 0);
            }

            var all = LabelStatistics.ComputeAll(labels);
            var present = labels.Voxels.Where(v => v != 0).Distinct().Order().ToArray();
            Assert.Equal(present, all.Select(m => m.Label).ToArray());
            foreach (var m in all)
            {
                var voxels = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == m.Label).Select(g.VoxelAt).ToArray();
                var points = voxels.Select(g.IndexToWorld).ToArray();
                Assert.Equal(voxels.Length, m.VoxelCount);
                Assert.Equal(voxels.Length * g.SpacingI * g.SpacingJ * g.SpacingK / 1000, m.VolumeMl, 1e-9);
                Assert.Equal(new VoxelIndex(voxels.Min(v => v.I), voxels.Min(v => v.J), voxels.Min(v => v.K)), m.MinIndex);
                Assert.Equal(new VoxelIndex(voxels.Max(v => v.I), voxels.Max(v => v.J), voxels.Max(v => v.K)), m.MaxIndex);
                Assert.Equal(new WorldPoint(points.Min(p => p.X), points.Min(p => p.Y), points.Min(p => p.Z)), m.WorldMin);
                Assert.Equal(new WorldPoint(points.Max(p => p.X), points.Max(p => p.Y), points.Max(p => p.Z)), m.WorldMax);
                var centroid = new WorldPoint(points.Average(p => p.X), points.Average(p => p.Y), points.Average(p => p.Z));
                Assert.True(centroid.DistanceTo(m.Centroid) < 1e-9, $"{centroid} vs {m.Centroid}");
                var diameter = 0.0;
                foreach (var p in points)
                {
                    foreach (var q in points)
                    {
                        diameter = Math.Max(diameter, p.DistanceTo(q));
                    }
                }

                Assert.Equal(diameter, m.LargestDiameterMm, 1e-9);
                Assert.Equal(m.LargestDiameterMm, m.DiameterStart.DistanceTo(m.DiameterEnd), 1e-12);
            }
        }
    }

    [Fact]
    public void Compute_CompactBlobs_DiameterEqualsAllPairs()
    {
        var random = new Random(62);
        for (var trial = 0; trial < 5; trial++)
        {
            var g = new VolumeGeometry(18, 16, 12, default, 0.5 + random.NextDouble(), 0.5 + random.NextDouble(), 1 + random.NextDouble(), TestRandom.RandomRotation(random));
            var seeds = new Volume<byte>(g);
            for (var s = 0; s < 4; s++)
            {
                seeds.Voxels[random.Next(seeds.Voxels.Length)] = 1;
            }

            var blob = Seldinger.Imaging.Morphology.BinaryMorphology.Dilate(seeds, 3 + (3 * random.NextDouble()));
            var points = Enumerable.Range(0, blob.Voxels.Length).Where(n => blob.Voxels[n] != 0).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
            var diameter = 0.0;
            for (var a = 0; a < points.Length; a++)
            {
                for (var b = a + 1; b < points.Length; b++)
                {
                    diameter = Math.Max(diameter, points[a].DistanceTo(points[b]));
                }
            }

            Assert.Equal(diameter, LabelStatistics.Compute(blob, 1)!.LargestDiameterMm, 1e-9);
        }
    }

    [Fact]
    public void Compute_BallOnAnisotropicGrid_VolumeAndDiameterNearAnalytic()
    {
        var g = new VolumeGeometry(60, 60, 30, new WorldPoint(-30, -30, -30), 1.0, 1.0, 2.0);
        var labels = new Volume<byte>(g);
        const double radius = 12;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            labels.Voxels[n] = (byte)(p.ToVector().Length <= radius ? 5 : 0);
        }

        var m = LabelStatistics.Compute(labels, 5)!;
        var analyticMl = 4.0 / 3.0 * Math.PI * radius * radius * radius / 1000;
        Assert.InRange(m.VolumeMl, analyticMl * 0.97, analyticMl * 1.03);
        Assert.InRange(m.LargestDiameterMm, (2 * radius) - 2, 2 * radius);
        Assert.True(m.Centroid.DistanceTo(WorldPoint.Origin) < 0.5);
        Assert.Null(LabelStatistics.Compute(labels, 6));
    }
}
