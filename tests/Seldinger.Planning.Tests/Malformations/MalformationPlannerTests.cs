using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Malformations;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Malformations;

/// <summary>The venous malformation phantom on a 1.2 mm patch of the right thigh that holds the lesion and the skin over it, planned once.</summary>
public sealed class VenousMalformationFixture
{
    public VenousMalformationFixture()
    {
        var probe = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "venous-malformation", NoiseSigmaHu = 0, Geometry = new VolumeGeometry(2, 2, 2, default, 1, 1, 1) });
        var c = probe.Target.Center;
        const double S = 1.2;
        var origin = new WorldPoint(c.X - 42, c.Y - 48, c.Z - 38);
        var geometry = new VolumeGeometry((int)(66 / S), (int)(66 / S), (int)(76 / S), origin, S, S, S);
        Phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "venous-malformation", NoiseSigmaHu = 0, Geometry = geometry });
        Procedure = ProcedureCatalogue.Default.Find("sclerotherapy-venous")!;
        Input = PlanningInput.FromPhantom(Phantom, Procedure, ProcedureCatalogue.Default);
        Plan = MalformationPlanner.Plan(Input);
    }

    public WholeBodyPhantomResult Phantom { get; }

    public ProcedureDefinition Procedure { get; }

    public PlanningInput Input { get; }

    public ProcedurePlan Plan { get; }
}

public class MalformationPlannerTests(VenousMalformationFixture fixture) : IClassFixture<VenousMalformationFixture>
{
    private static readonly HashSet<TissueLabel> Passable = [TissueLabel.Skin, TissueLabel.Fat, TissueLabel.Muscle, TissueLabel.VenousMalformation];

    private static double Parameter(ProcedureDefinition p, string name) => p.Parameters.Single(x => x.Name == name).Value;

    [Fact]
    public void Plan_VenousMalformation_VolumeAndComponentsMatchTheLabelMap()
    {
        var labels = fixture.Phantom.Labels;
        var count = labels.Voxels.Count(v => v == (byte)TissueLabel.VenousMalformation);
        Assert.True(count > 1000, $"{count} lesion voxels");
        var ml = count * 1.2 * 1.2 * 1.2 / 1000;
        Assert.Equal(ml, fixture.Plan.Measurements.Single(m => m.Name == "lesion volume").Value, 9);
        Assert.True(fixture.Plan.Measurements.Single(m => m.Name == "components").Value >= 1);
        Assert.True(fixture.Plan.Measurements.Single(m => m.Name == "cysts or channels").Value >= 1);
    }

