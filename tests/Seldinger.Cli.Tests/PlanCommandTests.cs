using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning;
using Seldinger.Planning.Plans;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

/// <summary>
/// <c>seldinger plan</c> on a phantom library case (96² slices, so each run is a few seconds) and on a stored case:
/// the JSON is the library's plan for the same input, a manual entry through bone is refused with exit code 3 and a
/// danger warning, usage errors exit 2.
/// </summary>
public sealed class PlanCommandTests : IDisposable
{
    private const string Size = "96";

    private static readonly Lazy<WholeBodyPhantomResult> LiverTumor = new(() => WholeBodyPhantom.Generate(new WholeBodyPhantomOptions
    {
        Case = "liver-tumor",
        AgeYears = 5,
        Size = 96,
    }));

    private readonly TemporaryDirectory _dir = new("seldinger-plan-cli");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Plan_LiverTumorBiopsyJson_IsTheLibrarysPlanWithASafeRoute()
    {
        var (code, stdout, stderr) = CliRunner.Run("plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--size", Size, "--json");
        Assert.True(code == 0, stderr);
        var plan = ProcedurePlan.FromJson(stdout);
        Assert.True(plan.Feasible);
        Assert.True(plan.Routes[0].IsSafe);
        Assert.Equal("needle", plan.Routes[0].Kind);
        Assert.Equal("biopsy-deep", plan.ProcedureId);
        Assert.Equal(ProcedureCatalogue.Default.Digest, plan.CatalogueDigest);

        // The same input planned in this process gives the same plan: the command adds nothing and drops nothing.
        var catalogue = ProcedureCatalogue.Default;
        var expected = ProcedurePlanner.Plan(PlanningInput.FromPhantom(LiverTumor.Value, catalogue.Find("biopsy-deep")!, catalogue));
        Assert.Equal(expected.ToJson(), plan.ToJson());
        Assert.Equal(LiverTumor.Value.Target.Center, plan.Target);
    }

    [Fact]
    public void Plan_Summary_ListsRoutesClearancesMeasurementsAndRejections()
    {
        var output = Path.Combine(_dir.Path, "out", "plan.json");
        var (code, stdout, stderr) = CliRunner.Run("plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--size", Size, "--out", output);
        Assert.True(code == 0, stderr);
        var plan = ProcedurePlan.FromJson(File.ReadAllText(output));
        Assert.Contains("a safe route exists", stdout, StringComparison.Ordinal);
        Assert.Contains("length mm", stdout, StringComparison.Ordinal);
        // Route 1's length and angle as the table prints them.
        var first = plan.Routes[0];
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{first.LengthMm,10:0.0} {first.InsertionAngleDeg!.Value,8:0.0} yes"), stdout, StringComparison.Ordinal);
        foreach (var c in first.Clearances)
        {
            Assert.Contains(c.Structure, stdout, StringComparison.Ordinal);
        }

        foreach (var m in plan.Measurements)
        {
            Assert.Contains(m.Name, stdout, StringComparison.Ordinal);
        }

        foreach (var (reason, count) in plan.Rejections)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{reason}: {count:N0}"), stdout, StringComparison.Ordinal);
        }

