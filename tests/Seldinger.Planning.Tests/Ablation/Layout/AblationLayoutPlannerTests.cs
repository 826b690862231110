using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Ablation.Layout;
using Seldinger.Planning.Needles;
using Seldinger.Planning.Plans;
using static Seldinger.Planning.Tests.Ablation.Layout.LayoutTestCases;

namespace Seldinger.Planning.Tests.Ablation.Layout;

public sealed class AblationLayoutPlannerTests
{
    private static readonly Lazy<Volume<byte>> SmallTumor = new(() =>
        Body(1.5, 64, 40, p => p.DistanceTo(new WorldPoint(3, -2, 1)) <= 6 ? TissueLabel.Lesion : null));

    private static readonly Lazy<Volume<byte>> LongTumor = new(() =>
        Body(1.5, 64, 40, p => Math.Pow((p.X - 2) / 21, 2) + Math.Pow(p.Y / 6, 2) + Math.Pow(p.Z / 6, 2) <= 1 ? TissueLabel.Lesion : null));

    [Fact]
    public void Plan_TumorSmallerThanTheZone_OneProbeCoversTumorPlusFiveMillimetres()
    {
        var labels = SmallTumor.Value;
        var result = AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = Input(labels, "rf-ablation"), DeviceId = "cooltip-act-3cm", MarginMm = 5 });

        Assert.NotNull(result.Chosen);
        Assert.True(result.Feasible);
        Assert.Single(result.Chosen.Probes);
        Assert.Equal(1.0, result.Chosen.MarginCoverage);
        Assert.Equal(1.0, result.Chosen.TargetCoverage);
        Assert.True(result.Chosen.MinimalMarginMm >= 5 - 1e-6, $"minimal margin {result.Chosen.MinimalMarginMm}");

        // Independent check: the table model's zone at the chosen probe holds every voxel within 5 mm of the tumor.
        var grown = Grown(labels, TissueLabel.Lesion, 5);
        Assert.Equal(1.0, Covered(grown, Zone(labels, result.Chosen)));
        Assert.Equal(grown.Count(b => b) * 1.5 * 1.5 * 1.5 / 1000, result.GrownTargetVolumeMl, 6);
    }

    [Fact]
    public void Plan_TumorLongerThanOneZone_TwoOrMoreProbesCoverIt()
    {
        var labels = LongTumor.Value;
        var result = AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = Input(labels, "rf-ablation"), DeviceId = "cooltip-act-3cm", MarginMm = 5 });

        Assert.NotNull(result.Chosen);
        Assert.True(result.Feasible);
        Assert.InRange(result.Chosen.Probes.Count, 2, 4);
        Assert.True(result.Chosen.MarginCoverage >= 0.99);
        var grown = Grown(labels, TissueLabel.Lesion, 5);
        Assert.True(Covered(grown, Zone(labels, result.Chosen)) >= 0.99);

        // Fewest probes: every one-probe layout tried fell short.
        Assert.DoesNotContain(result.Alternatives, a => a.Probes.Count < result.Chosen.Probes.Count && a.MarginCoverage >= 0.99);
    }

    [Fact]
    public void Plan_EveryProbePath_IsASafeNeedleRouteOfTheProcedure()
    {
        var labels = LongTumor.Value;
        var input = Input(labels, "rf-ablation");
        var result = AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, DeviceId = "cooltip-act-3cm", MarginMm = 5 });
        Assert.NotNull(result.Chosen);
        foreach (var probe in result.Chosen.Probes)
        {
            var plan = NeedleRoutePlanner.Plan(input with { Target = probe.Tip, ManualEntry = probe.Entry });
            Assert.True(plan.Feasible, string.Join("; ", plan.Warnings.Select(w => w.Message)));
            Assert.True(probe.InsertedLengthMm <= 150);
        }
    }

    [Fact]
    public void Plan_BowelNextToTumor_ChosenZoneLeavesItOut()
    {
        var bowel = new WorldPoint(17, 0, 0);
        var labels = Body(1.5, 64, 40, p =>
            p.DistanceTo(WorldPoint.Origin) <= 5 ? TissueLabel.Lesion
            : p.DistanceTo(bowel) <= 4 ? TissueLabel.Bowel
            : null);
        var input = Input(labels, "rf-ablation");

        // A 3 cm-tip zone centred on the tumor (its centre 15 mm behind the tip) takes the bowel in.
        var centred = new TableZoneModel().Predict(new AblationZoneRequest(
            labels, [new AblationProbe("cooltip-act-3cm", "200W-12min", new WorldPoint(0, -60, 0), new WorldPoint(0, 15, 0))], AblationDeviceLibrary.LoadDefault()));
        Assert.Contains(Enumerable.Range(0, labels.Voxels.Length), n => labels.Voxels[n] == (byte)TissueLabel.Bowel && centred.Lethal.Voxels[n] != 0);

        var result = AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, MarginMm = 5, MaximumCandidateTips = 50 });
        Assert.NotNull(result.Chosen);
        Assert.True(result.Feasible);
        var zone = Zone(labels, result.Chosen);
        Assert.DoesNotContain(Enumerable.Range(0, labels.Voxels.Length), n => labels.Voxels[n] == (byte)TissueLabel.Bowel && zone.Lethal.Voxels[n] != 0);
        Assert.True(Covered(Grown(labels, TissueLabel.Lesion, 5), zone) >= 0.99);
    }

    [Fact]
    public void Plan_GreedyAgainstExhaustiveOnASmallGrid_SameOrBetterObjective()
    {
        var labels = LongTumor.Value;
        var request = new AblationLayoutRequest
        {
            Input = Input(labels, "rf-ablation"),
            DeviceId = "cooltip-act-3cm",
            SettingId = "200W-12min",
            MarginMm = 5,
            ProbeCount = 2,
            GridStepMm = 9,
            MaximumCandidateTips = 30,
            MaximumApproaches = 1,
        };
        var greedy = AblationLayoutPlanner.Plan(request);
        var exhaustive = AblationLayoutPlanner.Plan(request with { Search = AblationLayoutSearch.Exhaustive });
        Assert.NotNull(greedy.Chosen);
        Assert.NotNull(exhaustive.Chosen);
        Assert.True(greedy.Chosen.Score <= exhaustive.Chosen.Score + 2, $"greedy {greedy.Chosen.Score:0.00}, exhaustive {exhaustive.Chosen.Score:0.00}");
        Assert.True(exhaustive.Chosen.Score <= greedy.Chosen.Score + 1e-9, "the exhaustive search must find the best layout of its grid");
    }

    [Fact]
    public void Plan_Cryo_ProbesKeepTheSpacingRulesAndTheTumorEdgeDistance()
    {
        var centre = new WorldPoint(0, 0, 0);
        var labels = Body(1.5, 64, 40, p => p.DistanceTo(centre) <= 8 ? TissueLabel.Lesion : null);
        var input = Input(labels, "cryoablation");
        var result = AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, DeviceId = "icerod-17g", MarginMm = 3 });
        Assert.NotNull(result.Chosen);
        var tips = result.Chosen.Probes.Select(p => p.Tip).ToList();
        Assert.True(tips.Count >= 2);
        var minimum = input.Procedure.Parameters.Single(p => p.Name == "probeSpacingMm").Value;
        foreach (var a in tips)
        {
            var others = tips.Where(b => b != a).Select(b => a.DistanceTo(b)).ToList();
            Assert.True(others.Min() >= minimum, $"probes {others.Min():0.0} mm apart, at least {minimum} asked");
            if (result.Feasible)
            {
                Assert.True(others.Min() <= 20);
            }

            // Tumor edge by brute force: the tip's distance to the nearest voxel on the other side of the edge.
            var inside = labels[labels.Geometry.WorldToIndex(a).Round()] == (byte)TissueLabel.Lesion;
            var edge = Enumerable.Range(0, labels.Voxels.Length)
                .Where(n => (labels.Voxels[n] == (byte)TissueLabel.Lesion) != inside)
                .Min(n => labels.Geometry.IndexToWorld(labels.Geometry.VoxelAt(n)).DistanceTo(a));
            Assert.True(edge <= 10 + 1e-6, $"tip {edge:0.0} mm from the tumor edge");
        }
    }

    [Fact]
    public void Plan_LiverTumorPhantom_ChoosesACoveringLayoutWithSafeRoutes()
    {
        var phantom = Needles.NeedleTestGeometry.Phantom("liver-tumor");
        var input = PlanningInput.FromPhantom(phantom, ProcedureCatalogue.Default.Find("mw-ablation")!, ProcedureCatalogue.Default);
        var result = AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input });

        Assert.NotNull(result.Chosen);
        Assert.True(result.Chosen.Chosen);
        Assert.True(result.Feasible);
        Assert.Equal(5, result.MarginMm);
        Assert.True(result.Chosen.MarginCoverage >= 0.99, $"coverage {result.Chosen.MarginCoverage:P1}; rejections: {string.Join(", ", result.Rejections.Select(r => $"{r.Key} {r.Value}"))}");
        Assert.All(result.Alternatives.Skip(1), a => Assert.False(a.Chosen));
        Assert.Equal(result.Alternatives.OrderBy(a => a.Score).Select(a => a.Label), result.Alternatives.Select(a => a.Label));
        Assert.True(Covered(Grown(phantom.Labels, TissueLabel.Lesion, 5), Zone(phantom.Labels, result.Chosen)) >= 0.99);
        foreach (var probe in result.Chosen.Probes)
        {
            Assert.True(NeedleRoutePlanner.Plan(input with { Target = probe.Tip, ManualEntry = probe.Entry }).Feasible);
        }
    }

    [Fact]
    public void Plan_SameInputTwice_SameLayout()
    {
        var request = new AblationLayoutRequest { Input = Input(SmallTumor.Value, "rf-ablation"), DeviceId = "cooltip-act-3cm", MarginMm = 5 };
        var a = AblationLayoutPlanner.Plan(request);
        var b = AblationLayoutPlanner.Plan(request);
        Assert.Equal(a.Alternatives.Select(x => (x.Label, x.Score, x.Probes.Count)), b.Alternatives.Select(x => (x.Label, x.Score, x.Probes.Count)));
        Assert.Equal(a.Chosen!.Probes, b.Chosen!.Probes);
    }

    [Fact]
    public void Plan_BadRequests_PlanningException()
    {
        var input = Input(SmallTumor.Value, "rf-ablation");
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, MaxProbes = 0 }));
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, CoverageThreshold = 1.5 }));
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, MarginMm = double.NaN }));
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, DeviceId = "icerod-17g" }));
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, DeviceId = "nope" }));
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = input, SettingId = "nope" }));
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = Input(SmallTumor.Value, "biopsy-deep") }));
        var noTumor = Body(1.5, 32, 16, _ => null);
        Assert.Throws<PlanningException>(() => AblationLayoutPlanner.Plan(new AblationLayoutRequest { Input = Input(noTumor, "rf-ablation") }));
    }
}