    [Fact]
    public void Plan_VenousMalformation_CoverReachesTheReportedFraction()
    {
        var plan = fixture.Plan;
        Assert.True(plan.Feasible);
        var radius = Parameter(fixture.Procedure, "treatmentRadiusMm");
        var tips = plan.Points.Where(p => p.Role == "puncture").Select(p => p.Point).ToList();
        Assert.NotEmpty(tips);
        Assert.True(tips.Count <= Parameter(fixture.Procedure, "maxPuncturesPerSession"));

        // Brute force: every lesion voxel against every tip.
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        int total = 0, covered = 0;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] != (byte)TissueLabel.VenousMalformation)
            {
                continue;
            }

            total++;
            var p = g.IndexToWorld(g.VoxelAt(n));
            if (tips.Any(t => t.DistanceTo(p) <= radius))
            {
                covered++;
            }
        }

        var reported = plan.Measurements.Single(m => m.Name == "covered fraction").Value;
        Assert.Equal((double)covered / total, reported, 12);
        Assert.True(reported >= Parameter(fixture.Procedure, "targetCoverageFraction") || plan.Warnings.Any(w => w.Code == "low-coverage"));
    }

    [Fact]
    public void Plan_VenousMalformation_EveryPunctureRouteIsSafeByBruteForce()
    {
        var plan = fixture.Plan;
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        var tolerance = BruteForceRoute.EvaluatorTolerance(g);
        var needle = fixture.Procedure.Devices.First(d => d.Kind == DeviceKind.Needle).LengthMm!.Value;
        var skinMargin = fixture.Procedure.Protect.Single(p => p.Label == TissueLabel.Skin).MinimumClearanceMm;
        Assert.Equal(plan.Points.Count(p => p.Role == "puncture"), plan.Routes.Count);
        foreach (var route in plan.Routes)
        {
            Assert.True(route.IsSafe);
            Assert.True(route.LengthMm <= needle + 1e-9);
            Assert.Null(BruteForceRoute.FirstForbidden(labels, route.Entry, route.Tip, Passable));
            foreach (var p in fixture.Procedure.Protect.Where(p => p.Label != TissueLabel.Skin))
            {
                var d = BruteForceRoute.Distance(labels, route.Entry, route.Tip, p.Label);
                Assert.True(d >= p.MinimumClearanceMm - tolerance, $"{p.Label}: {d} mm");
            }

            // The skin margin holds at the tip, where the sclerosant goes.
            var tipToSkin = BruteForceRoute.Distance(labels, route.Tip, route.Tip, TissueLabel.Skin);
            Assert.True(tipToSkin >= skinMargin - 1e-3, $"tip {tipToSkin} mm from the skin");
            Assert.True(g.TryGetVoxel(route.Tip, out var tip) && labels[tip] == (byte)TissueLabel.VenousMalformation);
        }
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(18.0)]
    [InlineData(30.0)]
    [InlineData(45.0)]
    [InlineData(80.0)]
    public void DoseLimits_SeveralWeights_EqualTheFormulaWithTheCap(double weight)
    {
        foreach (var id in new[] { "sclerotherapy-venous", "sclerotherapy-lymphatic" })
        {
            var p = ProcedureCatalogue.Default.Find(id)!;
            var limits = MalformationPlanner.DoseLimits(p, weight);
            var agents = p.Parameters.Where(x => x.Name.StartsWith("sclerosant", StringComparison.Ordinal) && x.Name.EndsWith("PerKg", StringComparison.Ordinal)).ToList();
            Assert.Equal(agents.Count, limits.Count);
            Assert.True(limits.Count >= 2, id);
            foreach (var (perKg, limit) in agents.Zip(limits))
            {
                var cap = p.Parameters.Single(x => x.Name == perKg.Name.Replace("PerKg", "MaxPerSession", StringComparison.Ordinal));
                Assert.Equal(Math.Min(perKg.Value * weight, cap.Value), limit.Limit, 12);
                Assert.Equal(perKg.Value * weight > cap.Value, limit.Capped);
                Assert.Equal(cap.Unit, limit.Unit);
            }
        }
    }

    [Fact]
    public void DoseLimits_KnownAgents_PlainNumbers()
    {
        var venous = ProcedureCatalogue.Default.Find("sclerotherapy-venous")!;
        var at20 = MalformationPlanner.DoseLimits(venous, 20);
        Assert.Equal(10, at20.Single(d => d.Agent == "bleomycin").Limit, 12);
        Assert.False(at20.Single(d => d.Agent == "bleomycin").Capped);
        Assert.Equal(20, at20.Single(d => d.Agent == "ethanol").Limit, 12);
        Assert.Equal("mL", at20.Single(d => d.Agent == "ethanol").Unit);
        Assert.Equal(8, at20.Single(d => d.Agent == "sodium tetradecyl sulfate").Limit, 12);
        var at70 = MalformationPlanner.DoseLimits(venous, 70);
        Assert.Equal(15, at70.Single(d => d.Agent == "bleomycin").Limit, 12);
        Assert.True(at70.Single(d => d.Agent == "bleomycin").Capped);
        Assert.Equal(60, at70.Single(d => d.Agent == "ethanol").Limit, 12);
        Assert.Equal(10, at70.Single(d => d.Agent == "sodium tetradecyl sulfate").Limit, 12);
        var lymphatic = MalformationPlanner.DoseLimits(ProcedureCatalogue.Default.Find("sclerotherapy-lymphatic")!, 12);
        Assert.Equal(120, lymphatic.Single(d => d.Agent == "doxycycline").Limit, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    [InlineData(400.0)]
    public void DoseLimits_ImplausibleWeight_ThrowsPlainWords(double weight)
    {
        var ex = Assert.Throws<PlanningException>(() => MalformationPlanner.DoseLimits(fixture.Procedure, weight));
        Assert.Contains("weight", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithWeight_ReportsEachAgentsLimit_WithoutWeight_Warns()
    {
        var weight = fixture.Input.WeightKg!.Value;
        foreach (var d in MalformationPlanner.DoseLimits(fixture.Procedure, weight))
        {
            Assert.Equal(d.Limit, fixture.Plan.Measurements.Single(m => m.Name == $"{d.Agent}: dose limit").Value, 12);
        }

        var plan = MalformationPlanner.Plan(fixture.Input with { WeightKg = null });
        Assert.Contains(plan.Warnings, w => w.Code == "no-weight" && w.Severity == PlanWarningSeverity.Caution);
        Assert.DoesNotContain(plan.Measurements, m => m.Name.EndsWith("dose limit", StringComparison.Ordinal));
        Assert.Equal(fixture.Plan.Routes.Count, plan.Routes.Count);
    }

    [Fact]
    public void Plan_NoLesion_ThrowsPlainWords()
    {
        var empty = new Volume<byte>(fixture.Phantom.Labels.Geometry);
        var ex = Assert.Throws<PlanningException>(() => MalformationPlanner.Plan(fixture.Input with { Labels = empty }));
        Assert.Contains("no VenousMalformation voxels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatcher_SendsTheMalformationToThisPlanner()
    {
        Assert.Equal("malformation", ProcedurePlanner.PlannerFor(fixture.Procedure));
        Assert.Equal("malformation", ProcedurePlanner.PlannerFor(ProcedureCatalogue.Default.Find("sclerotherapy-lymphatic")!));
    }
}

public class MalformationCystTests
{
    [Fact]
    public void FindCysts_TwoOverlappingSpheres_FindsBothWithTheirRadii()
    {
        // Two drawn cysts that merge into one lesion: centres and radii are the construction numbers.
        var g = new VolumeGeometry(60, 40, 40, new WorldPoint(-29.5, -19.5, -19.5), 1, 1, 1);
        var labels = new Volume<byte>(g);
        WorldPoint a = new(-6, 0.3, 0.2), b = new(9, -0.4, 0.1);
        const double Ra = 10, Rb = 7;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            labels.Voxels[n] = (byte)(p.DistanceTo(a) <= Ra || p.DistanceTo(b) <= Rb ? TissueLabel.LymphaticMalformation : TissueLabel.Fat);
        }

        var cysts = MalformationPlanner.FindCysts(labels, TissueLabel.LymphaticMalformation);
        Assert.Equal(2, cysts.Count);
        Assert.True(cysts[0].Center.DistanceTo(a) <= 1, $"{cysts[0].Center}");
        Assert.True(cysts[1].Center.DistanceTo(b) <= 1, $"{cysts[1].Center}");
        // Within a voxel, and the half-voxel diagonal by which the deepest voxel centre can miss the drawn centre.
        var slack = 1 + g.VoxelHalfDiagonal;
        Assert.InRange(cysts[0].RadiusMm, Ra - slack, Ra + 1);
        Assert.InRange(cysts[1].RadiusMm, Rb - slack, Rb + 1);
        Assert.All(cysts, c => Assert.Equal(1, c.Component));
    }

    [Fact]
    public void FindCysts_LymphaticMalformation_EachCystIsADrawnCystAndTheDeepestPointOfItsBall()
    {
        // The case draws five cysts (BodyModel.Skeleton): centre c + (dx, dy, dz)·r and radius f·r, r the target's radius.
        (double Dx, double Dy, double Dz, double F)[] drawn = [(0, 0, 0, 1), (0.5, 0.3, -0.9, 0.8), (0.9, -0.2, -1.8, 0.9), (0.2, 0.5, -1.5, 0.6), (1.3, 0.2, -2.6, 0.7)];
        var probe = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "lymphatic-malformation", NoiseSigmaHu = 0, Geometry = new VolumeGeometry(2, 2, 2, default, 1, 1, 1) });
        var c = probe.Target.Center;
        var r = probe.Target.SizeMm / 2;
        const double S = 1.0;
        var origin = new WorldPoint(c.X - (1.4 * r), c.Y - (1.6 * r), c.Z - (3.6 * r));
        var geometry = new VolumeGeometry((int)(4.0 * r / S), (int)(3.2 * r / S), (int)(4.8 * r / S), origin, S, S, S);
        var labels = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "lymphatic-malformation", NoiseSigmaHu = 0, Geometry = geometry }).Labels;

        var cysts = MalformationPlanner.FindCysts(labels, TissueLabel.LymphaticMalformation);
        Assert.InRange(cysts.Count, 1, drawn.Length);
        var lesion = new List<WorldPoint>();
        var outside = new List<WorldPoint>();
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            (labels.Voxels[n] == (byte)TissueLabel.LymphaticMalformation ? lesion : outside).Add(geometry.IndexToWorld(geometry.VoxelAt(n)));
        }

        // The depth of other points from the library's distance transform (itself tested against brute force).
        var map = Imaging.Filters.EuclideanDistanceTransform.Compute(labels, v => v != (byte)TissueLabel.LymphaticMalformation);
        double Depth(WorldPoint p) => geometry.TryGetVoxel(p, out var v) ? map[v] : 0;
        foreach (var cyst in cysts)
        {
            // Inside one of the drawn cysts.
            Assert.Contains(drawn, d => cyst.Center.DistanceTo(new WorldPoint(c.X + (d.Dx * r), c.Y + (d.Dy * r), c.Z + (d.Dz * r))) <= d.F * r);

            // Depth by brute force, and no deeper lesion voxel within that depth.
            var depth = outside.Min(q => q.DistanceTo(cyst.Center));
            Assert.Equal(depth - (0.5 * S), cyst.RadiusMm, 4);
            Assert.DoesNotContain(lesion, p => p.DistanceTo(cyst.Center) <= depth && Depth(p) > depth + 1e-4);
        }
    }
}

