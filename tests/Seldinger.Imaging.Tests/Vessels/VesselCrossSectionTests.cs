using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;

namespace Seldinger.Imaging.Tests.Vessels;

public class VesselCrossSectionTests
{
    [Theory]
    [InlineData(1.0, 0.25)]
    [InlineData(2.0, 0.3)]
    [InlineData(3.5, 0.5)]
    public void Measure_ObliqueCylinder_AreaAndDiameterOfTheAnalyticDisc(double radius, double spacing)
    {
        var g = VesselTestShapes.Cube(20, spacing);
        var axis = new Vector3D(1, 2, 3).Normalized;
        var centre = new WorldPoint(10, 10, 10);
        var mask = VesselTestShapes.Draw(g, VesselTestShapes.Tube(centre - (axis * 20), centre + (axis * 20), radius, radius));

        var s = VesselCrossSection.Measure(mask, centre + new Vector3D(0.05, -0.03, 0.02), axis, 3 * radius);

        // Voxel-centre drawing and sub-voxel sampling: the area is within a tenth of a voxel row of the disc's.
        var exact = Math.PI * radius * radius;
        Assert.InRange(s.AreaMm2, exact - (2 * Math.PI * radius * 0.1 * spacing), exact + (2 * Math.PI * radius * 0.1 * spacing));
        Assert.InRange(s.EquivalentDiameterMm, (2 * radius) - (0.2 * spacing), (2 * radius) + (0.2 * spacing));
        Assert.False(s.Truncated);
        Assert.InRange(s.Centroid.DistanceTo(centre), 0, 0.2 * spacing);
    }

    [Fact]
    public void Measure_EllipticTube_CalipersGiveBothAxes()
    {
        var g = VesselTestShapes.Cube(16, 0.25);
        var mask = VesselTestShapes.Draw(g, p => (Math.Pow((p.X - 8) / 3, 2) + Math.Pow((p.Y - 8) / 1.5, 2)) <= 1);
        var s = VesselCrossSection.Measure(mask, new WorldPoint(8, 8, 8), Vector3D.UnitZ, 6);
        Assert.InRange(s.MaximumDiameterMm, 6 - 0.3, 6 + 0.3);
        Assert.InRange(s.MinimumDiameterMm, 3 - 0.3, 3 + 0.3);
        Assert.InRange(s.AreaMm2, Math.PI * 3 * 1.5 * 0.95, Math.PI * 3 * 1.5 * 1.05);
    }

    [Fact]
    public void Measure_NeighbourVesselInThePlane_IsNotCounted()
    {
        var g = VesselTestShapes.Cube(16, 0.25);
        var a = VesselTestShapes.Tube(new WorldPoint(5, 8, 0), new WorldPoint(5, 8, 16), 1.5, 1.5);
        var b = VesselTestShapes.Tube(new WorldPoint(10, 8, 0), new WorldPoint(10, 8, 16), 2, 2);
        var mask = VesselTestShapes.Draw(g, p => a(p) || b(p));
        var s = VesselCrossSection.Measure(mask, new WorldPoint(5, 8, 8), Vector3D.UnitZ, 7);
        Assert.InRange(s.EquivalentDiameterMm, 3 - 0.1, 3 + 0.1);
    }

    [Fact]
    public void Measure_DiscSmallerThanTheLumen_IsTruncated()
    {
        var g = VesselTestShapes.Cube(16, 0.25);
        var mask = VesselTestShapes.Draw(g, VesselTestShapes.Tube(new WorldPoint(8, 8, 0), new WorldPoint(8, 8, 16), 4, 4));
        Assert.True(VesselCrossSection.Measure(mask, new WorldPoint(8, 8, 8), Vector3D.UnitZ, 2).Truncated);
    }

    [Fact]
    public void Measure_NoLumenNearTheCentre_AreaZero()
    {
        var g = VesselTestShapes.Cube(8, 0.5);
        var mask = new Volume<byte>(g);
        Assert.Equal(0, VesselCrossSection.Measure(mask, new WorldPoint(4, 4, 4), Vector3D.UnitZ, 2).AreaMm2);
    }

    [Fact]
    public void Trilinear_RandomMasks_MatchesBruteForceWeights()
    {
        var random = new Random(5);
        var g = new VolumeGeometry(5, 4, 3, WorldPoint.Origin, 1, 1, 1);
        var mask = new Volume<byte>(g);
        for (var n = 0; n < mask.Voxels.Length; n++)
        {
            mask.Voxels[n] = (byte)random.Next(2);
        }

        for (var trial = 0; trial < 200; trial++)
        {
            var p = new ContinuousIndex((random.NextDouble() * 5) - 0.5, (random.NextDouble() * 4) - 0.5, (random.NextDouble() * 3) - 0.5);
            var expected = 0.0;
            for (var k = 0; k < 3; k++)
            {
                for (var j = 0; j < 4; j++)
                {
                    for (var i = 0; i < 5; i++)
                    {
                        var w = Math.Max(0, 1 - Math.Abs(p.I - i)) * Math.Max(0, 1 - Math.Abs(p.J - j)) * Math.Max(0, 1 - Math.Abs(p.K - k));
                        expected += w * mask[i, j, k];
                    }
                }
            }

            Assert.Equal(expected, VesselCrossSection.Trilinear(mask, p), 10);
        }
    }
}
