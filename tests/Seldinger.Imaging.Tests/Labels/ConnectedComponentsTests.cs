using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Tests.Labels;

public class ConnectedComponentsTests
{
    /// <summary>Naive reference: union every adjacent foreground pair (all pairs tested).</summary>
    private static int[] PairwiseRoots(Volume<byte> mask, Connectivity connectivity)
    {
        var g = mask.Geometry;
        var count = mask.Voxels.Length;
        var parent = Enumerable.Range(0, count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x];
            }

            return x;
        }

        for (var a = 0; a < count; a++)
        {
            for (var b = a + 1; b < count; b++)
            {
                if (mask.Voxels[a] != 0 && mask.Voxels[b] != 0 && LabelsTestData.Adjacent(g.VoxelAt(a), g.VoxelAt(b), connectivity))
                {
                    parent[Find(b)] = Find(a);
                }
            }
        }

        return [.. Enumerable.Range(0, count).Select(n => mask.Voxels[n] == 0 ? -1 : Find(n))];
    }

    [Fact]
    public void Label_RandomMasks_SamePartitionAsPairwiseUnionFind()
    {
        var random = new Random(31);
        foreach (var connectivity in LabelsTestData.AllConnectivities)
        {
            for (var trial = 0; trial < 15; trial++)
            {
                var g = TestRandom.RandomGeometry(random, 7);
                var mask = LabelsTestData.RandomMask(random, g, 0.2 + (0.4 * random.NextDouble()));
                var roots = PairwiseRoots(mask, connectivity);
                var labeling = ConnectedComponents.Label(mask, connectivity);
                var labels = labeling.Labels.Voxels;
                var rootToLabel = new Dictionary<int, int>();
                for (var n = 0; n < roots.Length; n++)
                {
                    if (roots[n] < 0)
                    {
                        Assert.Equal(0, labels[n]);
                        continue;
                    }

                    Assert.NotEqual(0, labels[n]);
                    if (rootToLabel.TryGetValue(roots[n], out var l))
                    {
                        Assert.Equal(l, labels[n]);
                    }
                    else
                    {
                        // A new component in raster order gets the next label.
                        Assert.Equal(rootToLabel.Count + 1, labels[n]);
                        rootToLabel[roots[n]] = labels[n];
                    }
                }

                Assert.Equal(rootToLabel.Count, labeling.ComponentCount);
                for (var l = 0; l <= labeling.ComponentCount; l++)
                {
                    Assert.Equal(labels.LongCount(x => x == l), labeling.Sizes[l]);
                }
            }
        }
    }

    [Fact]
    public void KeepLargest_RandomMasks_KeepsExactlyTheLargestComponent()
    {
        var random = new Random(32);
        foreach (var connectivity in LabelsTestData.AllConnectivities)
        {
            for (var trial = 0; trial < 10; trial++)
            {
                var g = TestRandom.RandomGeometry(random, 7);
                var mask = LabelsTestData.RandomMask(random, g, 0.3);
                var roots = PairwiseRoots(mask, connectivity);
                var largest = roots.Where(r => r >= 0).GroupBy(r => r).OrderByDescending(grp => grp.Count()).ThenBy(grp => grp.Key).FirstOrDefault()?.Key;
                var kept = ConnectedComponents.KeepLargest(mask, connectivity);
                for (var n = 0; n < roots.Length; n++)
                {
                    Assert.Equal(largest is not null && roots[n] == largest, kept.Voxels[n] == 1);
                }
            }
        }
    }

    [Fact]
    public void Label_DiagonalPair_ConnectedOnlyAtTwentySix()
    {
        var g = new VolumeGeometry(2, 2, 2, default, 1, 1, 1);
        var mask = new Volume<byte>(g);
        mask[0, 0, 0] = 1;
        mask[1, 1, 1] = 1;
        Assert.Equal(2, ConnectedComponents.Label(mask, Connectivity.Six).ComponentCount);
        Assert.Equal(2, ConnectedComponents.Label(mask, Connectivity.Eighteen).ComponentCount);
        Assert.Equal(1, ConnectedComponents.Label(mask, Connectivity.TwentySix).ComponentCount);
    }

    [Fact]
    public void RemoveSmall_DropsComponentsBelowMinimum()
    {
        var g = new VolumeGeometry(6, 1, 1, default, 1, 1, 1);
        var mask = new Volume<byte>(g, [1, 0, 1, 1, 0, 1]);
        Assert.Equal(new byte[] { 0, 0, 1, 1, 0, 0 }, ConnectedComponents.RemoveSmall(mask, Connectivity.Six, 2).Voxels);
    }
}
