using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Plans;
using Seldinger.Server;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;
using Seldinger.Server.Services.Clinical;
using Seldinger.Storage;
using Spectre.Console;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger demo</c>: phantom CT → DICOM series → image store → biopsy plan → web server. With
/// <c>--case NAME</c> a phantom library case instead, planned for the procedure it was made for.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var storage = StorageArguments.Read(line);
        var port = line.IntValue("--port", 5080, 1, 65535);
        var noServe = line.Flag("--no-serve");
        var libraryCase = line.Value("--case");
        var tables = PediatricAnthropometry.Default;
        var age = line.DoubleValue("--age", LibraryCaseService.DefaultAgeYears, tables.MinimumAge, tables.MaximumAge);
        var size = line.IntValue("--size", LibraryCaseService.DefaultSize, LibraryCaseService.MinimumSize, LibraryCaseService.MaximumSize);
        var ageGiven = line.Value("--age") is not null || line.Value("--size") is not null;
        line.RejectUnknown();
        if (libraryCase is null && ageGiven)
        {
            throw new UsageException("--age and --size go with --case NAME (the demo's own case is a fixed 6-year-old).");
        }

        if (libraryCase is not null && PhantomCatalogue.Find(libraryCase) is null)
        {
            throw new UsageException($"Unknown phantom case '{libraryCase}'; valid cases: {PhantomCatalogue.Names}.");
        }

        CliApp.Say($"Data directory: {storage.DataDirectory}");
        await ServeCommand.MigrateAndReportAsync(storage);
        await UsersCommand.EnsureDemoAccountsAsync(storage);

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSeldingerServices(storage);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var (caseId, procedureId) = libraryCase is null
            ? (await WithProgressAsync("Preparing the demo case…", scope.ServiceProvider.GetRequiredService<DemoCaseService>().EnsureAsync), "biopsy-deep")
            : await LibraryCaseAsync(scope.ServiceProvider, libraryCase, age, size);

        if (libraryCase is null)
        {
            var detail = await scope.ServiceProvider.GetRequiredService<CaseQueries>().GetAsync(caseId, CancellationToken.None);
            if (detail?.Plan is { } plan)
            {
                CliApp.Say($"Plan: {(plan.IsSafe ? "safe" : "NEEDS REVIEW")}, {plan.LengthMm:0.0} mm long, {plan.InsertionAngleDeg:0.0}° to the axial plane, "
                    + $"{plan.CandidatesConsidered:N0} entries considered.");
                foreach (var c in plan.Clearances)
                {
                    CliApp.Say($"  {c.Structure}: {c.MinimumDistanceMm:0.0} mm (≥ {c.RequiredMm:0.#} mm required){(c.Crossed ? " CROSSED" : c.ViolatesMargin ? " too close" : "")}");
                }
            }
        }

        if (libraryCase is null)
        {
            var catalogue = scope.ServiceProvider.GetRequiredService<ProcedureCatalogueSource>().Load();
            var episodes = await scope.ServiceProvider.GetRequiredService<ClinicalDemoSeeder>().SeedAsync(catalogue, seed: 1, scenarioCaseId: caseId);
            CliApp.Say(episodes > 0
                ? $"Clinical demo: a week of {episodes} referrals across the catalogue (rooms, bookings, records, discharges); the 6-year-old's referral carries this CT."
                : "Clinical demo: the demo week is already in the store.");
        }

        CliApp.Say($"Case page: http://127.0.0.1:{port}/cases/{caseId}");
        CliApp.Say($"Referrals: http://127.0.0.1:{port}/referrals (sign in with an account of {Path.Combine(storage.DataDirectory, "demo-accounts.txt")})");
        PrintHowToAddMore(storage, port, caseId, procedureId);
        if (!noServe)
        {
            await ServeCommand.ServeAsync(storage, "127.0.0.1", port);
        }

        return 0;
    }

    private static async Task<(Guid CaseId, string ProcedureId)> LibraryCaseAsync(IServiceProvider services, string name, double age, int size)
    {
        var db = services.GetRequiredService<SeldingerDbContext>();
        var definition = PhantomCatalogue.Find(name)!;
        var existing = await db.Cases.AsNoTracking().Where(c => c.LibraryCase == definition.Name && c.AgeYears == age)
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        Guid caseId;
        if (existing is { } id)
        {
            CliApp.Say($"  The '{definition.Name}' case (age {age:0.#}) is already in the store.");
            caseId = id;
        }
        else
        {
            var created = await WithProgressAsync($"Preparing the '{definition.Name}' case…", (progress, ct) =>
                services.GetRequiredService<LibraryCaseService>().CreateAsync(new CreateLibraryCaseRequest(definition.Name, age, size), progress, ct));
            caseId = created.CaseId;
        }

        var plans = services.GetRequiredService<ProcedurePlanService>();
        var procedures = await plans.ProceduresAsync(caseId, CancellationToken.None) ?? [];
        var suggested = procedures.FirstOrDefault(p => p.Suggested);
        if (suggested is null)
        {
            CliApp.Say("  No procedure of the catalogue is made for this case; plan one with 'seldinger plan'.");
            return (caseId, procedures.Count > 0 ? procedures[0].Id : "biopsy-deep");
        }

        CliApp.Say($"  Planning {suggested.Name} ({suggested.Id})…");
        try
        {
            var stored = await plans.PlanAsync(caseId, new CreatePlanRequest(suggested.Id, null, null), CancellationToken.None);
            var plan = stored!.Plan!;
            CliApp.Say($"Plan {stored.Id}: {(plan.Feasible ? "a safe route exists" : "NO SAFE ROUTE")}"
                + (plan.Routes.Count > 0 ? $", route 1 {plan.Routes[0].LengthMm:0.0} mm ({plan.Routes[0].Description})" : "") + ".");
            foreach (var w in plan.Warnings)
            {
                CliApp.Say($"  {w.Severity.ToString().ToUpperInvariant()} {w.Message}");
            }
        }
        catch (PlanningException ex)
        {
            CliApp.Say($"  Planning is not possible: {ex.Message}");
        }

        return (caseId, suggested.Id);
    }

    private static async Task<T> WithProgressAsync<T>(string status, Func<IProgress<string>, CancellationToken, Task<T>> work)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            // A spinner while each step runs; the steps also stay on screen as lines.
            return await AnsiConsole.Status().StartAsync(status, ctx => work(new Progress<string>(message =>
            {
                ctx.Status(Markup.Escape(message));
                CliApp.Say("  " + message);
            }), CancellationToken.None));
        }

        return await work(new Progress<string>(message => CliApp.Say("  " + message)), CancellationToken.None);
    }

    private static void PrintHowToAddMore(StorageOptions storage, int port, Guid caseId, string procedureId)
    {
        var api = $"http://127.0.0.1:{port}/api";
        CliApp.Say("The API needs a session; sign in once and pass the cookie (-b jar.txt) to every call:");
        CliApp.Say($"  curl -c jar.txt {api}/auth/sign-in -H 'Content-Type: application/json' -d '{{\"userName\":\"demo-irphysician\",\"password\":\"…\"}}'");
        CliApp.Say("More cases from the phantom library ('seldinger phantom --list' names them):");
        CliApp.Say($"  seldinger demo --case pleural-effusion --age 5 --data {storage.DataDirectory}");
        CliApp.Say($"  curl -b jar.txt -X POST {api}/library-cases -H 'Content-Type: application/json' -d '{{\"case\":\"pleural-effusion\",\"ageYears\":5}}'");
        CliApp.Say("Plan a procedure on a stored case:");
        CliApp.Say($"  seldinger plan --data {storage.DataDirectory} --case-id {caseId} --procedure {procedureId}");
        CliApp.Say($"  curl -b jar.txt -X POST {api}/cases/{caseId}/plans -H 'Content-Type: application/json' -d '{{\"procedureId\":\"{procedureId}\"}}'");
    }
}
