using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Ablation;

public sealed class TableZoneModelTests
{
    private static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string> { ["s"] = "test source" };

    [Fact]
    public void Predict_RandomGridsAndProbes_EqualsBruteForceOverEveryVoxel()
    {
        var random = new Random(20261128);
        for (var trial = 0; trial < 12; trial++)
        {
            var geometry = RandomGeometry(random);
            var labels = new Volume<byte>(geometry);
            var shapes = Enumerable.Range(0, 3).Select(_ => RandomShape(random)).ToList();
            var library = Library(shapes);
            var probes = new List<AblationProbe>();
            var count = 1 + random.Next(3);
            for (var n = 0; n < count; n++)
            {
                var tip = geometry.IndexToWorld(new ContinuousIndex(
                    random.NextDouble() * (geometry.SizeI - 1), random.NextDouble() * (geometry.SizeJ - 1), random.NextDouble() * (geometry.SizeK - 1)));
                var axis = RandomUnit(random);
                probes.Add(new AblationProbe("d", "s" + random.Next(shapes.Count), tip - (axis * (20 + (random.NextDouble() * 50))), tip));
            }

            var zone = new TableZoneModel().Predict(new AblationZoneRequest(labels, probes, library));

            Assert.Equal("table", zone.ModelName);
            Assert.Empty(zone.Isotherms);
            Assert.Equal(geometry, zone.Geometry);
            var expected = BruteForce(geometry, probes.Select(p => (p, library.Device("d").Setting(p.SettingId).Zone)));
            Assert.Equal(expected, zone.Lethal.Voxels);
            Assert.Contains(expected, v => v == 1);
        }
    }

    [Fact]
    public void Predict_FineGrid_VolumeMatchesEllipsoidFormula()
    {
        // 0.5 mm voxels, a 30 × 20 mm zone: the voxel count approximates 4/3·π·a·b·c to well under 2 %.
        var geometry = new VolumeGeometry(90, 90, 90, new WorldPoint(-22.25, -22.25, -22.25), 0.5, 0.5, 0.5);
        var shape = new AblationZoneShape(30, 20, 15);
        var library = Library([shape]);
        var probe = new AblationProbe("d", "s0", new WorldPoint(3, -40, 1), new WorldPoint(0.3, 0.2, 0.1));
        var zone = new TableZoneModel().Predict(new AblationZoneRequest(new Volume<byte>(geometry), [probe], library));
        var analytic = 4.0 / 3.0 * Math.PI * 15 * 10 * 10 / 1000;
        Assert.InRange(zone.LethalVolumeMl, analytic * 0.98, analytic * 1.02);
    }

    [Fact]
    public void Predict_AnisotropicRotatedGrid_ZoneCentredWhereTheChartPutsIt()
    {
        var direction = Matrix3.Rotation(new Vector3D(1, 2, 3).Normalized, 0.7);
        var geometry = new VolumeGeometry(70, 60, 30, new WorldPoint(-30, -25, -40), 0.8, 0.9, 2.5, direction);
        var shape = new AblationZoneShape(30, 20, 5);
        var library = Library([shape]);
        var centre = geometry.IndexToWorld(new ContinuousIndex(35, 30, 15));
        var axis = new Vector3D(0.2, -0.5, 0.8).Normalized;
        var tip = centre + (axis * 10); // centre = tip − axis·(15 − 5)
        var probe = new AblationProbe("d", "s0", tip - (axis * 60), tip);
        var zone = new TableZoneModel().Predict(new AblationZoneRequest(new Volume<byte>(geometry), [probe], library));

        double x = 0, y = 0, z = 0, alongMax = 0;
        long n = 0;
        for (var index = 0; index < zone.Lethal.Voxels.Length; index++)
        {
            if (zone.Lethal.Voxels[index] == 0)
            {
                continue;
            }

            var p = geometry.IndexToWorld(geometry.VoxelAt(index));
            x += p.X;
            y += p.Y;
            z += p.Z;
            alongMax = Math.Max(alongMax, (p - tip).Dot(axis));
            n++;
        }

        var centroid = new WorldPoint(x / n, y / n, z / n);
        Assert.True(centroid.DistanceTo(centre) < 0.5, $"centroid {centroid} is {centroid.DistanceTo(centre):0.00} mm from {centre}");
        Assert.InRange(alongMax, 5 - geometry.VoxelHalfDiagonal * 2, 5.0); // reaches 5 mm past the tip, no further
    }

    [Fact]
    public void Predict_CryoProbe_IsothermMasksNestAndLethalIsTheLethalIsotherm()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        var geometry = new VolumeGeometry(64, 64, 48, new WorldPoint(-32, -32, -36), 1, 1, 1.5);
        var probe = new AblationProbe("icesphere-17g", "freeze10-thaw8-freeze10", new WorldPoint(0, -80, 0), new WorldPoint(0, 5, 0));
        var zone = new TableZoneModel().Predict(new AblationZoneRequest(new Volume<byte>(geometry), [probe], library));

