using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Enteric;
using Seldinger.Planning.Plans;
using Seldinger.Planning.Tests.Malformations;

namespace Seldinger.Planning.Tests.Enteric;

/// <summary>The gastrostomy phantom at 96 × 96 pixels with slices as thick as the pixels, planned once.</summary>
public sealed class GastrostomyFixture
{
    public GastrostomyFixture()
    {
        Phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "gastrostomy", Size = 96, SliceCount = 52, NoiseSigmaHu = 0 });
        Procedure = ProcedureCatalogue.Default.Find("gastrostomy")!;
        Input = PlanningInput.FromPhantom(Phantom, Procedure, ProcedureCatalogue.Default);
        Window = GastrostomyPlanner.Window(Input);
        Plan = GastrostomyPlanner.Plan(Input);
    }

    public WholeBodyPhantomResult Phantom { get; }

    public ProcedureDefinition Procedure { get; }

    public PlanningInput Input { get; }

    public GastrostomyWindow Window { get; }

    public ProcedurePlan Plan { get; }
}

public class GastrostomyPlannerTests(GastrostomyFixture fixture) : IClassFixture<GastrostomyFixture>
{
    private static readonly HashSet<TissueLabel> Passable = [TissueLabel.Skin, TissueLabel.Fat, TissueLabel.Muscle, TissueLabel.Stomach];

    private double Parameter(string name) => fixture.Procedure.Parameters.Single(x => x.Name == name).Value;

    private double Needle => fixture.Procedure.Devices.First(d => d.Kind == DeviceKind.Needle).LengthMm!.Value;

    /// <summary>Null when the route keeps every hard constraint by brute force, else the first broken one.</summary>
    private string? BruteForceViolation(WorldPoint entry, WorldPoint tip, double slackMm)
    {
        var labels = fixture.Phantom.Labels;
        if (BruteForceRoute.FirstForbidden(labels, entry, tip, Passable) is { } bad)
        {
            return $"crosses {bad}";
        }

        foreach (var p in fixture.Procedure.Protect)
        {
            var d = BruteForceRoute.Distance(labels, entry, tip, p.Label);
            if (d < p.MinimumClearanceMm + slackMm)
            {
                return $"{p.Label} at {d:0.00} mm";
            }
        }

        return entry.DistanceTo(tip) > Needle + slackMm ? "too long" : null;
    }

    [Fact]
    public void Plan_GastrostomyPhantom_PunctureRouteKeepsEveryHardConstraintByBruteForce()
    {
        var plan = fixture.Plan;
        Assert.True(plan.Feasible);
        var route = plan.Routes[0];
        Assert.Equal("needle", route.Kind);
        Assert.True(route.IsSafe);
        var tolerance = BruteForceRoute.EvaluatorTolerance(fixture.Phantom.Labels.Geometry);
        Assert.Null(BruteForceViolation(route.Entry, route.Tip, -tolerance));

        // The entry is at the body surface (a skin voxel, or fat where the line slips between skin voxels), the tip on the stomach.
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        Assert.True(g.TryGetVoxel(route.Entry, out var e) && labels[e] is (byte)TissueLabel.Skin or (byte)TissueLabel.Fat);
        Assert.Contains(new[] { -1, 0, 1 }.SelectMany(i => new[] { -1, 0, 1 }.SelectMany(j => new[] { -1, 0, 1 }.Select(k => new VoxelIndex(e.I + i, e.J + j, e.K + k)))),
            w => g.Contains(w) && labels[w] == (byte)TissueLabel.Background);
        Assert.True(g.TryGetVoxel(route.Tip, out var t) && labels[t] == (byte)TissueLabel.Stomach);
        Assert.True(route.Entry.Y < route.Tip.Y, "the needle comes from the front");
        var angle = plan.Measurements.Single(m => m.Name == "needle angle to the wall normal").Value;
        Assert.InRange(angle, 0, Parameter("maxAngleToWallNormalDeg") + 1e-9);
        var puncture = fixture.Window.Puncture!;
        var measured = Math.Acos(Math.Clamp((route.Entry - route.Tip).Normalized.Dot(puncture.Normal), -1, 1)) * 180 / Math.PI;
        Assert.Equal(measured, angle, 6);
    }

