using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Tests;

public class NeedlePathTests
{
    [Fact]
    public void LengthAndDirection_KnownPath_AreExact()
    {
        var path = new NeedlePath(new WorldPoint(1, 2, 3), new WorldPoint(4, 6, 3));
        Assert.Equal(5, path.LengthMm, 12);
        Assert.Equal(new Vector3D(0.6, 0.8, 0), path.Direction);
        Assert.Equal(new WorldPoint(2.5, 4, 3), path.PointAt(0.5));
    }

    [Fact]
    public void Direction_ZeroLength_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new NeedlePath(WorldPoint.Origin, WorldPoint.Origin).Direction);
}
