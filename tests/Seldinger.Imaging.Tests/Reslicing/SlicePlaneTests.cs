using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Reslicing;

namespace Seldinger.Imaging.Tests.Reslicing;

public class SlicePlaneTests
{
    [Fact]
    public void WorldToPixel_PointsInThePlane_RoundTripThroughPixelToWorld()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 100; trial++)
        {
            var r = TestRandom.RandomRotation(random);
            var plane = SlicePlane.FromCenter(new WorldPoint(random.Next(-100, 100), random.Next(-100, 100), random.Next(-100, 100)), r.Column(0), r.Column(1), random.Next(1, 300), random.Next(1, 300), 0.2 + random.NextDouble(), 0.2 + random.NextDouble());
            var pixel = new PixelPoint((random.NextDouble() * 400) - 50, (random.NextDouble() * 400) - 50);
            var world = plane.PixelToWorld(pixel);
            var back = plane.WorldToPixel(world);

            Assert.Equal(pixel.X, back.X, 1e-9);
            Assert.Equal(pixel.Y, back.Y, 1e-9);
            Assert.Equal(0, plane.DistanceFromPlane(world), 1e-9);
            Assert.Equal(5, plane.DistanceFromPlane(world + (r.Column(2) * 5)), 1e-9);
        }
    }

    [Fact]
    public void FromCenter_AnySize_CentreIsTheMiddlePixel()
    {
        var plane = SlicePlane.FromCenter(new WorldPoint(10, 20, 30), Vector3D.UnitX, Vector3D.UnitY, 5, 4, 2, 3);

        Assert.Equal(new WorldPoint(6, 15.5, 30), plane.Origin);
        Assert.Equal(new WorldPoint(10, 20, 30), plane.Center);
        Assert.Equal(Vector3D.UnitZ, plane.Normal);
    }

    [Fact]
    public void Constructor_DirectionsNotOrthonormal_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SlicePlane(WorldPoint.Origin, new Vector3D(2, 0, 0), Vector3D.UnitY, 4, 4, 1, 1));
        Assert.Throws<ArgumentException>(() => new SlicePlane(WorldPoint.Origin, Vector3D.UnitX, new Vector3D(0.6, 0.8, 0), 4, 4, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlicePlane(WorldPoint.Origin, Vector3D.UnitX, Vector3D.UnitY, 0, 4, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlicePlane(WorldPoint.Origin, Vector3D.UnitX, Vector3D.UnitY, 4, 4, 1, -1));
    }
}
