using System.Globalization;
using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Ablation.Confirmation;
using Seldinger.Planning.Plans;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

/// <summary>
/// <c>seldinger ablate</c> on a small liver-tumor phantom: the JSON is the library's plan for the same input, the exit
/// code follows the plan, the summary prints its numbers, <c>--out</c> writes maps that agree with the plan, the device
/// listing, and one-line usage errors (exit 2) for bad options and a broken device file.
/// </summary>
public sealed class AblateCommandTests : IDisposable
{
    private const string Size = "64";

    private static readonly Lazy<WholeBodyPhantomResult> LiverTumor = new(() => WholeBodyPhantom.Generate(new WholeBodyPhantomOptions
    {
        Case = "liver-tumor",
        AgeYears = 5,
        Size = 64,
    }));

    private readonly TemporaryDirectory _dir = new("seldinger-ablate-cli");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Ablate_LiverTumorJson_IsTheLibrarysPlanForTheSameInput()
    {
        var (code, stdout, stderr) = CliRunner.Run("ablate", "--case", "liver-tumor", "--size", Size, "--json");
        Assert.True(code is 0 or 3, stderr);
        var plan = ProcedurePlan.FromJson(stdout);

        // The default procedure is the catalogue's first ablation made for the case.
        Assert.Equal("rf-ablation", plan.ProcedureId);
        Assert.Equal(plan.Feasible ? 0 : 3, code);
        Assert.NotNull(plan.Ablation);

        var catalogue = ProcedureCatalogue.Default;
        var procedure = catalogue.Find("rf-ablation")!;
        var input = PlanningInput.FromPhantom(LiverTumor.Value, procedure, catalogue);
        var expected = AblationPlanner.Plan(input).Plan;
        Assert.Equal(expected.ToJson(), plan.ToJson());

        // The same probes given as the operator's are evaluated as given: the same zone.
        var probeArgs = plan.Ablation!.Probes.SelectMany(p => new[]
        {
            "--probe",
            string.Create(CultureInfo.InvariantCulture, $"{p.DeviceId}:{p.SettingId}:{p.Entry.X:R},{p.Entry.Y:R},{p.Entry.Z:R}:{p.Tip.X:R},{p.Tip.Y:R},{p.Tip.Z:R}"),
        });
        var manual = CliRunner.Run(["ablate", "--case", "liver-tumor", "--size", Size, "--json", .. probeArgs]);
        Assert.True(manual.ExitCode is 0 or 3, manual.Stderr);
        var manualPlan = ProcedurePlan.FromJson(manual.Stdout);
        Assert.Equal(plan.Ablation.Probes, manualPlan.Ablation!.Probes);
        Assert.Equal(plan.Ablation.ZoneVolumeMl, manualPlan.Ablation.ZoneVolumeMl, 9);
        Assert.Equal(plan.Ablation.MinimalMarginMm, manualPlan.Ablation.MinimalMarginMm, 9);
    }

