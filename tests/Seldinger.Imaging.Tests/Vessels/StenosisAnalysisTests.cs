using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;

namespace Seldinger.Imaging.Tests.Vessels;

public class StenosisAnalysisTests
{
    private static LumenSample Sample(double arc, double diameter) =>
        new(arc, new CrossSection(new WorldPoint(0, 0, arc), Vector3D.UnitZ, Math.PI / 4 * diameter * diameter, diameter, diameter, diameter, new WorldPoint(0, 0, arc), false));

    [Fact]
    public void Analyse_HandMadeProfile_ReferenceFromProximalAndDistalMedians()
    {
        // 4 mm proximally, 3.8 mm distally, a waist of 1.5 mm; one truncated section that must be ignored.
        double[] d = [4, 4.1, 3.9, 4, 3.2, 2.0, 1.5, 2.2, 3.3, 3.8, 3.7, 3.9, 3.8];
        var profile = d.Select((x, n) => Sample(n, x)).ToList();
        profile.Insert(3, Sample(2.5, 0.5) with { Section = Sample(2.5, 0.5).Section with { Truncated = true } });
        var s = StenosisAnalysis.Analyse(profile);
        Assert.Equal(1.5, s.MinimalLumenDiameterMm, 12);
        Assert.Equal(6, s.MinimumArcMm, 12);
        Assert.Equal(4, s.ProximalReferenceDiameterMm!.Value, 12);
        Assert.Equal(3.8, s.DistalReferenceDiameterMm!.Value, 12);
        Assert.Equal(3.9, s.ReferenceDiameterMm, 12);
        Assert.Equal(100 * (1 - (1.5 / 3.9)), s.DiameterStenosisPercent, 9);
        var refArea = ((Math.PI / 4 * 16) + (Math.PI / 4 * 3.8 * 3.8)) / 2;
        Assert.Equal(100 * (1 - (Math.PI / 4 * 1.5 * 1.5 / refArea)), s.AreaStenosisPercent, 9);
        Assert.Equal(4, s.LesionStartMm, 12);
        Assert.Equal(8, s.LesionEndMm, 12);
    }

    [Fact]
    public void Analyse_DrawnTubeWithHalfDiameterWaist_NearFiftyPercent()
    {
        var g = VesselTestShapes.Cube(22, 0.25);
        var axis = new Vector3D(1, 1, 0.5).Normalized;
        var a = new WorldPoint(3, 3, 8);
        WorldPoint P(double s) => a + (axis * s);
        var r = 1.5;
        Func<WorldPoint, bool>[] parts =
        [
            VesselTestShapes.Tube(P(0), P(8), r, r), VesselTestShapes.Tube(P(8), P(11), r, r / 2),
            VesselTestShapes.Tube(P(11), P(14), r / 2, r), VesselTestShapes.Tube(P(14), P(24), r, r),
        ];
        var mask = VesselTestShapes.Draw(g, p => parts.Any(f => f(p)));
        var profile = LumenProfile.Measure(mask, [P(1.5), P(22.5)], 0.25, 5, 1);
        var s = StenosisAnalysis.Analyse(profile);
        Assert.InRange(s.DiameterStenosisPercent, 46, 54);
        Assert.InRange(s.AreaStenosisPercent, 70, 80);
        Assert.InRange(s.MinimumPoint.DistanceTo(P(11)), 0, 0.6);
        Assert.InRange(s.ReferenceDiameterMm, 2.9, 3.1);
    }

    [Fact]
    public void Analyse_TooFewSections_Throws()
    {
        Assert.Throws<ArgumentException>(() => StenosisAnalysis.Analyse([Sample(0, 3), Sample(1, 2)]));
    }
}
