using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Plans;
using Seldinger.Planning.Vascular;
using Xunit.Abstractions;

namespace Seldinger.Planning.Tests.Vascular;

public sealed class AngiographyPlannerTests(ArterialPhantomFixture fixture, ITestOutputHelper output) : IClassFixture<ArterialPhantomFixture>
{
    private static double Measurement(ProcedurePlan plan, string name) => plan.Measurements.First(m => m.Name == name).Value;

    private void Print(ProcedurePlan plan)
    {
        foreach (var m in plan.Measurements)
        {
            output.WriteLine($"{m.Name}: {m.Value:0.###} {m.Unit} ({m.Note})");
        }

        foreach (var w in plan.Warnings)
        {
            output.WriteLine($"{w.Severity} {w.Code}: {w.Message}");
        }
    }

    [Fact]
    public void Plan_RenalArteryStenosis_MeasuresTheConstructed60PercentNarrowing()
    {
        var plan = fixture.StenosisPlan;
        Print(plan);
        Assert.Equal("angiography", plan.Planner);

        // Construction: the lumen tapers to 0.4 × the 3.3 mm diameter (60 % by diameter, 84 % by area). At 0.25 mm
        // voxels the 1.32 mm residual lumen spans about 5 voxels: the sub-voxel cross-section is good to about
        // ±0.1 mm (±4 points of diameter stenosis), and profile steps of 0.25 mm may miss the exact waist by 0.05 mm.
        Assert.InRange(Measurement(plan, "stenosis, diameter"), 55, 65);
        Assert.InRange(Measurement(plan, "stenosis, area"), 78, 90);
        var construction = fixture.Stenosis.Landmark("right-renal-artery-origin").DiameterMm!.Value;
        Assert.InRange(Measurement(plan, "reference diameter"), construction - 0.2, construction + 0.2);
        Assert.InRange(Measurement(plan, "minimal lumen diameter"), (0.4 * construction) - 0.15, (0.4 * construction) + 0.15);
        var waist = plan.Points.Single(p => p.Name == "minimal lumen diameter");
        Assert.InRange(waist.Point.DistanceTo(fixture.Stenosis.Target.Center), 0, 1.5);
        Assert.Equal(plan.Measurements, ProcedurePlan.FromJson(plan.ToJson()).Measurements);
    }

    [Fact]
    public void Plan_RenalArteryStenosis_RouteAndCentrelinesStayInTheArteryAndReachTheTarget()
    {
        var plan = fixture.StenosisPlan;
        var labels = fixture.Stenosis.Labels;
        var route = Assert.Single(plan.Routes);
        Assert.Equal("catheter", route.Kind);
        Assert.InRange(route.Tip.DistanceTo(fixture.Stenosis.Target.Center), 0, 0.5);
        Assert.InRange(route.Entry.DistanceTo(fixture.Stenosis.Landmark("aorta-abdominal").Point), 0, 0.5);
        Assert.Contains(plan.Warnings, w => w.Code == "access-outside-image");
        var centrelines = plan.Polylines.Where(p => p.Role == "centreline").ToList();
        Assert.NotEmpty(centrelines);
        foreach (var p in centrelines.SelectMany(c => c.Points).Concat(route.Points))
        {
            Assert.True(labels.Geometry.TryGetVoxel(p, out var v));
            Assert.Equal((byte)TissueLabel.Artery, labels[v]);
        }

        Assert.Equal(100, Measurement(plan, "segmented lumen labelled artery"), 0);
    }