    [Fact]
    public void Ablate_StoredCase_PlansThroughTheStoreWithTheCasesAblation()
    {
        var data = Path.Combine(_dir.Path, "data");
        var demo = CliRunner.Run("demo", "--no-serve", "--data", data, "--case", "liver-tumor", "--size", Size);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        var caseId = demo.Stdout.Split("/cases/", 2)[1][..36];

        var output = Path.Combine(_dir.Path, "stored-out");
        var (code, stdout, stderr) = CliRunner.Run("ablate", "--data", data, "--case-id", caseId, "--json", "--out", output);
        Assert.True(code is 0 or 3, stderr);
        Assert.Contains("Stored as plan", stderr, StringComparison.Ordinal);
        var plan = ProcedurePlan.FromJson(stdout);
        Assert.Equal(plan.Feasible ? 0 : 3, code);
        Assert.Equal("rf-ablation", plan.ProcedureId);
        Assert.True(File.Exists(Path.Combine(output, "zone.nrrd")));
        Assert.True(File.Exists(Path.Combine(output, "margin.nrrd")));

        // The stored case is the same phantom (through DICOM and NRRD): the same device and probe count as in memory.
        var catalogue = ProcedureCatalogue.Default;
        var expected = AblationPlanner.Plan(PlanningInput.FromPhantom(LiverTumor.Value, catalogue.Find("rf-ablation")!, catalogue)).Plan.Ablation!;
        Assert.Equal(expected.DeviceId, plan.Ablation!.DeviceId);
        Assert.Equal(expected.Probes.Count, plan.Ablation.Probes.Count);

        var unknown = CliRunner.Run("ablate", "--data", data, "--case-id", Guid.NewGuid().ToString(), "--procedure", "rf-ablation");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No case has id", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ablate_SummaryAndOut_PrintTheCoverageAndWriteMapsThatAgreeWithThePlan()
    {
        var output = Path.Combine(_dir.Path, "out");
        var (code, stdout, stderr) = CliRunner.Run("ablate", "--case", "liver-tumor", "--size", Size, "--procedure", "rf-ablation", "--out", output);
        Assert.True(code is 0 or 3, stderr);
        var plan = ProcedurePlan.FromJson(File.ReadAllText(Path.Combine(output, "plan.json")));
        var a = plan.Ablation!;
        Assert.Equal(plan.Feasible ? 0 : 3, code);
        Assert.Contains(plan.Feasible ? "tumor + margin covered" : "COVERAGE BELOW THE GOAL", stdout, StringComparison.Ordinal);
        Assert.Contains(a.DeviceName, stdout, StringComparison.Ordinal);
        Assert.Contains(a.SettingId, stdout, StringComparison.Ordinal);
        foreach (var c in a.Coverage)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"  {c.Name,-20} {c.Fraction * 100,7:0.0}% {c.VolumeMl,10:0.00}"), stdout, StringComparison.Ordinal);
        }

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Minimal margin: {a.MinimalMarginMm:0.0} mm"), stdout, StringComparison.Ordinal);
        foreach (var alt in a.Alternatives)
        {
            Assert.Contains(alt.Label, stdout, StringComparison.Ordinal);
        }

        // zone.nrrd: bit 0 is the lethal zone, whose volume is the plan's; margin.nrrd: NaN exactly off the lesion, minimum = the plan's.
        var zone = NrrdLabelMap.Read(Path.Combine(output, "zone.nrrd"));
        var g = zone.Geometry;
        var lethal = zone.Voxels.Count(v => (v & 1) != 0);
        Assert.Equal(a.ZoneVolumeMl, lethal * g.SpacingI * g.SpacingJ * g.SpacingK / 1000, 6);
        var margin = NrrdFloatVolume.Read(Path.Combine(output, "margin.nrrd"));
        var labels = LiverTumor.Value.Labels;
        var minimum = double.PositiveInfinity;
        for (var n = 0; n < margin.Voxels.Length; n++)
        {
            Assert.Equal(labels.Voxels[n] != (byte)TissueLabel.Lesion, float.IsNaN(margin.Voxels[n]));
            if (!float.IsNaN(margin.Voxels[n]))
            {
                minimum = Math.Min(minimum, margin.Voxels[n]);
            }
        }

        Assert.Equal(a.MinimalMarginMm, minimum, 4);
    }

    [SkippableFact]
    public void AblateConfirm_Simulated_AchievedMarginCloseToThePlannedOne()
    {
        var bad = CliRunner.Run("ablate", "confirm", "--case", "liver-tumor", "--size", Size);
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("seldinger: ablate confirm needs --simulate", bad.Stderr, StringComparison.Ordinal);

        Skip.If(typeof(PostAblationCtParameters).Assembly.GetManifestResourceInfo(PostAblationCtParameters.ResourceName) is null,
            "The planning library does not embed post-ablation-ct.json, which simulated confirmation needs.");
        var (code, stdout, stderr) = CliRunner.Run("ablate", "confirm", "--case", "liver-tumor", "--size", "96", "--simulate", "--rotate", "1,0,2", "--shift", "3,-2,1.5", "--seed", "7", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var achieved = doc.RootElement.GetProperty("achievedMinimalMarginMm").GetDouble();
        var planned = doc.RootElement.GetProperty("plannedMinimalMarginMm").GetDouble();
        // At 64² slices the zone is too few voxels to segment; 96² resolves it.
        var g = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", AgeYears = 5, Size = 96 }).Labels.Geometry;
        var voxel = Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK));
        Assert.True(Math.Abs(achieved - planned) <= 1.5 * voxel, $"achieved {achieved:0.00} mm, planned {planned:0.00} mm, voxel {voxel:0.00} mm");

        // The registration's transform comes as a row-major 4×4 matrix.
        var transform = doc.RootElement.GetProperty("registration").GetProperty("transform4x4").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(16, transform.Length);
    }

    [Theory]
    [InlineData("--probes", "--case", "liver-tumor", "--size", Size, "--probes", "0")]
    [InlineData("model must be", "--case", "liver-tumor", "--size", Size, "--model", "magic")]
    [InlineData("deviceId", "--case", "liver-tumor", "--size", Size, "--device", "no-such-device")]
    [InlineData("--probe", "--case", "liver-tumor", "--size", Size, "--probe", "cooltip-act-3cm:200W-12min:1,2")]
    [InlineData("not an ablation", "--case", "liver-tumor", "--size", Size, "--procedure", "biopsy-deep")]
    [InlineData("--case", "--procedure", "rf-ablation")]
    [InlineData("Unknown option", "--case", "liver-tumor", "--size", Size, "--colour", "red")]
    public void Ablate_BadOptions_Exit2WithOneLine(string expected, params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(["ablate", .. args]);
        Assert.Equal(2, code);
        var first = stderr.Split('\n')[0];
        Assert.StartsWith("seldinger: ", first, StringComparison.Ordinal);
        Assert.Contains(expected, first, StringComparison.Ordinal);
    }

    [Fact]
    public void AblateDevices_ListsEveryDeviceAndSetting_JsonParses()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        var (code, stdout, stderr) = CliRunner.Run("ablate", "devices");
        Assert.True(code == 0, stderr);
        foreach (var device in library.Devices)
        {
            foreach (var setting in device.Settings)
            {
                Assert.Contains($"  {device.Id,-24} ", stdout, StringComparison.Ordinal);
                Assert.Contains($" {setting.Id,-24} ", stdout, StringComparison.Ordinal);
            }
        }

        var json = CliRunner.Run("ablate", "devices", "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(library.Version, doc.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(library.Devices.Select(d => d.Id), doc.RootElement.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(library.Devices[0].Modality.ToString(), doc.RootElement.GetProperty("devices")[0].GetProperty("modality").GetString());
    }

    [Fact]
    public void AblateDevices_UserFileWithAnError_Exit2OneLineNamingTheFile()
    {
        var shipped = AblationDeviceLibrary.LoadDefault();
        var path = Path.Combine(_dir.Path, "my-devices.json");
        var assembly = typeof(AblationDeviceLibrary).Assembly;
        string text;
        using (var resource = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("ablation-devices.json", StringComparison.Ordinal)))!)
        using (var reader = new StreamReader(resource))
        {
            text = reader.ReadToEnd();
        }

        File.WriteAllText(path, text.Replace($"\"id\": \"{shipped.Devices[0].Id}\"", "\"id\": \"\"", StringComparison.Ordinal));
        var (code, stdout, stderr) = CliRunner.Run("ablate", "devices", "--devices", path);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("seldinger: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("my-devices.json", lines[0], StringComparison.Ordinal);

        // The unchanged copy is valid and lists as the shipped library.
        File.WriteAllText(path, text);
        Assert.Equal(0, CliRunner.Run("ablate", "devices", "--devices", path).ExitCode);
    }
}