        Assert.Equal([0.0, -20.0, -40.0], zone.Isotherms.Select(i => i.TemperatureCelsius));
        Assert.Equal(zone.Isotherms[2].Mask.Voxels, zone.Lethal.Voxels);
        var counts = zone.Isotherms.Select(i => i.Mask.Voxels.Count(v => v != 0)).ToList();
        Assert.True(counts[0] > counts[1] && counts[1] > counts[2] && counts[2] > 0);
        for (var n = 0; n < zone.Lethal.Voxels.Length; n++)
        {
            Assert.True(zone.Isotherms[2].Mask.Voxels[n] <= zone.Isotherms[1].Mask.Voxels[n] && zone.Isotherms[1].Mask.Voxels[n] <= zone.Isotherms[0].Mask.Voxels[n]);
        }
    }

    [Fact]
    public void Predict_UnknownDeviceOrSetting_PlanningException()
    {
        var library = Library([new AblationZoneShape(20, 15, 5)]);
        var labels = new Volume<byte>(new VolumeGeometry(16, 16, 16, new WorldPoint(0, 0, 0), 1, 1, 1));
        var model = new TableZoneModel();
        var device = Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("nope", "s0", new WorldPoint(8, -30, 8), new WorldPoint(8, 8, 8))], library)));
        Assert.Contains("nope", device.Message, StringComparison.Ordinal);
        var setting = Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("d", "hot", new WorldPoint(8, -30, 8), new WorldPoint(8, 8, 8))], library)));
        Assert.Contains("'hot'", setting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_TipOutsideVolumeOrNoDirectionOrNoProbes_PlanningException()
    {
        var library = Library([new AblationZoneShape(20, 15, 5)]);
        var labels = new Volume<byte>(new VolumeGeometry(16, 16, 16, new WorldPoint(0, 0, 0), 1, 1, 1));
        var model = new TableZoneModel();
        var outside = Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("d", "s0", new WorldPoint(8, -30, 8), new WorldPoint(8, 40, 8))], library)));
        Assert.Contains("outside the volume", outside.Message, StringComparison.Ordinal);
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("d", "s0", new WorldPoint(8, 8, 8), new WorldPoint(8, 8, 8))], library)));
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("d", "s0", new WorldPoint(double.NaN, 8, 8), new WorldPoint(8, 8, 8))], library)));
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [], library)));
    }

    internal static AblationDeviceLibrary Library(IReadOnlyList<AblationZoneShape> shapes)
    {
        var settings = shapes.Select((s, n) => new AblationSetting("s" + n, 100, 10, [], s, [], "test", "s", true)).ToList();
        var device = new AblationDevice("d", "Test", "Test", AblationModality.Microwave, AblationDeviceKind.Microwave, 17, 200, 20, null, null, settings, "s");
        return new AblationDeviceLibrary(1, [device], Sources);
    }

    private static byte[] BruteForce(VolumeGeometry geometry, IEnumerable<(AblationProbe Probe, AblationZoneShape Shape)> zones)
    {
        var result = new byte[geometry.VoxelCount];
        var list = zones.ToList();
        for (var k = 0; k < geometry.SizeK; k++)
        {
            for (var j = 0; j < geometry.SizeJ; j++)
            {
                for (var i = 0; i < geometry.SizeI; i++)
                {
                    var p = geometry.IndexToWorld(new VoxelIndex(i, j, k));
                    foreach (var (probe, shape) in list)
                    {
                        var axis = (probe.Tip - probe.Entry).Normalized;
                        double a = shape.LengthMm / 2, b = shape.DiameterMm / 2;
                        var centre = probe.Tip - (axis * (a - shape.DistalExtentBeyondTipMm));
                        var v = p - centre;
                        var t = v.Dot(axis);
                        var r2 = Math.Max(0, v.LengthSquared - (t * t));
                        if ((t * t / (a * a)) + (r2 / (b * b)) <= 1)
                        {
                            result[geometry.LinearIndex(i, j, k)] = 1;
                            break;
                        }
                    }
                }
            }
        }

        return result;
    }

    private static VolumeGeometry RandomGeometry(Random random)
    {
        var direction = Matrix3.Rotation(RandomUnit(random), random.NextDouble() * Math.PI);
        return new VolumeGeometry(
            12 + random.Next(20), 12 + random.Next(20), 8 + random.Next(16),
            new WorldPoint((random.NextDouble() * 40) - 20, (random.NextDouble() * 40) - 20, (random.NextDouble() * 40) - 20),
            0.6 + (random.NextDouble() * 1.4), 0.6 + (random.NextDouble() * 1.4), 0.8 + (random.NextDouble() * 2.5),
            direction);
    }

    private static AblationZoneShape RandomShape(Random random)
    {
        var length = 6 + (random.NextDouble() * 30);
        return new AblationZoneShape(length, length * (0.4 + (random.NextDouble() * 0.8)), random.NextDouble() * length);
    }

    private static Vector3D RandomUnit(Random random)
    {
        while (true)
        {
            var v = new Vector3D((random.NextDouble() * 2) - 1, (random.NextDouble() * 2) - 1, (random.NextDouble() * 2) - 1);
            if (v.Length is > 0.1 and <= 1)
            {
                return v.Normalized;
            }
        }
    }
}