public class LymphaticMalformationPlanTests
{
    [Fact]
    public void Plan_LymphaticMalformation_CoverAndRoutesHoldByBruteForce()
    {
        // A 1.5 mm patch of the left neck base holding the cysts and the skin beside them.
        var probe = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "lymphatic-malformation", NoiseSigmaHu = 0, Geometry = new VolumeGeometry(2, 2, 2, default, 1, 1, 1) });
        var c = probe.Target.Center;
        const double S = 1.5;
        var geometry = new VolumeGeometry((int)(66 / S), (int)(72 / S), (int)(75 / S), new WorldPoint(c.X - 22, c.Y - 36, c.Z - 55), S, S, S);
        var phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "lymphatic-malformation", NoiseSigmaHu = 0, Geometry = geometry });
        var procedure = ProcedureCatalogue.Default.Find("sclerotherapy-lymphatic")!;
        var plan = MalformationPlanner.Plan(PlanningInput.FromPhantom(phantom, procedure, ProcedureCatalogue.Default));
        var labels = phantom.Labels;
        var radius = procedure.Parameters.Single(x => x.Name == "treatmentRadiusMm").Value;
        var tips = plan.Points.Where(p => p.Role == "puncture").Select(p => p.Point).ToList();
        Assert.Equal(plan.Feasible, tips.Count > 0);
        Assert.Equal(tips.Count, plan.Routes.Count);

        int total = 0, covered = 0;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] == (byte)TissueLabel.LymphaticMalformation)
            {
                total++;
                var p = geometry.IndexToWorld(geometry.VoxelAt(n));
                covered += tips.Any(t => t.DistanceTo(p) <= radius) ? 1 : 0;
            }
        }

        Assert.Equal((double)covered / total, plan.Measurements.Single(m => m.Name == "covered fraction").Value, 12);
        var tolerance = BruteForceRoute.EvaluatorTolerance(geometry);
        HashSet<TissueLabel> passable = [TissueLabel.Skin, TissueLabel.Fat, TissueLabel.Muscle, TissueLabel.LymphaticMalformation];
        foreach (var route in plan.Routes)
        {
            Assert.Null(BruteForceRoute.FirstForbidden(labels, route.Entry, route.Tip, passable));
            foreach (var p in procedure.Protect.Where(p => p.Label != TissueLabel.Skin))
            {
                Assert.True(BruteForceRoute.Distance(labels, route.Entry, route.Tip, p.Label) >= p.MinimumClearanceMm - tolerance, $"{p.Label}");
            }

            Assert.True(BruteForceRoute.Distance(labels, route.Tip, route.Tip, TissueLabel.Skin) >= 3 - 1e-3);
        }

        var doxycycline = Assert.Single(MalformationPlanner.DoseLimits(procedure, phantom.BodySizes["weightKg"]), d => d.Agent == "doxycycline");
        Assert.Equal(doxycycline.Limit, plan.Measurements.Single(m => m.Name == "doxycycline: dose limit").Value, 12);
    }
}
