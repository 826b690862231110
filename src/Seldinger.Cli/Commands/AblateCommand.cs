using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;
using Seldinger.Storage;
using Spectre.Console;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger ablate</c>: plans an ablation (device, setting, probes, zone, margins, structures at risk) on a phantom
/// library case (<c>--case NAME</c>) or a stored case (<c>--case-id GUID</c>, stored like a plan made in the web UI);
/// <c>ablate devices</c> lists the device library. Exit codes: 0 tumor + margin covered, 3 coverage below the goal,
/// 4 planning not possible, 2 usage, 1 other errors.
/// </summary>
internal static class AblateCommand
{
    public const string Usage = """
        Usage: seldinger ablate --case NAME [--procedure ID] [--age YEARS] [--size N] [OPTIONS]
               seldinger ablate --case-id GUID [--procedure ID] [--data DIR] [--db sqlite|postgres] [--connection STR] [OPTIONS]
               seldinger ablate devices [--json] [--devices FILE]
               seldinger ablate confirm --case NAME [--procedure ID] [--age YEARS] [--size N] (--simulate [--rotate x,y,z] [--shift x,y,z] [--seed N] | --post DIR) [--json]
          OPTIONS: [--device ID] [--setting ID] [--probes N] [--max-probes N] [--model table|bioheat] [--margin MM]
                   [--devices FILE] [--probe DEVICE:SETTING:x,y,z:x,y,z]... [--json] [--out DIR]
          The procedure defaults to the ablation the phantom case was made for (the catalogue's phantomCases).
          --probe places the operator's own probes (entry then tip, LPS mm) and evaluates them without a search.
          --out DIR writes plan.json, zone.nrrd (bit 0 lethal, bit n the n-th isotherm) and margin.nrrd (mm).
          Exit code 0: tumor + margin covered; 3: coverage below the goal; 4: planning is not possible; 2: usage.
          confirm plans with the defaults, then registers a post-ablation CT (synthesised from the planned zone moved by
          --rotate degrees and --shift mm, or read from the slices in --post DIR), segments the zone and prints the achieved margin.
        """;

    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new(Server.Endpoints.AblationEndpoints.Json) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            CliApp.Say(Usage);
            return 0;
        }

        if (args.Length > 0 && args[0] == "confirm")
        {
            return await AblateConfirmCommand.RunAsync(CommandLine.Parse(args.Skip(1), "--json", "--simulate"));
        }

        if (args.Length > 0 && args[0] == "devices")
        {
            return Devices(CommandLine.Parse(args.Skip(1), "--json"));
        }

        // --probe may be given several times; CommandLine keeps one value per option, so they are taken out first.
        var probes = new List<string>();
        var rest = new List<string>();
        for (var n = 0; n < args.Length; n++)
        {
            if (args[n] == "--probe")
            {
                probes.Add(n + 1 < args.Length ? args[++n] : throw new UsageException("--probe needs a value DEVICE:SETTING:x,y,z:x,y,z."));
            }
            else if (args[n].StartsWith("--probe=", StringComparison.Ordinal))
            {
                probes.Add(args[n]["--probe=".Length..]);
            }
            else
            {
                rest.Add(args[n]);
            }
        }

        return await PlanAsync(CommandLine.Parse(rest, "--json"), probes);
    }

    private static async Task<int> PlanAsync(CommandLine line, List<string> probeTexts)
    {
        if (line.Positional.Count > 0)
        {
            throw new UsageException($"ablate takes no argument '{line.Positional[0]}'; see 'seldinger ablate --help'.");
        }

        var libraryCase = line.Value("--case");
        var caseIdText = line.Value("--case-id");
        var json = line.Flag("--json");
        var output = line.Value("--out");
        var devicesFile = line.Value("--devices");
        var library = LoadLibrary(devicesFile);
        var catalogue = ProcedureCatalogue.Default;
        var procedureId = line.Value("--procedure");
        if (procedureId is null && libraryCase is not null)
        {
            procedureId = DefaultProcedure(catalogue, libraryCase)
                ?? throw new UsageException($"The case '{libraryCase}' was made for no ablation; give --procedure ID ({AblationIds(catalogue)}).");
        }

        var request = new AblationPlanRequest(
            procedureId,
            line.Value("--device"),
            line.Value("--setting"),
            OptionalInt(line, "--probes"),
            OptionalInt(line, "--max-probes"),
            line.Value("--model"),
            OptionalDouble(line, "--margin"),
            probeTexts.Count == 0 ? null : [.. probeTexts.Select(ParseProbe)]);

        AblationPlanOutcome? outcome = null;
        ProcedurePlan plan;
        try
        {
            if (libraryCase is not null && caseIdText is null)
            {
                var procedure = Validate(request, catalogue, library);
                var age = line.DoubleValue("--age", LibraryCaseService.DefaultAgeYears, PediatricAnthropometry.Default.MinimumAge, PediatricAnthropometry.Default.MaximumAge);
                var size = line.IntValue("--size", LibraryCaseService.DefaultSize, LibraryCaseService.MinimumSize, LibraryCaseService.MaximumSize);
                line.RejectUnknown();
                var phantomOptions = PhantomOptions(new CreateLibraryCaseRequest(libraryCase, age, size));
                outcome = await WithProgressAsync(!json, $"Planning {procedure.Id} on {libraryCase}…", () => Task.Run(() => PlanPhantom(phantomOptions, procedure, catalogue, request, library)));
                plan = outcome.Plan;
            }
            else if (caseIdText is not null && libraryCase is null)
            {
                if (devicesFile is not null)
                {
                    throw new UsageException("--devices applies to phantom cases; a stored case is planned with the server's device library.");
                }

                plan = await PlanStoredAsync(line, caseIdText, request, output, json);
            }
            else
            {
                throw new UsageException("ablate needs --case NAME (a phantom library case) or --case-id GUID (a stored case, with --data), not both.");
            }
        }
        catch (PlanningException ex)
        {
            Console.Error.WriteLine($"seldinger: planning is not possible: {ex.Message}");
            return PlanCommand.PlanningImpossible;
        }

        if (output is not null)
        {
            var directory = Path.GetFullPath(output);
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "plan.json"), plan.ToJson());
            if (outcome is not null)
            {
                NrrdLabelMap.Write(AblationPlanFiles.ZoneMap(outcome.Zone), Path.Combine(directory, "zone.nrrd"));
                NrrdFloatVolume.Write(outcome.Evaluation.Margins.MarginMap, Path.Combine(directory, "margin.nrrd"), "ablative margin (mm), NaN outside the tumor");
            }
        }

        if (json)
        {
            CliApp.Say(plan.ToJson());
        }
        else
        {
            PrintSummary(plan, outcome?.Zone);
            if (output is not null)
            {
                CliApp.Say($"Written to {Path.GetFullPath(output)}: plan.json, zone.nrrd, margin.nrrd.");
            }
        }

        return plan.Feasible ? 0 : PlanCommand.NoSafeRoute;
    }

    /// <summary>The plan on a generated phantom, as the server would make it on the stored case.</summary>
    public static AblationPlanOutcome PlanPhantom(
        WholeBodyPhantomOptions phantomOptions, ProcedureDefinition procedure, ProcedureCatalogue catalogue, AblationPlanRequest request, AblationDeviceLibrary library)
    {
        var phantom = WholeBodyPhantom.Generate(phantomOptions);
        var input = PlanningInput.FromPhantom(phantom, procedure, catalogue);
        var caseTarget = ProcedurePlanner.UsesCaseTarget(procedure, (byte)phantom.Target.Label) ? input.Target : null;
        input = input with { Target = caseTarget };
        var options = AblationPlanService.OptionsOf(request, library);
        foreach (var probe in options.ManualProbes ?? [])
        {
            CheckInside(phantom.Labels.Geometry, probe.Entry, "--probe entry");
            CheckInside(phantom.Labels.Geometry, probe.Tip, "--probe tip");
        }

        return AblationPlanner.Plan(input, options);
    }

    /// <summary>The first catalogue ablation whose phantom cases include <paramref name="libraryCase"/>, or null.</summary>
    public static string? DefaultProcedure(ProcedureCatalogue catalogue, string libraryCase) =>
        catalogue.Procedures.FirstOrDefault(p => AblationPlanner.IsAblation(p) && p.PhantomCases.Contains(libraryCase, StringComparer.Ordinal))?.Id;

    private static async Task<ProcedurePlan> PlanStoredAsync(CommandLine line, string caseIdText, AblationPlanRequest request, string? output, bool json)
    {
        var caseId = StorageArguments.CaseId(caseIdText);
        var storage = StorageArguments.Read(line);
        line.RejectUnknown();
        await using var provider = await StorageArguments.OpenServicesAsync(storage);
        await using var scope = provider.CreateAsyncScope();
        var ablation = scope.ServiceProvider.GetRequiredService<AblationPlanService>();
        StoredPlanDto? stored;
        try
        {
            if (request.ProcedureId is null)
            {
                var patientCase = await scope.ServiceProvider.GetRequiredService<SeldingerDbContext>().Cases.FindAsync(caseId);
                var fromCase = patientCase?.LibraryCase is { } name ? DefaultProcedure(ProcedureCatalogue.Default, name) : null;
                request = request with
                {
                    ProcedureId = fromCase ?? throw new UsageException($"Give --procedure ID ({AblationIds(ProcedureCatalogue.Default)}); the case names no ablation."),
                };
            }

            stored = await WithProgressAsync(!json, $"Planning {request.ProcedureId} on case {caseId}…", () => ablation.PlanAsync(caseId, request, CancellationToken.None));
        }
        catch (RequestFieldException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (stored is null)
        {
            throw new InvalidOperationException($"No case has id {caseId} in {storage.DataDirectory}.");
        }

        Console.Error.WriteLine($"Stored as plan {stored.Id} of case {caseId}.");
        if (output is not null)
        {
            var files = scope.ServiceProvider.GetRequiredService<AblationPlanFiles>();
            var directory = Path.GetFullPath(output);
            Directory.CreateDirectory(directory);
            File.Copy(files.ZonePath(stored.Id), Path.Combine(directory, "zone.nrrd"), overwrite: true);
            File.Copy(files.MarginPath(stored.Id), Path.Combine(directory, "margin.nrrd"), overwrite: true);
        }

        return stored.Plan!;
    }

    private static int Devices(CommandLine line)
    {
        var json = line.Flag("--json");
        var library = LoadLibrary(line.Value("--devices"));
        line.RejectUnknown();
        if (json)
        {
            var dto = new AblationDevicesDto(library.Version, library.Devices, library.Sources, library.Defaults);
            CliApp.Say(System.Text.Json.JsonSerializer.Serialize(dto, IndentedJson));
            return 0;
        }

        var inv = CultureInfo.InvariantCulture;
        CliApp.Say(string.Create(inv, $"Ablation device library version {library.Version}: {library.Devices.Count} devices."));
        CliApp.Say($"  {"device",-24} {"modality",-14} {"gauge",5} {"tip mm",6}  {"setting",-24} {"zone L×D mm",12} {"beyond tip",10}  source");
        foreach (var device in library.Devices)
        {
            foreach (var setting in device.Settings)
            {
                var zone = setting.Zone;
                CliApp.Say(string.Create(inv,
                    $"  {device.Id,-24} {device.Modality,-14} {device.Gauge,5:0.#} {device.ActiveTipLengthMm,6:0.#}  {setting.Id,-24} {$"{zone.LengthMm:0.#}×{zone.DiameterMm:0.#}",12} {zone.DistalExtentBeyondTipMm,10:0.#}  {setting.Source}{(setting.Verify ? " (verify)" : "")}"));
            }
        }

        if (library.Defaults.Count > 0)
        {
            CliApp.Say("Defaults: " + string.Join(", ", library.Defaults.Select(d => $"{d.Key} → {d.Value}")));
        }

        return 0;
    }

    /// <summary>The ablation plan in plain text.</summary>
    public static void PrintSummary(ProcedurePlan plan, AblationZone? zone)
    {
        var inv = CultureInfo.InvariantCulture;
        var a = plan.Ablation;
        CliApp.Say(string.Create(inv, $"{plan.ProcedureName} ({plan.ProcedureId}): {plan.Method}, "
            + $"{(plan.Feasible ? "tumor + margin covered" : "COVERAGE BELOW THE GOAL")}."));
        if (a is null)
        {
            CliApp.Say("The plan has no ablation part.");
            return;
        }

        CliApp.Say(string.Create(inv, $"Device: {a.DeviceName} ({a.DeviceId}), {a.Modality}; setting {a.SettingId}; zone model {zone?.ModelName ?? a.ZoneModel}; planned margin {a.PlannedMarginMm:0.#} mm."));
        CliApp.Say("Probes:");
        CliApp.Say($"  {"#",-3} {"entry (LPS mm)",-26} {"tip (LPS mm)",-26} {"length mm",9}");
        for (var n = 0; n < a.Probes.Count; n++)
        {
            var p = a.Probes[n];
            CliApp.Say(string.Create(inv, $"  {n + 1,-3} {Format(p.Entry),-26} {Format(p.Tip),-26} {p.InsertedLengthMm,9:0.0}"));
        }

        CliApp.Say("Coverage:");
        CliApp.Say($"  {"target",-20} {"covered",8} {"volume mL",10}");
        foreach (var c in a.Coverage)
        {
            CliApp.Say(string.Create(inv, $"  {c.Name,-20} {c.Fraction * 100,7:0.0}% {c.VolumeMl,10:0.00}"));
        }

        CliApp.Say(string.Create(inv, $"Minimal margin: {a.MinimalMarginMm:0.0} mm at {Format(a.MinimalMarginAt)}; tumor surface with ≥ 5 mm: {a.SurfaceFractionAtLeast5Mm * 100:0.0}%, ≥ 10 mm: {a.SurfaceFractionAtLeast10Mm * 100:0.0}%."));
        CliApp.Say(string.Create(inv, $"Zone: {a.ZoneVolumeMl:0.00} mL; outside tumor + margin: {a.HealthyTissueAblatedMl:0.00} mL."));
        if (a.StructuresAtRisk.Count > 0)
        {
            CliApp.Say("Structures at risk:");
            CliApp.Say($"  {"structure",-18} {"distance mm",11} {"inside mL",9} {"required mm",11}  severity");
            foreach (var s in a.StructuresAtRisk)
            {
                CliApp.Say(string.Create(inv, $"  {s.Structure,-18} {s.DistanceMm,11:0.0} {s.VolumeInsideMl,9:0.00} {s.RequiredMm,11:0.#}  {s.Severity}"));
            }
        }

        if (a.HeatSinks.Count > 0)
        {
            CliApp.Say("Heat sinks:");
            foreach (var h in a.HeatSinks)
            {
                CliApp.Say(string.Create(inv, $"  {h.Structure} ⌀ {h.DiameterMm:0.0} mm, {h.DistanceMm:0.0} mm from the zone at {Format(h.At)}"));
            }
        }

        if (a.Suggestions.Count > 0)
        {
            CliApp.Say("Flags:");
            foreach (var s in a.Suggestions)
            {
                CliApp.Say($"  [{s.Kind}] {s.Message}");
            }
        }

        if (plan.Warnings.Count > 0)
        {
            CliApp.Say("Warnings:");
            foreach (var w in plan.Warnings)
            {
                CliApp.Say($"  {w.Severity.ToString().ToUpperInvariant()} [{w.Code}] {w.Message}");
            }
        }

        if (a.Alternatives.Count > 0)
        {
            CliApp.Say("Layouts compared:");
            CliApp.Say($"  {"",1} {"layout",-46} {"probes",6} {"tumor",7} {"+margin",8} {"min margin",10} {"healthy mL",10} {"score",8}  note");
            foreach (var alt in a.Alternatives)
            {
                CliApp.Say(string.Create(inv,
                    $"  {(alt.Chosen ? "*" : " "),1} {alt.Label,-46} {alt.Probes.Count,6} {alt.TargetCoverage * 100,6:0.0}% {alt.MarginCoverage * 100,7:0.0}% {alt.MinimalMarginMm,10:0.0} {alt.HealthyTissueAblatedMl,10:0.00} {alt.Score,8:0.###}  {alt.Note}"));
            }
        }
    }

    private static ProcedureDefinition Validate(AblationPlanRequest request, ProcedureCatalogue catalogue, AblationDeviceLibrary library)
    {
        if (request.ProcedureId is null)
        {
            throw new UsageException($"ablate needs --procedure ID ({AblationIds(catalogue)}).");
        }

        try
        {
            return AblationPlanService.Validate(request, catalogue, library);
        }
        catch (RequestFieldException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static AblationDeviceLibrary LoadLibrary(string? path)
    {
        if (path is null)
        {
            return AblationDeviceLibrary.LoadDefault();
        }

        try
        {
            return AblationDeviceLibrary.Load(path);
        }
        catch (PlanningException ex)
        {
            throw new UsageException(ex.Message.ReplaceLineEndings(" "));
        }
    }

    private static WholeBodyPhantomOptions PhantomOptions(CreateLibraryCaseRequest request)
    {
        try
        {
            return LibraryCaseService.Validate(request);
        }
        catch (RequestFieldException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static AblationProbeInput ParseProbe(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 4 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new UsageException($"--probe must be DEVICE:SETTING:x,y,z:x,y,z (entry, then tip), not '{text}'.");
        }

        var (ex, ey, ez) = ImageCommand.ParseTriple("--probe entry", parts[2]);
        var (tx, ty, tz) = ImageCommand.ParseTriple("--probe tip", parts[3]);
        return new AblationProbeInput(parts[0], parts[1], new PointInput(ex, ey, ez), new PointInput(tx, ty, tz));
    }

    private static int? OptionalInt(CommandLine line, string option) =>
        line.Value(option) is null ? null : line.IntValue(option, 0, 1, AblationPlanService.MaxProbeCount);

    private static double? OptionalDouble(CommandLine line, string option) =>
        line.Value(option) is null ? null : line.DoubleValue(option, 0, 0, AblationMargins.ReachMm);

    private static void CheckInside(VolumeGeometry geometry, WorldPoint point, string what)
    {
        if (!geometry.Contains(geometry.WorldToIndex(point)))
        {
            throw new UsageException($"{what} {point} lies outside the phantom's volume.");
        }
    }

    private static string AblationIds(ProcedureCatalogue catalogue) =>
        string.Join(", ", catalogue.Procedures.Where(AblationPlanner.IsAblation).Select(p => p.Id));

    private static string Format(WorldPoint p) => string.Create(CultureInfo.InvariantCulture, $"({p.X:0.0}, {p.Y:0.0}, {p.Z:0.0})");

    private static async Task<T> WithProgressAsync<T>(bool show, string status, Func<Task<T>> work)
    {
        if (show && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Status().StartAsync(status, _ => work());
        }

        return await work();
    }
}
