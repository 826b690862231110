using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Needles;
using Seldinger.Planning.Plans;
using static Seldinger.Planning.Tests.Needles.NeedleTestGeometry;

namespace Seldinger.Planning.Tests.Needles;

/// <summary><see cref="NeedleRoutePlanner"/> on the needle phantom cases, checked against brute-force geometry.</summary>
public class NeedleRoutePlannerTests
{
    private static readonly string[] NeedleCases =
        ["liver-tumor", "osteoid-osteoma-femur", "renal-mass", "pleural-effusion", "ascites", "deep-abscess", "knee-effusion", "hip-effusion"];

    private static ProcedureCatalogue Catalogue => ProcedureCatalogue.Default;

    /// <summary>Every (phantom case, procedure) pair the catalogue lists for the needle planner on the needle cases.</summary>
    public static TheoryData<string, string> CaseProcedures()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in Catalogue.Procedures.Where(p => ProcedurePlanner.PlannerFor(p) is "needle" or "ablation"))
        {
            foreach (var c in p.PhantomCases.Where(c => NeedleCases.Contains(c)))
            {
                data.Add(c, p.Id);
            }
        }

        return data;
    }

    private static PlanningInput Input(string phantomCase, string procedure, bool withTarget = false) =>
        PlanningInput.FromPhantom(Phantom(phantomCase), Catalogue.Find(procedure)!, Catalogue) is var input && withTarget ? input : input with { Target = null };

    [Fact]
    public void CaseProcedures_CoverEveryNeedleCase()
    {
        var cases = CaseProcedures().Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(NeedleCases.Order(), cases.Order());
    }

    [Theory]
    [MemberData(nameof(CaseProcedures))]
    public void Plan_NeedlePhantomCase_ChosenRouteKeepsEveryHardConstraintByBruteForce(string phantomCase, string procedureId)
    {
        var input = Input(phantomCase, procedureId);
        var procedure = input.Procedure;
        var labels = input.Labels;
        var g = labels.Geometry;
        var plan = NeedleRoutePlanner.Plan(input);

        Assert.True(plan.Feasible, string.Join("; ", plan.Warnings.Select(w => w.Message)));
        Assert.Equal("needle", plan.Planner);
        Assert.Equal("automatic", plan.Method);
        Assert.Equal(Catalogue.Digest, plan.CatalogueDigest);
        Assert.Equal(Catalogue.Version, plan.CatalogueVersion);
        Assert.NotEmpty(plan.Routes);
        Assert.NotEmpty(plan.ParetoFront);
        Assert.True(plan.CandidatesConsidered > plan.Rejections.Values.Sum());

        var route = plan.Routes[0];
        var (entry, target) = (route.Points[0], route.Points[1]);
        Assert.Equal(plan.Target, target);
        Assert.True(g.TryGetVoxel(entry, out var ev));
        Assert.True(IsOuterSkin(labels, ev.I, ev.J, ev.K), "the entry is an outer skin voxel");
        Assert.True(procedure.Targets.Contains((TissueLabel)labels[g.WorldToIndex(target) is var t ? new VoxelIndex((int)Math.Round(t.I), (int)Math.Round(t.J), (int)Math.Round(t.K)) : default]), "the target lies in a target label");

        // Length within the device.
        Assert.True(entry.DistanceTo(target) <= DeviceLength(procedure) + 1e-9);
        Assert.Equal(entry.DistanceTo(target), route.LengthMm, 9);

        // No forbidden label on a dense walk (boundary-ambiguous points aside).
        var walked = DenseWalk(labels, entry, target, out _);
        var forbidden = Forbidden(procedure);
        Assert.Empty(walked.Intersect(forbidden));

        // Every margin by brute force over the voxels of each structure, within the distance-map tolerance.
        var tolerance = Tolerance(g);
        Assert.Equal(procedure.Protect.Count, route.Clearances.Count);
        foreach (var p in procedure.Protect)
        {
            var reported = route.Clearances.Single(c => c.Structure == p.Label.ToString());
            Assert.False(reported.Violates);
            var exact = p.Label == TissueLabel.Skin
                ? BruteDistance(labels, target, target, (byte)p.Label)
                : BruteDistance(labels, entry, target, (byte)p.Label);
            if (double.IsPositiveInfinity(exact))
            {
                Assert.Null(reported.DistanceMm);
                continue;
            }

            Assert.True(exact >= p.MinimumClearanceMm - tolerance, $"{p.Label}: {exact:0.00} mm < {p.MinimumClearanceMm} − {tolerance:0.00}");
            Assert.InRange(reported.DistanceMm!.Value, exact - tolerance, exact + tolerance);
        }

        // The plan is complete and JSON-safe.
        Assert.Contains(plan.Points, p => p.Role == "target");
        Assert.Contains(plan.Points, p => p.Role == "entry" && p.Point == entry);
        Assert.Contains(plan.Measurements, m => m.Name == "path length");
        Assert.NotEmpty(plan.Devices);
        Assert.All(plan.Devices, d => Assert.Contains(d, procedure.Devices));
        var json = plan.ToJson();
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SameInputTwice_IdenticalJson()
    {
        var input = Input("pleural-effusion", "pleural-drain");
        Assert.Equal(NeedleRoutePlanner.Plan(input).ToJson(), NeedleRoutePlanner.Plan(input).ToJson());
    }

    [Theory]
    [InlineData("knee-effusion", "joint-aspiration", TissueLabel.JointEffusion)]
    [InlineData("deep-abscess", "abscess-drainage-deep", TissueLabel.Abscess)]
    public void Plan_CollectionWithoutTarget_TargetIsTheBruteForceDeepestPoint(string phantomCase, string procedureId, TissueLabel collection)
    {
        var input = Input(phantomCase, procedureId);
        var plan = NeedleRoutePlanner.Plan(input);
        var (depth, _) = BruteDeepest(input.Labels, (byte)collection);

        Assert.StartsWith("deepest point of the collection", plan.TargetReason, StringComparison.Ordinal);
        var reported = plan.Measurements.Single(m => m.Name == "target pocket depth").Value;
        Assert.Equal(depth, reported, 3);

        // The chosen target itself is that deep (a maximum, not just a value equal to it).
        var g = input.Labels.Geometry;
        Assert.True(g.TryGetVoxel(plan.Target!.Value, out var tv));
        Assert.Equal((byte)collection, input.Labels[tv]);
        var own = Enumerable.Range(0, input.Labels.Voxels.Length)
            .Where(n => input.Labels.Voxels[n] != (byte)collection)
            .Select(n => g.IndexToWorld(g.VoxelAt(n)).DistanceTo(plan.Target!.Value))
            .Min();
        Assert.Equal(depth, own, 3);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{depth:0.0} mm from its wall"), plan.TargetReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LesionWithoutTarget_TargetIsTheLesionCentroid()
    {
        var input = Input("liver-tumor", "biopsy-deep");
        var g = input.Labels.Geometry;
        var lesion = Enumerable.Range(0, input.Labels.Voxels.Length).Where(n => input.Labels.Voxels[n] == (byte)TissueLabel.Lesion).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToList();
        var centroid = new WorldPoint(lesion.Average(p => p.X), lesion.Average(p => p.Y), lesion.Average(p => p.Z));
        var plan = NeedleRoutePlanner.Plan(input);
        Assert.True(plan.Target!.Value.DistanceTo(centroid) < 1e-6);
        Assert.True(centroid.DistanceTo(Phantom("liver-tumor").Target.Center) < g.VoxelHalfDiagonal * 2);
    }

    [Fact]
    public void Plan_BadInput_PlainPlanningException()
    {
        var input = Input("liver-tumor", "biopsy-deep");
        var outside = Assert.Throws<PlanningException>(() => NeedleRoutePlanner.Plan(input with { Target = new WorldPoint(1e4, 0, 0) }));
        Assert.Contains("outside the volume", outside.Message, StringComparison.Ordinal);

        var noTarget = Assert.Throws<PlanningException>(() => NeedleRoutePlanner.Plan(Input("knee-effusion", "biopsy-deep")));
        Assert.Contains("no Lesion voxels", noTarget.Message, StringComparison.Ordinal);

        var vascular = Catalogue.Procedures.First(p => p.Route == RouteKind.Vascular);
        Assert.Throws<PlanningException>(() => NeedleRoutePlanner.Plan(input with { Procedure = vascular }));

        var noNeedle = input.Procedure with { Devices = [] };
        Assert.Contains("no needle or probe", Assert.Throws<PlanningException>(() => NeedleRoutePlanner.Plan(input with { Procedure = noNeedle })).Message, StringComparison.Ordinal);

        var manualOutside = input with { ManualEntry = new WorldPoint(0, 0, -1e4) };
        Assert.Contains("outside the volume", Assert.Throws<PlanningException>(() => NeedleRoutePlanner.Plan(manualOutside)).Message, StringComparison.Ordinal);
    }
}