    [Fact]
    public void Plan_Aneurysm_MeasuresNearTheConstruction()
    {
        var plan = fixture.AneurysmPlan;
        Print(plan);

        // Construction: a sphere of radius R = 1.5 × the renal artery diameter, centred 0.7 R from the artery's axis
        // (so the artery runs through it); its neck on the parent's wall is a chord of the sphere at distance
        // 0.7 R − r from its centre, its dome reaches 0.7 R + R from the axis.
        var radius = fixture.Aneurysm.Target.SizeMm / 2;
        var parent = fixture.Aneurysm.Landmark("left-renal-artery-origin").DiameterMm!.Value;
        var r = parent / 2;
        var offset = 0.7 * radius;
        Assert.InRange(Measurement(plan, "aneurysm maximum diameter"), (2 * radius) - 0.6, (2 * radius) + 0.3);
        Assert.InRange(Measurement(plan, "aneurysm volume"), 0.95 * (4.0 / 3 * Math.PI * Math.Pow(radius, 3) / 1000), 1.05 * (4.0 / 3 * Math.PI * Math.Pow(radius, 3) / 1000));
        Assert.InRange(Measurement(plan, "parent artery diameter"), parent - 0.3, parent + 0.3);
        var neck = 2 * Math.Sqrt((radius * radius) - Math.Pow(offset - r, 2));
        Assert.InRange(Measurement(plan, "aneurysm neck width"), neck - 1, neck + 1);
        Assert.InRange(Measurement(plan, "aneurysm dome height"), offset + radius - r - 1, offset + radius - r + 1);
        Assert.True(Measurement(plan, "aneurysm sac volume") < Measurement(plan, "aneurysm volume"));
        Assert.DoesNotContain(plan.Measurements, m => m.Name.StartsWith("stenosis", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_SheathLargerThanTheAccessArtery_DangerWarningAndNotFeasible()
    {
        var procedure = ProcedureCatalogue.Default.Find("angiography")!;
        procedure = procedure with { Devices = [.. procedure.Devices.Select(d => d.Kind == DeviceKind.Sheath ? d with { French = 12 } : d)] };
        var origin = fixture.Stenosis.Landmark("right-renal-artery-origin");
        var axis = (fixture.Stenosis.Target.Center - origin.Point).Normalized;
        var input = ArterialPhantomFixture.Input(fixture.Stenosis) with { Procedure = procedure, ManualEntry = origin.Point + (axis * 6) };
        var plan = AngiographyPlanner.Plan(input);
        Print(plan);

        // 12 F = 4 mm in the 3.3 mm renal artery: ratio 1.2 over the catalogue's 1.0.
        var warning = Assert.Single(plan.Warnings, w => w.Code == "sheath-too-large");
        Assert.Equal(PlanWarningSeverity.Danger, warning.Severity);
        Assert.Contains("12 F", warning.Message, StringComparison.Ordinal);
        Assert.InRange(Measurement(plan, "sheath-to-artery ratio"), 4 / (origin.DiameterMm!.Value + 0.2), 4 / (origin.DiameterMm.Value - 0.2));
        Assert.False(plan.Feasible);
        Assert.False(plan.Routes[0].IsSafe);
        Assert.Equal("manual", plan.Method);
    }

    [Fact]
    public void Plan_AccessArteryDiameter_IsThePerpendicularSectionOfTheAorta()
    {
        // No femoral artery in this crop: the access is the abdominal aorta, whose built diameter the sheath check must read
        // (an oblique cut would read it wider and pass a sheath that is too large).
        var plan = fixture.StenosisPlan;
        var aorta = fixture.Stenosis.Landmark("aorta-abdominal").DiameterMm!.Value;
        Assert.InRange(Measurement(plan, "access artery diameter"), aorta - 0.5, aorta + 0.5);
    }

    [Fact]
    public void Plan_CatalogueWithoutSheathRatio_SaysTheSheathIsNotChecked()
    {
        // A clinician's catalogue may leave the limit out: the plan says the sheath was not checked.
        var input = ArterialPhantomFixture.Input(fixture.Stenosis, "avm-embolization");
        var plan = AngiographyPlanner.Plan(input with { Procedure = input.Procedure with { Parameters = [] } });
        Assert.Contains(plan.Warnings, w => w.Code == "sheath-not-checked" && w.Message.Contains("sheathToArteryRatioMax", StringComparison.Ordinal));
        Assert.True(plan.Feasible);
    }

    [Fact]
    public void Plan_NoCt_ThrowsPlainWords()
    {
        var input = ArterialPhantomFixture.Input(fixture.Stenosis) with { Hounsfield = null };
        var e = Assert.Throws<PlanningException>(() => AngiographyPlanner.Plan(input));
        Assert.Contains("no CT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CtWithoutContrast_ThrowsPlainWords()
    {
        var plain = ArterialPhantomFixture.Generate("renal-artery-stenosis", new WorldPoint(0, 8, 650), new WorldPoint(16, 22, 658), 0.5, ContrastPhase.None);
        var input = ArterialPhantomFixture.Input(plain) with { Target = plain.Landmark("aorta-abdominal").Point + new Vector3D(0, 0, 2) };
        var e = Assert.Throws<PlanningException>(() => AngiographyPlanner.Plan(input));
        Assert.Contains("no arterial contrast", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AccessOutsideTheVessels_ThrowsPlainWords()
    {
        var access = new WorldPoint(-30, 8, 652);
        AssertNoArteryWithin(fixture.Stenosis.Labels, access, 4);
        var input = ArterialPhantomFixture.Input(fixture.Stenosis) with { ManualEntry = access };
        var e = Assert.Throws<PlanningException>(() => AngiographyPlanner.Plan(input));
        Assert.Contains("is not in a contrast-filled artery", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TargetAwayFromTheArteries_ThrowsPlainWords()
    {
        var target = new WorldPoint(-30, 8, 652);
        AssertNoArteryWithin(fixture.Stenosis.Labels, target, 6);
        var input = ArterialPhantomFixture.Input(fixture.Stenosis) with { Target = target };
        var e = Assert.Throws<PlanningException>(() => AngiographyPlanner.Plan(input));
        Assert.Contains("is not in, or within 5 mm of, the contrast-filled arteries", e.Message, StringComparison.Ordinal);
    }

    private static void AssertNoArteryWithin(Volume<byte> labels, WorldPoint p, double mm)
    {
        var g = labels.Geometry;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] == (byte)TissueLabel.Artery)
            {
                Assert.True(g.IndexToWorld(g.VoxelAt(n)).DistanceTo(p) > mm, "the test point is too close to an artery");
            }
        }
    }
}
