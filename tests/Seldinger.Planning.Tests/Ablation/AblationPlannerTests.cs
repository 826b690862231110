using Seldinger.Imaging;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Ablation;

public class AblationPlannerTests
{
    private static readonly Lazy<WholeBodyPhantomResult> LiverTumor = new(() =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", Size = 96, NoiseSigmaHu = 0 }));

    private static PlanningInput Input(WholeBodyPhantomResult phantom, string procedure) =>
        PlanningInput.FromPhantom(phantom, ProcedureCatalogue.Default.Find(procedure)!, ProcedureCatalogue.Default);

    [Fact]
    public void Plan_LiverTumor_CoversTumorWithSafeProbeRoutesAndAgreesWithItsOwnEvaluation()
    {
        var input = Input(LiverTumor.Value, "rf-ablation");

        var outcome = AblationPlanner.Plan(input);

        var summary = outcome.Plan.Ablation!;
        Assert.Equal("rf-ablation", outcome.Plan.ProcedureId);
        Assert.Equal(AblationModality.Radiofrequency, summary.Modality);
        Assert.Equal(summary.Probes.Count, outcome.Plan.Routes.Count);
        Assert.All(outcome.Plan.Routes, r => Assert.Equal("probe", r.Kind));
        Assert.All(summary.Probes.Zip(outcome.Plan.Routes), pair =>
        {
            Assert.Equal(pair.First.Entry, pair.Second.Entry);
            Assert.Equal(pair.First.Tip, pair.Second.Tip);
        });

        // The summary is the evaluation of the zone the planner returns, recomputed independently here.
        var again = AblationEvaluator.Evaluate(input.Labels, TissueLabel.Lesion, new TableZoneModel().Predict(new AblationZoneRequest(input.Labels, summary.Probes, AblationDeviceLibrary.LoadDefault())), input.Procedure);
        Assert.Equal(again.Coverage[0].Fraction, summary.Coverage[0].Fraction, 12);
        Assert.Equal(again.Margins.MinimalMarginMm, summary.MinimalMarginMm, 6);
        Assert.Equal(outcome.Zone.Lethal.Voxels, new TableZoneModel().Predict(new AblationZoneRequest(input.Labels, summary.Probes, AblationDeviceLibrary.LoadDefault())).Lethal.Voxels);

        // The tumor itself is covered, and the plan says feasible only when nothing dangerous remains.
        Assert.Equal(1.0, summary.Coverage[0].Fraction);
        Assert.Equal(
            outcome.Plan.Routes.All(r => r.IsSafe) && !summary.StructuresAtRisk.Any(r => r.Severity == PlanWarningSeverity.Danger),
            outcome.Plan.Feasible);
        Assert.True(summary.Alternatives[0].Chosen);

        // The plan travels as JSON with its ablation part.
        var back = ProcedurePlan.FromJson(outcome.Plan.ToJson());
        Assert.Equal(summary.MinimalMarginMm, back.Ablation!.MinimalMarginMm);
        Assert.Equal(summary.Probes.Count, back.Ablation.Probes.Count);
        Assert.Equal("ablation", ProcedurePlanner.PlannerFor(input.Procedure));

        // Stored plans keep the method in a 20-character column (SQLite ignores the limit, PostgreSQL does not).
        Assert.InRange(outcome.Plan.Method.Length, 1, 20);
    }

    [Fact]
    public void Plan_ManualProbeMissingTheTumor_WarnsDangerAndIsNotFeasible()
    {
        var phantom = LiverTumor.Value;
        var input = Input(phantom, "rf-ablation");
        var library = AblationDeviceLibrary.LoadDefault();
        var device = library.DefaultDeviceFor("rf-ablation");
        var setting = device.Settings[0];
        var centre = phantom.Target.Center;

        // A probe whose zone sits 40 mm to the patient's left of the tumor, entering from the left flank.
        var tip = centre + new Imaging.Geometry.Vector3D(40, 0, 0);
        var entry = tip + new Imaging.Geometry.Vector3D(60, 0, 0);
        var outcome = AblationPlanner.Plan(input, new AblationPlanOptions { ManualProbes = [new AblationProbe(device.Id, setting.Id, entry, tip)] });

        Assert.False(outcome.Plan.Feasible);
        Assert.True(outcome.Plan.Ablation!.MinimalMarginMm < 0);
        Assert.Contains(outcome.Plan.Warnings, w => w.Code == "tumor-not-covered" && w.Severity == PlanWarningSeverity.Danger);
    }

    [Fact]
    public void Plan_BadInput_ClearErrors()
    {
        var input = Input(LiverTumor.Value, "rf-ablation");
        var library = AblationDeviceLibrary.LoadDefault();
        var cryo = library.DevicesOf(AblationModality.Cryo)[0];
        Assert.Contains("needs Radiofrequency", Assert.Throws<PlanningException>(() => AblationPlanner.Plan(input, new AblationPlanOptions { DeviceId = cryo.Id })).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown ablation device", Assert.Throws<PlanningException>(() => AblationPlanner.Plan(input, new AblationPlanOptions { DeviceId = "no-such" })).Message, StringComparison.Ordinal);
        Assert.Throws<PlanningException>(() => AblationPlanner.Plan(input, new AblationPlanOptions { MarginMm = -1 }));
        Assert.Throws<PlanningException>(() => AblationPlanner.Plan(input with { Procedure = ProcedureCatalogue.Default.Find("biopsy-deep")! }));
        var rf = library.DefaultDeviceFor("rf-ablation");
        var outside = new AblationProbe(rf.Id, rf.Settings[0].Id, new Imaging.Geometry.WorldPoint(1e4, 0, 0), new Imaging.Geometry.WorldPoint(1e4, 10, 0));
        Assert.Contains("outside the volume", Assert.Throws<PlanningException>(() => AblationPlanner.Plan(input, new AblationPlanOptions { ManualProbes = [outside] })).Message, StringComparison.Ordinal);
    }
}
