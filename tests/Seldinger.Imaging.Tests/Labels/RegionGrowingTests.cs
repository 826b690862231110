using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Tests.Labels;

public class RegionGrowingTests
{
    [Fact]
    public void Grow_RandomVolumes_MatchesBruteForceFlood()
    {
        var random = new Random(21);
        foreach (var connectivity in LabelsTestData.AllConnectivities)
        {
            for (var trial = 0; trial < 15; trial++)
            {
                var g = TestRandom.RandomGeometry(random, 7);
                var image = new Volume<short>(g);
                for (var n = 0; n < image.Voxels.Length; n++)
                {
                    image.Voxels[n] = (short)random.Next(0, 100);
                }

                var seed = g.VoxelAt(random.Next(image.Voxels.Length));
                var result = RegionGrowing.Grow(image, seed, 20, 80, connectivity, long.MaxValue);
                var start = g.LinearIndex(seed);
                var expected = image.Voxels[start] is >= 20 and <= 80
                    ? LabelsTestData.BruteForceFlood(g, start, n => image.Voxels[n] is >= 20 and <= 80, connectivity)
                    : [];
                Assert.False(result.BudgetExhausted);
                Assert.Equal(expected.Count, result.VoxelCount);
                for (var n = 0; n < image.Voxels.Length; n++)
                {
                    Assert.Equal(expected.Contains(n), result.Mask.Voxels[n] == 1);
                }
            }
        }
    }

    [Fact]
    public void Grow_BudgetSmallerThanRegion_StopsAtBudgetNearSeed()
    {
        var g = new VolumeGeometry(20, 1, 1, default, 1, 1, 1);
        var image = new Volume<short>(g);
        var result = RegionGrowing.Grow(image, new VoxelIndex(10, 0, 0), 0, 0, Connectivity.Six, 5);
        Assert.True(result.BudgetExhausted);
        Assert.Equal(5, result.VoxelCount);
        Assert.Equal(5, result.Mask.Voxels.Count(v => v == 1));
        for (var i = 8; i <= 12; i++)
        {
            Assert.Equal(1, result.Mask[i, 0, 0]);
        }
    }

    [Fact]
    public void Grow_BudgetEqualToRegion_NotExhausted()
    {
        var g = new VolumeGeometry(5, 1, 1, default, 1, 1, 1);
        var result = RegionGrowing.Grow(new Volume<short>(g), new VoxelIndex(0, 0, 0), 0, 0, Connectivity.Six, 5);
        Assert.False(result.BudgetExhausted);
        Assert.Equal(5, result.VoxelCount);
    }

    [Fact]
    public void Grow_SeedOutsideGrid_Throws()
    {
        var g = new VolumeGeometry(5, 1, 1, default, 1, 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => RegionGrowing.Grow(new Volume<short>(g), new VoxelIndex(5, 0, 0), 0, 0, Connectivity.Six, 5));
    }
}