    [Fact]
    public void Window_EveryWindowPointsRouteIsSafeByBruteForce()
    {
        var window = fixture.Window;
        var inside = window.WallPoints.Where(p => p.InWindow).ToList();
        Assert.NotEmpty(inside);
        var tolerance = BruteForceRoute.EvaluatorTolerance(fixture.Phantom.Labels.Geometry);
        foreach (var p in inside)
        {
            Assert.Equal(p.Point, p.Route!.Path.Target);
            Assert.Null(BruteForceViolation(p.Route.Path.Entry, p.Point, -tolerance));
        }
    }

    [Fact]
    public void Window_PointsOutsideAreTheOnesWhosePerpendicularRouteFailsByBruteForce()
    {
        // Outside the window even the route along the wall normal must break a constraint (within the evaluator's
        // tolerance), be too long or too far from straight forwards, or leave the field of view.
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        var tolerance = BruteForceRoute.EvaluatorTolerance(g);
        var maxToAnterior = Parameter("maxAngleToAnteriorDeg");
        var outside = fixture.Window.WallPoints.Where(p => !p.InWindow).ToList();
        Assert.NotEmpty(outside);
        foreach (var p in outside)
        {
            var toAnterior = Math.Acos(Math.Clamp(-p.Normal.Y, -1, 1)) * 180 / Math.PI;
            var entry = March(labels, p.Point, p.Normal);
            if (entry is null || toAnterior > maxToAnterior - 1e-6)
            {
                continue;
            }

            Assert.True(BruteForceViolation(entry.Value, p.Point, tolerance) is not null, $"{p.Point}: {p.Rejection}");
        }
    }

    [Fact]
    public void Window_ExcludesPointsBehindLiverOrColon()
    {
        // Wall points whose normal route runs through liver or bowel are never in the window.
        var labels = fixture.Phantom.Labels;
        var blocked = 0;
        foreach (var p in fixture.Window.WallPoints)
        {
            var entry = March(labels, p.Point, p.Normal);
            if (entry is null)
            {
                continue;
            }

            var bad = BruteForceRoute.FirstForbidden(labels, entry.Value, p.Point, Passable);
            if (bad is TissueLabel.Liver or TissueLabel.Bowel)
            {
                blocked++;
                Assert.True(!p.InWindow || p.AngleToNormalDeg > 0, $"{p.Point} is in the window along its normal through {bad}");
            }
        }

        Assert.True(blocked > 0, "the phantom should have wall behind liver or colon");
    }

    [Fact]
    public void Plan_ReportsAreasOutlineAndPunctureInTheLargestPart()
    {
        var plan = fixture.Plan;
        var window = fixture.Window;
        Assert.Equal(window.WallPoints.Where(p => p.InWindow).Sum(p => p.AreaMm2), plan.Measurements.Single(m => m.Name == "safe window area").Value, 6);
        Assert.True(window.WindowAreaMm2 <= window.AnteriorWallAreaMm2);
        Assert.True(window.LargestWindowAreaMm2 <= window.WindowAreaMm2 + 1e-9);
        Assert.Equal(window.LargestComponent, window.Puncture!.Component);
        Assert.Equal(window.Puncture.Point, plan.Target);
        var outline = Assert.Single(plan.Polylines, l => l.Role == "outline");
        Assert.True(outline.Points.Count >= 4);
        Assert.Equal(outline.Points[0], outline.Points[^1]);

        // The puncture is the window point farthest from the stomach wall outside the window (brute force).
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        var inWindow = window.WallPoints.Where(p => p.InWindow).Select(p => p.Point).ToHashSet();
        var outside = new List<WorldPoint>();
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var v = g.VoxelAt(n);
            if (labels.Voxels[n] != (byte)TissueLabel.Stomach)
            {
                continue;
            }

            var exposed = new[] { v with { I = v.I - 1 }, v with { I = v.I + 1 }, v with { J = v.J - 1 }, v with { J = v.J + 1 }, v with { K = v.K - 1 }, v with { K = v.K + 1 } }
                .Any(w => !g.Contains(w) || labels[w] != (byte)TissueLabel.Stomach);
            var p = g.IndexToWorld(v);
            if (exposed && !inWindow.Contains(p))
            {
                outside.Add(p);
            }
        }

