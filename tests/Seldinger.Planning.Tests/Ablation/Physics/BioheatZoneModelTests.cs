using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Ablation.Physics;
using Seldinger.Planning.Plans;
using Xunit.Abstractions;

namespace Seldinger.Planning.Tests.Ablation.Physics;

/// <summary>The default RF device in homogeneous liver without vessels, simulated once for the tests that compare with it.</summary>
public sealed class HomogeneousLiverRf
{
    public static readonly WorldPoint Tip = new(0.3, -0.2, 10.1);
    public static readonly WorldPoint Entry = new(0.3, -0.2, -60);

    public HomogeneousLiverRf()
    {
        Library = AblationDeviceLibrary.LoadDefault();
        Probe = new AblationProbe("cooltip-act-2cm", "200W-12min", Entry, Tip);
        Labels = ZoneMeasure.Uniform(81, TissueLabel.Liver);
        Prediction = BioheatZoneModelTests.Model(tight: false).Simulate(new AblationZoneRequest(Labels, [Probe], Library));
    }

    public AblationDeviceLibrary Library { get; }

    public AblationProbe Probe { get; }

    public Volume<byte> Labels { get; }

    public BioheatZonePrediction Prediction { get; }
}

public class BioheatZoneModelTests(HomogeneousLiverRf rf, ITestOutputHelper output) : IClassFixture<HomogeneousLiverRf>
{
    /// <summary>The test grid: 2 mm (the default is 1 mm), the default crop or, where the zone is not compared with a chart, a tighter one.</summary>
    internal static BioheatZoneModel Model(bool tight = true) => tight
        ? new(null, new BioheatZoneModelOptions { GridSpacingMm = 2, CropScale = 1.3, CropMarginMm = 8 })
        : new(null, new BioheatZoneModelOptions { GridSpacingMm = 2 });

    [Fact]
    public void Predict_DefaultRfDeviceInHomogeneousLiver_MatchesChartWithin15Percent()
    {
        var zone = rf.Prediction.Zone;
        var chart = rf.Library.Device("cooltip-act-2cm").Setting("200W-12min").Zone;
        var e = ZoneMeasure.Extents(zone.Lethal, HomogeneousLiverRf.Tip, rf.Probe.Axis, Vector3D.UnitX);
        output.WriteLine($"lethal {e.Length:F1} × {e.Plus + e.Minus:F1} mm, {e.BeyondTip:F1} beyond the tip; chart {chart.LengthMm} × {chart.DiameterMm}, {chart.DistalExtentBeyondTipMm}");
        Assert.InRange(e.Length, 0.85 * chart.LengthMm, 1.15 * chart.LengthMm);
        Assert.InRange(e.Plus + e.Minus, 0.85 * chart.DiameterMm, 1.15 * chart.DiameterMm);
        Assert.InRange(e.BeyondTip, chart.DistalExtentBeyondTipMm - 4, chart.DistalExtentBeyondTipMm + 4);
        Assert.Equal(rf.Labels.Geometry, zone.Geometry);
        Assert.StartsWith("bioheat (cpu, ", zone.ModelName, StringComparison.Ordinal);
        Assert.Equal([50.0, 60.0], zone.Isotherms.Select(i => i.TemperatureCelsius));

        // Isotherms nest (60 °C inside 50 °C) and the peak temperature is hot at the tip, body temperature far away.
        var i50 = zone.Isotherms[0].Mask.Voxels;
        var i60 = zone.Isotherms[1].Mask.Voxels;
        Assert.True(Enumerable.Range(0, i60.Length).All(n => i60[n] == 0 || i50[n] == 1));
        Assert.True(zone.PeakTemperature![zone.Geometry.TryGetVoxel(HomogeneousLiverRf.Tip - (rf.Probe.Axis * 10), out var mid) ? mid : default] > 70);
        Assert.Equal(37f, zone.PeakTemperature[0, 0, 0]);
        Assert.Equal(0, rf.Prediction.HeatSinkVoxels);
    }

    [Fact]
    public void Predict_LargeVesselParallelToProbe_ShrinksZoneOnVesselSide()
    {
        // A 7 mm vein parallel to the probe, its axis 10 mm from the probe's.
        var labels = ZoneMeasure.Uniform(81, TissueLabel.Liver);
        var g = labels.Geometry;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            var dx = p.X - (HomogeneousLiverRf.Tip.X + 10);
            var dy = p.Y - HomogeneousLiverRf.Tip.Y;
            if ((dx * dx) + (dy * dy) <= 3.5 * 3.5)
            {
                labels.Voxels[n] = (byte)TissueLabel.Vein;
            }
        }

        var prediction = Model(tight: false).Simulate(new AblationZoneRequest(labels, [rf.Probe], rf.Library));
        var with = ZoneMeasure.Extents(prediction.Zone.Lethal, HomogeneousLiverRf.Tip, rf.Probe.Axis, Vector3D.UnitX);
        var without = ZoneMeasure.Extents(rf.Prediction.Zone.Lethal, HomogeneousLiverRf.Tip, rf.Probe.Axis, Vector3D.UnitX);
        output.WriteLine($"towards the vessel {with.Plus:F1} mm (without it {without.Plus:F1}), away {with.Minus:F1} mm (without {without.Minus:F1}); volume {prediction.Zone.LethalVolumeMl:F2} mL vs {rf.Prediction.Zone.LethalVolumeMl:F2} mL; {prediction.HeatSinkVoxels} heat-sink voxels");
        Assert.True(prediction.HeatSinkVoxels > 0);
        Assert.True(with.Plus < with.Minus - 1, $"towards {with.Plus} mm, away {with.Minus} mm");
        Assert.True(with.Plus < without.Plus - 1, $"towards {with.Plus} mm, without the vessel {without.Plus} mm");
        Assert.True(prediction.Zone.LethalVolumeMl < rf.Prediction.Zone.LethalVolumeMl);

