using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Geometry;

public class WorldPointTests
{
    [Fact]
    public void Subtract_TwoPoints_GivesDisplacement()
    {
        var a = new WorldPoint(1, 2, 3);
        var b = new WorldPoint(4, 6, 3);
        Assert.Equal(new Vector3D(3, 4, 0), b - a);
        Assert.Equal(5.0, a.DistanceTo(b));
        Assert.Equal(b, a + (b - a));
        Assert.Equal(a, b - (b - a));
    }

    [Fact]
    public void Lerp_Halfway_IsMidpoint() =>
        Assert.Equal(new WorldPoint(2, 3, 4), new WorldPoint(0, 0, 0).Lerp(new WorldPoint(4, 6, 8), 0.5));
}
