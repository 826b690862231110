using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seldinger.Server;
using Seldinger.Server.Services;
using Spectre.Console;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger demo</c>: phantom CT → DICOM series → image store → biopsy plan → web server.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var storage = StorageArguments.Read(line);
        var port = line.IntValue("--port", 5080, 1, 65535);
        var noServe = line.Flag("--no-serve");
        line.RejectUnknown();

        CliApp.Say($"Data directory: {storage.DataDirectory}");
        await ServeCommand.MigrateAndReportAsync(storage);

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSeldingerServices(storage);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var demo = scope.ServiceProvider.GetRequiredService<DemoCaseService>();
        Guid caseId;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            // A spinner while each step runs; the steps also stay on screen as lines.
            caseId = await AnsiConsole.Status().StartAsync("Preparing the demo case…", ctx => demo.EnsureAsync(new Progress<string>(message =>
            {
                ctx.Status(Markup.Escape(message));
                CliApp.Say("  " + message);
            })));
        }
        else
        {
            caseId = await demo.EnsureAsync(new Progress<string>(message => CliApp.Say("  " + message)));
        }

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

        CliApp.Say($"Case page: http://127.0.0.1:{port}/cases/{caseId}");
        if (!noServe)
        {
            await ServeCommand.ServeAsync(storage, "127.0.0.1", port);
        }

        return 0;
    }
}
