using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger plan</c>: plans a catalogue procedure on a phantom library case generated in memory
/// (<c>--case NAME</c>), or on a stored case (<c>--case-id GUID</c>, stored like a plan made in the web UI), and
/// prints a summary or the plan JSON. Exit codes: 0 a safe route exists, 3 the plan has no safe route,
/// 4 planning is not possible (the reason is printed), 2 usage, 1 other errors.
/// </summary>
internal static class PlanCommand
{
    public const int NoSafeRoute = 3;

    public const int PlanningImpossible = 4;

    public static async Task<int> RunAsync(CommandLine line)
    {
        var libraryCase = line.Value("--case");
        var caseIdText = line.Value("--case-id");
        var procedureId = line.Value("--procedure") ?? throw new UsageException("plan needs --procedure ID (see 'seldinger procedures').");
        var json = line.Flag("--json");
        var output = line.Value("--out");
        var target = Point(line, "--target");
        var entry = Point(line, "--entry");
        var catalogueFile = line.Value("--catalogue");
        var catalogues = new ProcedureCatalogueSource(() => catalogueFile);
        ProcedureCatalogue catalogue;
        try
        {
            catalogue = catalogues.Load();
        }
        catch (ProcedureCatalogueException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (catalogue.Find(procedureId) is null)
        {
            throw new UsageException($"Unknown procedure '{procedureId}'; valid ids: {ProcedurePlanService.ValidIds(catalogue)}.");
        }

        ProcedurePlan plan;
        try
        {
            if (libraryCase is not null && caseIdText is null)
            {
                plan = PlanPhantom(line, libraryCase, catalogue.Find(procedureId)!, catalogue, target, entry);
            }
            else if (caseIdText is not null && libraryCase is null)
            {
                plan = await PlanStoredAsync(line, caseIdText, procedureId, catalogues, target, entry);
            }
            else
            {
                throw new UsageException("plan needs --case NAME (a phantom library case) or --case-id GUID (a stored case, with --data), not both.");
            }
        }
        catch (PlanningException ex)
        {
            Console.Error.WriteLine($"seldinger: planning is not possible: {ex.Message}");
            return PlanningImpossible;
        }

        var text = plan.ToJson();
        if (output is not null)
        {
            var full = Path.GetFullPath(output);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, text);
        }

        if (json)
        {
            CliApp.Say(text);
        }
        else
        {
            PrintSummary(plan);
            if (output is not null)
            {
                CliApp.Say($"Plan JSON written to {Path.GetFullPath(output)}.");
            }
        }

        return plan.Feasible ? 0 : NoSafeRoute;
    }

    private static ProcedurePlan PlanPhantom(
        CommandLine line, string name, ProcedureDefinition procedure, ProcedureCatalogue catalogue, WorldPoint? target, WorldPoint? entry)
    {
        var age = line.DoubleValue("--age", LibraryCaseService.DefaultAgeYears, PediatricAnthropometry.Default.MinimumAge, PediatricAnthropometry.Default.MaximumAge);
        var size = line.IntValue("--size", LibraryCaseService.DefaultSize, LibraryCaseService.MinimumSize, LibraryCaseService.MaximumSize);
        line.RejectUnknown();
        var options = Validate(new CreateLibraryCaseRequest(name, age, size));
        var phantom = WholeBodyPhantom.Generate(options);
        var input = PlanningInput.FromPhantom(phantom, procedure, catalogue);
        var geometry = phantom.Labels.Geometry;
        CheckInside(geometry, target, "--target");
        CheckInside(geometry, entry, "--entry");
        // As for a stored case: the phantom's target only when it is the procedure's, else the planner chooses.
        var caseTarget = ProcedurePlanner.UsesCaseTarget(procedure, (byte)phantom.Target.Label) ? input.Target : null;
        input = input with { Target = target ?? caseTarget, ManualEntry = entry };
        return ProcedurePlanner.Plan(input);
    }

