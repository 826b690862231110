using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;

namespace Seldinger.Imaging.Tests.Vessels;

public class AneurysmMorphologyTests
{
    [Fact]
    public void Measure_SphereOnTheSideOfAStraightArtery_MatchesTheGeometry()
    {
        // A sphere of radius 4 whose centre lies 3 mm from the axis of a 2 mm artery running along x.
        var g = VesselTestShapes.Cube(24, 0.25);
        double big = 4, small = 1, offset = 3;
        var centre = new WorldPoint(12, 12 + offset, 12);
        var sphere = VesselTestShapes.Draw(g, p => p.DistanceTo(centre) <= big);
        var m = AneurysmMorphology.Measure(sphere, new WorldPoint(4, 12, 12), new WorldPoint(20, 12, 12), 2 * small);

        Assert.InRange(m.MaximumDiameterMm, (2 * big) - 0.5, 2 * big);
        var volume = 4.0 / 3 * Math.PI * big * big * big / 1000;
        Assert.InRange(m.VolumeMl, 0.97 * volume, 1.03 * volume);

        // Neck: the chord of the sphere on the artery wall facing it; dome: the sphere's far side from the wall.
        var neck = 2 * Math.Sqrt((big * big) - Math.Pow(offset - small, 2));
        Assert.InRange(m.NeckWidthMm, neck - 0.5, neck + 0.5);
        Assert.InRange(m.DomeHeightMm, offset + big - small - 0.3, offset + big - small + 0.1);
        Assert.True(m.SacVolumeMl < m.VolumeMl);
        Assert.Equal(m.DomeHeightMm / m.NeckWidthMm, m.AspectRatio, 12);
    }

    [Fact]
    public void Measure_EmptyMask_Throws()
    {
        var g = VesselTestShapes.Cube(4, 1);
        Assert.Throws<ArgumentException>(() => AneurysmMorphology.Measure(new Volume<byte>(g), WorldPoint.Origin, new WorldPoint(1, 0, 0), 1));
    }
}
