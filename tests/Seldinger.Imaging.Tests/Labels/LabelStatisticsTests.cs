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

    [Fact]
    public void Compute_ManyCandidatesOnObliqueAnisotropicGrids_DiameterEqualsAllPairs()
    {
        // Rough random shapes: thousands of row/column/pillar extremes, so the k-d tree search runs many levels deep.
        var random = new Random(63);
        for (var trial = 0; trial < 6; trial++)
        {
            var g = new VolumeGeometry(26, 22, 14, new WorldPoint(random.NextDouble() * 50, -20, 7), 0.4 + random.NextDouble(), 0.4 + random.NextDouble(), 0.8 + (2 * random.NextDouble()),
                trial % 2 == 0 ? TestRandom.RandomRotation(random) : Matrix3.Identity);
            var labels = new Volume<byte>(g);
            var density = 0.05 + (0.5 * random.NextDouble());
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                labels.Voxels[n] = (byte)(random.NextDouble() < density ? 2 : 0);
            }

            var points = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == 2).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
            var best = 0.0;
            for (var a = 0; a < points.Length; a++)
            {
                for (var b = a + 1; b < points.Length; b++)
                {
                    best = Math.Max(best, points[a].DistanceTo(points[b]));
                }
            }

            var m = LabelStatistics.Compute(labels, 2)!;
            Assert.Equal(best, m.LargestDiameterMm, 1e-9);
            Assert.Contains(m.DiameterStart, points);
            Assert.Contains(m.DiameterEnd, points);
        }
    }

    [Fact]
    public void Compute_FewVoxelsAndTies_DiameterIsExact()
    {
        var g = new VolumeGeometry(7, 6, 5, new WorldPoint(3, -4, 10), 0.7, 1.1, 2.5);
        var labels = new Volume<byte>(g);
        labels[3, 2, 1] = 9;
        var single = LabelStatistics.Compute(labels, 9)!;
        Assert.Equal(0, single.LargestDiameterMm);
        Assert.Equal(single.Centroid, single.DiameterStart);

        labels[5, 2, 1] = 9;
        Assert.Equal(2 * 0.7, LabelStatistics.Compute(labels, 9)!.LargestDiameterMm, 1e-12);

        // The eight corners of the grid: four diagonals of equal length.
        var box = new Volume<byte>(g);
        foreach (var (i, j, k) in new[] { (0, 0, 0), (6, 0, 0), (0, 5, 0), (6, 5, 0), (0, 0, 4), (6, 0, 4), (0, 5, 4), (6, 5, 4) })
        {
            box[i, j, k] = 1;
        }

        var diagonal = Math.Sqrt(Math.Pow(6 * 0.7, 2) + Math.Pow(5 * 1.1, 2) + Math.Pow(4 * 2.5, 2));
        Assert.Equal(diagonal, LabelStatistics.Compute(box, 1)!.LargestDiameterMm, 1e-12);
    }

    [Fact]
    public void Compute_LargeBall_DiameterNearAnalytic()
    {
        // 125 000 voxels (all pairs would be 7.8e9 distances): only extremes are candidates, searched by the tree.
        var g = new VolumeGeometry(80, 80, 80, new WorldPoint(-40, -40, -40), 1, 1, 1);
        var labels = new Volume<byte>(g);
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            labels.Voxels[n] = (byte)(g.IndexToWorld(g.VoxelAt(n)).ToVector().Length <= 31 ? 1 : 0);
        }

        var m = LabelStatistics.Compute(labels, 1)!;
        Assert.InRange(m.LargestDiameterMm, 60, 62);
        Assert.Equal(m.LargestDiameterMm, m.DiameterStart.DistanceTo(m.DiameterEnd), 1e-12);
    }

    [Fact]
    public void ComputeIntensities_RandomLabelsAndImage_EqualBruteForce()
    {
        var random = new Random(64);
        var g = TestRandom.RandomGeometry(random, 14);
        var labels = new Volume<byte>(g);
        var image = new Volume<short>(g);
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            labels.Voxels[n] = (byte)random.Next(0, 5);
            image.Voxels[n] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }

        var all = LabelStatistics.ComputeIntensities(labels, image);
        Assert.Equal(labels.Voxels.Where(v => v != 0).Distinct().Order(), all.Select(s => s.Label));
        foreach (var s in all)
        {
            var values = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == s.Label).Select(n => (double)image.Voxels[n]).ToArray();
            var mean = values.Average();
            Assert.Equal(values.Length, s.VoxelCount);
            Assert.Equal(mean, s.Mean, 1e-9);
            Assert.Equal(Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()), s.StandardDeviation, 1e-6);
            Assert.Equal(values.Min(), s.Min);
            Assert.Equal(values.Max(), s.Max);
        }

        Assert.Throws<ArgumentException>(() => LabelStatistics.ComputeIntensities(labels, new Volume<short>(new VolumeGeometry(3, 3, 3, default, 1, 1, 1))));
    }
}