    private static async Task<ProcedurePlan> PlanStoredAsync(
        CommandLine line, string caseIdText, string procedureId, ProcedureCatalogueSource catalogues, WorldPoint? target, WorldPoint? entry)
    {
        var caseId = StorageArguments.CaseId(caseIdText);
        var storage = StorageArguments.Read(line);
        line.RejectUnknown();
        await using var provider = await StorageArguments.OpenServicesAsync(storage, s => s.AddSingleton(catalogues));
        await using var scope = provider.CreateAsyncScope();
        var planner = scope.ServiceProvider.GetRequiredService<ProcedurePlanService>();
        StoredPlanDto? stored;
        try
        {
            stored = await planner.PlanAsync(caseId, new CreatePlanRequest(procedureId, Input(target), Input(entry)), CancellationToken.None);
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
        return stored.Plan!;
    }

    private static WholeBodyPhantomOptions Validate(CreateLibraryCaseRequest request)
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

    private static PointInput? Input(WorldPoint? p) => p is { } q ? new PointInput(q.X, q.Y, q.Z) : null;

    private static WorldPoint? Point(CommandLine line, string option)
    {
        if (line.Value(option) is not { } text)
        {
            return null;
        }

        var (x, y, z) = ImageCommand.ParseTriple(option, text);
        return new WorldPoint(x, y, z);
    }

    private static void CheckInside(VolumeGeometry geometry, WorldPoint? point, string option)
    {
        if (point is { } p && !geometry.Contains(geometry.WorldToIndex(p)))
        {
            throw new UsageException($"{option} {p} lies outside the phantom's volume.");
        }
    }

    /// <summary>The plan in plain text: header, routes table, clearances of the proposal, warnings, measurements, rejections.</summary>
    public static void PrintSummary(ProcedurePlan plan)
    {
        var inv = CultureInfo.InvariantCulture;
        CliApp.Say(string.Create(inv, $"{plan.ProcedureName} ({plan.ProcedureId}): {plan.Planner} planner, {plan.Method}, "
            + $"{(plan.Feasible ? "a safe route exists" : "NO SAFE ROUTE")}."));
        if (plan.Target is { } t)
        {
            CliApp.Say(string.Create(inv, $"Target: ({t.X:0.0}, {t.Y:0.0}, {t.Z:0.0}) mm LPS{(plan.TargetReason is { } r ? $", {r}" : "")}."));
        }

        if (plan.Routes.Count > 0)
        {
            CliApp.Say("Routes:");
            CliApp.Say($"  {"#",-3} {"kind",-9} {"length mm",10} {"angle °",8} {"safe",-5} {"score",8}  description");
            for (var n = 0; n < plan.Routes.Count; n++)
            {
                var route = plan.Routes[n];
                CliApp.Say(string.Create(inv,
                    $"  {n + 1,-3} {route.Kind,-9} {route.LengthMm,10:0.0} {(route.InsertionAngleDeg is { } a ? a.ToString("0.0", inv) : "–"),8} {(route.IsSafe ? "yes" : "NO"),-5} {route.Score,8:0.###}  {route.Description}"));
            }

            var best = plan.Routes[0];
            CliApp.Say(string.Create(inv, $"Route 1 from ({best.Entry.X:0.0}, {best.Entry.Y:0.0}, {best.Entry.Z:0.0}) to ({best.Tip.X:0.0}, {best.Tip.Y:0.0}, {best.Tip.Z:0.0}) mm LPS; clearances:"));
            foreach (var c in best.Clearances)
            {
                CliApp.Say(string.Create(inv,
                    $"  {c.Structure,-22} {(c.DistanceMm is { } d ? d.ToString("0.0", inv) + " mm" : "absent"),10} (≥ {c.RequiredMm:0.#} mm){(c.Crossed ? " CROSSED" : c.Violates ? " TOO CLOSE" : "")}"));
            }
        }
        else
        {
            CliApp.Say("No route.");
        }

        if (plan.Warnings.Count > 0)
        {
            CliApp.Say("Warnings:");
            foreach (var w in plan.Warnings)
            {
                CliApp.Say($"  {w.Severity.ToString().ToUpperInvariant()} [{w.Code}] {w.Message}");
            }
        }

        if (plan.Measurements.Count > 0)
        {
            CliApp.Say("Measurements:");
            foreach (var m in plan.Measurements)
            {
                CliApp.Say(string.Create(inv, $"  {m.Name}: {m.Value:0.##} {m.Unit}{(m.Note is { } note ? $" ({note})" : "")}"));
            }
        }

        if (plan.Rejections.Count > 0 || plan.CandidatesConsidered > 0)
        {
            CliApp.Say(string.Create(inv, $"Candidates considered: {plan.CandidatesConsidered:N0}; rejected:"));
            foreach (var (reason, count) in plan.Rejections.OrderByDescending(r => r.Value))
            {
                CliApp.Say(string.Create(inv, $"  {reason}: {count:N0}"));
            }
        }
    }
}
