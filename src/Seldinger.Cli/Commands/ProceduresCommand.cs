using System.Globalization;
using System.Text.Json;
using Seldinger.Planning;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger procedures [--json] [--catalogue FILE]</c>: the procedure catalogue, one line per procedure, or
/// as JSON (the same document as <c>GET /api/procedures</c>). <c>--catalogue</c> reads and validates another file.
/// </summary>
internal static class ProceduresCommand
{
    public static int Run(CommandLine line)
    {
        var json = line.Flag("--json");
        var file = line.Value("--catalogue");
        line.RejectUnknown();
        if (line.Positional.Count > 0)
        {
            throw new UsageException($"procedures takes no arguments, not '{line.Positional[0]}'.");
        }

        ProcedureCatalogue catalogue;
        try
        {
            catalogue = file is null ? ProcedureCatalogue.LoadDefault() : ProcedureCatalogue.Load(file);
        }
        catch (ProcedureCatalogueException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }

        if (json)
        {
            CliApp.Say(JsonSerializer.Serialize(catalogue, ProcedureCatalogue.JsonOptions));
            return 0;
        }

        foreach (var p in catalogue.Procedures)
        {
            var guidance = string.Join(",", p.Guidance.Select(g => JsonNamingPolicy.CamelCase.ConvertName(g.ToString())));
            var risk = JsonNamingPolicy.CamelCase.ConvertName(p.BleedingRisk.Class.ToString());
            var targets = string.Join(",", p.Targets);
            var cases = p.PhantomCases.Count == 0 ? "-" : string.Join(",", p.PhantomCases);
            CliApp.Say(string.Create(CultureInfo.InvariantCulture,
                $"{p.Id,-30} {JsonNamingPolicy.CamelCase.ConvertName(p.Route.ToString()),-9} {risk,-14} {guidance,-32} {targets,-28} {cases}"));
        }

        CliApp.Say(string.Create(CultureInfo.InvariantCulture,
            $"{catalogue.Procedures.Count} procedures (catalogue version {catalogue.Version}); columns: id, route, SIR 2019 bleeding risk, guidance, targets, phantom cases."));
        return 0;
    }
}