        Assert.Contains(output, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ManualEntryThroughBone_DangerWarningAndExitCode3()
    {
        var entry = SkinEntryCrossing(LiverTumor.Value, TissueLabel.Bone);
        var entryText = string.Create(CultureInfo.InvariantCulture, $"{entry.X:R},{entry.Y:R},{entry.Z:R}");
        var json = CliRunner.Run("plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--size", Size, "--entry", entryText, "--json");
        Assert.True(json.ExitCode == 3, json.Stderr + json.Stdout);
        var plan = ProcedurePlan.FromJson(json.Stdout);
        Assert.False(plan.Feasible);
        Assert.Equal("manual", plan.Method);
        Assert.False(plan.Routes[0].IsSafe);
        Assert.True(plan.Routes[0].Entry.DistanceTo(entry) < 1e-6);
        Assert.Contains(plan.Warnings, w => w.Severity == PlanWarningSeverity.Danger && w.Structure == "Bone");
        Assert.Contains(plan.Routes[0].Clearances, c => c.Structure == "Bone" && c.Crossed);

        var text = CliRunner.Run("plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--size", Size, "--entry", entryText);
        Assert.Equal(3, text.ExitCode);
        Assert.Contains("NO SAFE ROUTE", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("DANGER", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("CROSSED", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PlannerRefuses_ExitCode4WithTheReason()
    {
        var catalogue = ProcedureCatalogue.Default;
        var expected = Assert.Throws<PlanningException>(() =>
            ProcedurePlanner.Plan(PlanningInput.FromPhantom(LiverTumor.Value, catalogue.Find("picc")!, catalogue)));
        var (code, stdout, stderr) = CliRunner.Run("plan", "--case", "liver-tumor", "--procedure", "picc", "--size", Size);
        Assert.Equal(4, code);
        Assert.Empty(stdout);
        Assert.Contains("planning is not possible: " + expected.Message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("valid ids: angiography", "plan", "--case", "liver-tumor", "--procedure", "heart-transplant")]
    [InlineData("--procedure", "plan", "--case", "liver-tumor")]
    [InlineData("not both", "plan", "--case", "liver-tumor", "--case-id", "00000000-0000-0000-0000-000000000001", "--procedure", "biopsy-deep")]
    [InlineData("--case NAME", "plan", "--procedure", "biopsy-deep")]
    [InlineData("valid cases", "plan", "--case", "dragon-bite", "--procedure", "biopsy-deep")]
    [InlineData("--size", "plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--size", "4096")]
    [InlineData("--age", "plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--age", "40")]
    [InlineData("--entry", "plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--entry", "1,2")]
    [InlineData("outside", "plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--size", "32", "--target", "9000,0,0")]
    [InlineData("--case-id", "plan", "--case-id", "not-a-guid", "--procedure", "biopsy-deep")]
    [InlineData("Unknown option --bogus", "plan", "--case", "liver-tumor", "--procedure", "biopsy-deep", "--size", "32", "--bogus", "1")]
    public void Plan_UsageErrors_Exit2WithTheReason(string expected, params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_StoredCase_PlansThroughTheStoreAndDemoTellsHowToAddMore()
    {
        var data = Path.Combine(_dir.Path, "data");
        var demo = CliRunner.Run("demo", "--no-serve", "--data", data, "--case", "liver-tumor", "--size", Size);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        Assert.Contains("/api/library-cases", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("seldinger plan --data", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("a safe route exists", demo.Stdout, StringComparison.Ordinal);
        var caseId = demo.Stdout.Split("/cases/", 2)[1][..36];

        var (code, stdout, stderr) = CliRunner.Run("plan", "--data", data, "--case-id", caseId, "--procedure", "biopsy-deep", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("Stored as plan", stderr, StringComparison.Ordinal);
        var plan = ProcedurePlan.FromJson(stdout);
        Assert.True(plan.Routes[0].IsSafe);
        // The stored case is the same phantom (through DICOM and NRRD), so the route ends at the same lesion.
        Assert.True(plan.Routes[0].Tip.DistanceTo(LiverTumor.Value.Target.Center) <= LiverTumor.Value.Target.SizeMm / 2);

        // The demo again finds the case instead of making another.
        var again = CliRunner.Run("demo", "--no-serve", "--data", data, "--case", "liver-tumor", "--size", Size);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already in the store", again.Stdout, StringComparison.Ordinal);

        var unknown = CliRunner.Run("plan", "--data", data, "--case-id", Guid.NewGuid().ToString(), "--procedure", "biopsy-deep");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No case has id", unknown.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A skin voxel centre whose straight path to the target passes through <paramref name="label"/> (brute force, sampled every 0.25 mm).</summary>
    private static WorldPoint SkinEntryCrossing(WholeBodyPhantomResult phantom, TissueLabel label)
    {
        var labels = phantom.Labels;
        var g = labels.Geometry;
        var target = phantom.Target.Center;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (labels.Voxels[i + (g.SizeI * (j + (g.SizeJ * k)))] != (byte)TissueLabel.Skin)
                    {
                        continue;
                    }

                    var entry = g.IndexToWorld(new ContinuousIndex(i, j, k));
                    var length = entry.DistanceTo(target);
                    var steps = (int)Math.Ceiling(length / 0.25);
                    var hits = 0;
                    for (var s = 1; s < steps; s++)
                    {
                        if (g.TryGetVoxel(entry.Lerp(target, (double)s / steps), out var v)
                            && labels.Voxels[v.I + (g.SizeI * (v.J + (g.SizeJ * v.K)))] == (byte)label)
                        {
                            hits++;
                        }
                    }

                    // Well inside the bone, not grazing it, and a path short enough for the planner's length limit not to be the only reason.
                    if (hits * 0.25 >= 5 && length < 90)
                    {
                        return entry;
                    }
                }
            }
        }

        throw new InvalidOperationException($"No skin entry crosses {label}.");
    }
}
