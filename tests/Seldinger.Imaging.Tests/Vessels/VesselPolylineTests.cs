using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;

namespace Seldinger.Imaging.Tests.Vessels;

public class VesselPolylineTests
{
    [Fact]
    public void Smooth_StaircaseOfA26NeighbourPath_RecoversTheStraightLength()
    {
        // Direction (2, 1, 0): steps alternate (1,1,0) and (1,0,0); the staircase is 8 % longer than the line.
        var points = new List<WorldPoint> { WorldPoint.Origin };
        for (var n = 0; n < 60; n++)
        {
            var last = points[^1];
            points.Add(new WorldPoint(last.X + 1, last.Y + (n % 2 == 0 ? 1 : 0), 0));
        }

        var straight = points[0].DistanceTo(points[^1]);
        Assert.True(VesselPolyline.Length(points) > 1.07 * straight);
        var smoothed = VesselPolyline.Smooth(points, 3);
        Assert.InRange(VesselPolyline.Length(smoothed), straight, 1.01 * straight);
        Assert.Equal(points[0], smoothed[0]);
        Assert.Equal(points[^1], smoothed[^1]);
    }

    [Fact]
    public void Resample_EvenSteps_KeepsTheEnds()
    {
        WorldPoint[] line = [new(0, 0, 0), new(3, 0, 0), new(3, 4.1, 0)];
        var r = VesselPolyline.Resample(line, 0.5);
        Assert.Equal(line[0], r[0]);
        Assert.Equal(line[^1], r[^1]);
        Assert.Equal(16, r.Count);
        for (var n = 1; n < r.Count - 1; n++)
        {
            Assert.Equal(n * 0.5, ArcOf(r[n]), 9);
        }
    }

    [Fact]
    public void Tangent_OnAStraightLine_IsItsDirection()
    {
        var d = new Vector3D(1, -2, 2).Normalized;
        var pts = Enumerable.Range(0, 20).Select(n => WorldPoint.Origin + (d * n)).ToList();
        var t = VesselPolyline.Tangent(pts, 7, 2);
        Assert.Equal(1, t.Dot(d), 12);
    }

    /// <summary>Arc length along the L of a point on it (first leg along x, second along y from x = 3).</summary>
    private static double ArcOf(WorldPoint p) => p.Y == 0 ? p.X : 3 + p.Y;
}