        double Edge(WorldPoint p) => outside.Min(q => q.DistanceTo(p));
        var best = window.WallPoints.Where(p => p.Component == window.LargestComponent).Max(p => Edge(p.Point));
        Assert.Equal(best, Edge(window.Puncture.Point), 9);
        Assert.Equal(best, window.PunctureEdgeDistanceMm!.Value, 9);
        Assert.Equal(plan.ToJson(), ProcedurePlan.FromJson(plan.ToJson()).ToJson());
    }

    [Fact]
    public void Window_SyntheticSphere_AreaIsTheHemisphereAndThePunctureIsTheAnteriorPole()
    {
        // A 20 mm stomach sphere in a box of fat and skin, nothing to protect: the whole anterior
        // hemisphere (2πR²) is reachable; its pole is farthest from the edge and is punctured straight on.
        const double R = 20;
        var g = new VolumeGeometry(70, 70, 70, new WorldPoint(-34.5, -34.5, -34.5), 1, 1, 1);
        var labels = new Volume<byte>(g);
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            var box = Math.Max(Math.Abs(p.X), Math.Max(Math.Abs(p.Y), Math.Abs(p.Z)));
            labels.Voxels[n] = (byte)(box > 33.6 ? TissueLabel.Background
                : box > 31.6 ? TissueLabel.Skin
                : p.ToVector().Length <= R ? TissueLabel.Stomach : TissueLabel.Fat);
        }

        var input = fixture.Input with { Labels = labels, Landmarks = [], Target = null };
        var window = GastrostomyPlanner.Window(input);
        var hemisphere = 2 * Math.PI * R * R;
        Assert.InRange(window.AnteriorWallAreaMm2, 0.95 * hemisphere, 1.05 * hemisphere);
        Assert.Equal(window.AnteriorWallAreaMm2, window.WindowAreaMm2, 6);
        Assert.Equal(1, window.ComponentCount);
        var puncture = window.Puncture!;
        Assert.True(puncture.Point.DistanceTo(new WorldPoint(0, -R, 0)) <= 1.5, $"{puncture.Point}");
        Assert.Equal(0, puncture.AngleToNormalDeg!.Value, 6);

        // A colon loop in front of the patient's left half closes that part of the window.
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            if (p.X > 4 && p.Y > -28 && p.Y < -24)
            {
                labels.Voxels[n] = (byte)TissueLabel.Bowel;
            }
        }

        var closed = GastrostomyPlanner.Window(input);
        var bowelMargin = fixture.Procedure.Protect.Single(p => p.Label == TissueLabel.Bowel).MinimumClearanceMm;
        var bowel = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == (byte)TissueLabel.Bowel).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToList();
        var tolerance = BruteForceRoute.EvaluatorTolerance(g);
        Assert.True(closed.WindowAreaMm2 < 0.75 * window.WindowAreaMm2, $"{closed.WindowAreaMm2} of {window.WindowAreaMm2} mm²");
        Assert.True(closed.WindowAreaMm2 > 0.25 * window.WindowAreaMm2, $"{closed.WindowAreaMm2} of {window.WindowAreaMm2} mm²");
        foreach (var p in closed.WallPoints.Where(p => p.InWindow))
        {
            var d = bowel.Min(b => BruteForceRoute.PointToSegment(b, p.Route!.Path.Entry, p.Point));
            Assert.True(d >= bowelMargin - tolerance, $"{p.Point}: {d} mm from the colon");
        }
    }

    [Fact]
    public void Plan_WindowSmallerThanTheCatalogueMinimum_Cautions()
    {
        Assert.DoesNotContain(fixture.Plan.Warnings, w => w.Code == "small-window");
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions))!;
        var entry = json["procedures"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "gastrostomy")!;
        entry["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "minimumWindowAreaMm2")!["value"] = fixture.Window.LargestWindowAreaMm2 + 1;
        var catalogue = ProcedureCatalogue.Parse(json.ToJsonString());
        var plan = GastrostomyPlanner.Plan(fixture.Input with { Procedure = catalogue.Find("gastrostomy")!, Catalogue = catalogue });
        Assert.True(plan.Feasible);
        var warning = Assert.Single(plan.Warnings, w => w.Code == "small-window");
        Assert.Equal(PlanWarningSeverity.Caution, warning.Severity);
        Assert.Contains("mm²", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatcher_SendsGastrostomyHereAndTheDispatcherPlansTheSame()
    {
        Assert.Equal("gastrostomy", ProcedurePlanner.PlannerFor(fixture.Procedure));
        Assert.Equal(fixture.Plan.ToJson(), ProcedurePlanner.Plan(fixture.Input).ToJson());
    }

    [Fact]
    public void Plan_ManualEntry_EvaluatesTheDoctorsRouteFirst()
    {
        var auto = fixture.Plan.Routes[0];
        var safe = GastrostomyPlanner.Plan(fixture.Input with { ManualEntry = auto.Entry, Target = auto.Tip });
        Assert.Equal("manual", safe.Method);
        Assert.True(safe.Feasible);
        Assert.Equal(auto.Entry, safe.Routes[0].Entry);
        Assert.Equal(auto.Tip, safe.Routes[0].Tip);

        // From the right edge of the liver to the same point: the route crosses the liver, unsafe, said in plain words.
        var liver = fixture.Phantom.Labels;
        var g = liver.Geometry;
        var throughLiver = Enumerable.Range(0, liver.Voxels.Length).Where(n => liver.Voxels[n] == (byte)TissueLabel.Liver)
            .Select(n => g.IndexToWorld(g.VoxelAt(n))).MinBy(p => p.X)!;
        var unsafePlan = GastrostomyPlanner.Plan(fixture.Input with { ManualEntry = throughLiver, Target = auto.Tip });
        Assert.False(unsafePlan.Feasible);
        Assert.False(unsafePlan.Routes[0].IsSafe);
        Assert.Contains(unsafePlan.Warnings, w => w.Code == "unsafe-manual" && w.Severity == PlanWarningSeverity.Danger);
    }

    [Fact]
    public void Plan_NoStomach_ThrowsPlainWords()
    {
        var empty = new Volume<byte>(fixture.Phantom.Labels.Geometry);
        var ex = Assert.Throws<PlanningException>(() => GastrostomyPlanner.Plan(fixture.Input with { Labels = empty }));
        Assert.Contains("no stomach", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_StomachBehindLiverEverywhere_IsInfeasibleWithAWarning()
    {
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        var shielded = new Volume<byte>(g, (byte[])labels.Voxels.Clone());
        // Every fat and muscle voxel in front of the stomach's middle becomes liver.
        var middle = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == (byte)TissueLabel.Stomach).Average(n => g.IndexToWorld(g.VoxelAt(n)).Y);
        for (var n = 0; n < shielded.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            if (shielded.Voxels[n] is (byte)TissueLabel.Fat or (byte)TissueLabel.Muscle && p.Y < middle)
            {
                shielded.Voxels[n] = (byte)TissueLabel.Liver;
            }
        }

        var plan = GastrostomyPlanner.Plan(fixture.Input with { Labels = shielded });
        Assert.False(plan.Feasible);
        Assert.Empty(plan.Routes);
        Assert.Contains(plan.Warnings, w => w.Code == "no-window" && w.Severity == PlanWarningSeverity.Danger);
    }

    /// <summary>The last point inside the body along the ray (0.05 mm steps), or null when the ray leaves the grid first or runs past the needle.</summary>
    private WorldPoint? March(Volume<byte> labels, WorldPoint p, Vector3D d)
    {
        var g = labels.Geometry;
        var last = p;
        for (var s = 0.05; s < Needle + 10; s += 0.05)
        {
            var q = p + (d * s);
            if (!g.TryGetVoxel(q, out var v))
            {
                return null;
            }

            if (labels[v] == (byte)TissueLabel.Background)
            {
                return last;
            }

            last = q;
        }

        return null;
    }
}