        // The vessel's lumen never dies: it is held at blood temperature.
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] == (byte)TissueLabel.Vein && g.IndexToWorld(g.VoxelAt(n)).DistanceTo(new WorldPoint(HomogeneousLiverRf.Tip.X + 10, HomogeneousLiverRf.Tip.Y, g.IndexToWorld(g.VoxelAt(n)).Z)) < 2)
            {
                Assert.Equal(0, prediction.Zone.Lethal.Voxels[n]);
            }
        }
    }

    [Fact]
    public void Predict_ShortCryoProtocol_IsothermsNestAndLethalIsTheLibraryIsotherm()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        var device = library.Device("icesphere-17g");
        var setting = device.Settings[0] with { Id = "short", FreezeThawMinutes = [3, 1, 3], DurationMinutes = 6 };
        var custom = new AblationDeviceLibrary(1, [device with { Settings = [setting] }], library.Sources, new Dictionary<string, string>()) { CryoLethalIsothermCelsius = -40 };
        var labels = ZoneMeasure.Uniform(61, TissueLabel.Liver);
        var probe = new AblationProbe("icesphere-17g", "short", new WorldPoint(0, 0, -50), new WorldPoint(0, 0, 8));
        var prediction = Model().Simulate(new AblationZoneRequest(labels, [probe], custom));
        var zone = prediction.Zone;
        Assert.Equal([0.0, -20.0, -40.0], zone.Isotherms.Select(i => i.TemperatureCelsius));
        Assert.Equal(3, prediction.Schedule.Count);
        Assert.Null(prediction.Schedule[1].ProbeTemperatureCelsius);
        Assert.Equal(-140, prediction.Schedule[2].ProbeTemperatureCelsius);
        var ice = zone.Isotherms[0].Mask.Voxels;
        var minus20 = zone.Isotherms[1].Mask.Voxels;
        var minus40 = zone.Isotherms[2].Mask.Voxels;
        Assert.Equal(minus40, zone.Lethal.Voxels);
        Assert.True(Enumerable.Range(0, ice.Length).All(n => (minus40[n] == 0 || minus20[n] == 1) && (minus20[n] == 0 || ice[n] == 1)));
        Assert.True(zone.PeakTemperature![zone.Geometry.TryGetVoxel(new WorldPoint(0, 0, 4), out var onProbe) ? onProbe : default] < -120);

        // The ice ball's edge lies well outside the lethal isotherm.
        var lethal = ZoneMeasure.Extents(zone.Lethal, probe.Tip, probe.Axis, Vector3D.UnitX);
        var iceBall = ZoneMeasure.Extents(zone.Isotherms[0].Mask, probe.Tip, probe.Axis, Vector3D.UnitX);
        output.WriteLine($"lethal {lethal.Length:F1} × {lethal.Plus + lethal.Minus:F1} mm, ice ball {iceBall.Length:F1} × {iceBall.Plus + iceBall.Minus:F1} mm");
        Assert.True(lethal.Plus + lethal.Minus >= 4);
        Assert.True(iceBall.Plus + iceBall.Minus >= lethal.Plus + lethal.Minus + 4);
    }

    [Fact]
    public void Predict_BadRequests_ThrowPlanningException()
    {
        var model = Model();
        var labels = ZoneMeasure.Uniform(21, TissueLabel.Liver);
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("no-such-device", "x", new WorldPoint(0, 0, -30), new WorldPoint(0, 0, 0))], rf.Library)));
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("cooltip-act-2cm", "no-such-setting", new WorldPoint(0, 0, -30), new WorldPoint(0, 0, 0))], rf.Library)));
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [new AblationProbe("cooltip-act-2cm", "200W-12min", new WorldPoint(0, 0, -30), new WorldPoint(0, 0, 90))], rf.Library)));
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(labels, [], rf.Library)));
        Assert.Throws<PlanningException>(() => model.Predict(new AblationZoneRequest(
            labels,
            [new AblationProbe("cooltip-act-2cm", "200W-12min", new WorldPoint(0, 0, -30), new WorldPoint(0, 0, 0)), new AblationProbe("icesphere-17g", "freeze5-thaw5-freeze5", new WorldPoint(0, 5, -30), new WorldPoint(0, 5, 0))],
            rf.Library)));
        Assert.Throws<ArgumentException>(() => new BioheatZoneModel(null, new BioheatZoneModelOptions { GridSpacingMm = 0 }));
        Assert.Throws<PlanningException>(() => new BioheatZoneModel(null, new BioheatZoneModelOptions { GridSpacingMm = 0.2 }).Predict(new AblationZoneRequest(ZoneMeasure.Uniform(121, TissueLabel.Liver, 1), [new AblationProbe("cooltip-cluster-25mm", "200W-12min", new WorldPoint(0, 0, -50), new WorldPoint(0, 0, 0))], rf.Library)));
    }
}
