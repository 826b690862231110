using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;

namespace Seldinger.Imaging.Tests.Vessels;

public class VesselSegmentationTests
{
    private static Volume<short> Ct(VolumeGeometry g, Func<WorldPoint, short> value, double sigma, int seed)
    {
        var random = new Random(seed);
        var ct = new Volume<short>(g);
        for (var n = 0; n < ct.Voxels.Length; n++)
        {
            var noise = sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            ct.Voxels[n] = (short)Math.Round(value(g.IndexToWorld(g.VoxelAt(n))) + noise);
        }

        return ct;
    }

    [Fact]
    public void Grow_EnhancedTubeTouchingEnhancingOrgan_KeepsTheTubeOnly()
    {
        var g = VesselTestShapes.Cube(20, 0.5);
        var tube = VesselTestShapes.Tube(new WorldPoint(10, 10, 0), new WorldPoint(10, 10, 20), 2, 2);
        var organ = new WorldPoint(15, 10, 10);
        var ct = Ct(g, p => tube(p) ? (short)300 : p.DistanceTo(organ) < 4 ? (short)170 : (short)40, 10, 3);

        var seed = VesselSegmentation.FindSeed(ct, new WorldPoint(10.2, 10, 5));
        Assert.NotNull(seed);
        var result = VesselSegmentation.Grow(ct, seed.Value);

        var expected = VesselTestShapes.Draw(g, tube);
        Assert.Equal(expected.Voxels.Count(v => v != 0), result.VoxelCount);
        Assert.Equal(expected.Voxels, result.Mask.Voxels);
        Assert.False(result.BudgetExhausted);
    }

    [Fact]
    public void FindSeed_NoContrast_Null()
    {
        var g = VesselTestShapes.Cube(10, 0.5);
        var ct = Ct(g, _ => 40, 10, 4);
        Assert.Null(VesselSegmentation.FindSeed(ct, new WorldPoint(5, 5, 5)));
        Assert.Throws<ArgumentException>(() => VesselSegmentation.Grow(ct, new VoxelIndex(2, 2, 2)));
    }
}
