using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Fhir;
using Seldinger.Planning;
using Seldinger.Storage;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger fhir export --episode REFERRAL-ID [--out FILE] [--mrn-system URI] [storage options]</c>: a stored
/// episode as a FHIR R4 collection Bundle (JSON); <c>seldinger fhir codesystem [--out FILE]</c>: the CodeSystem of
/// IR adverse-event grades. Without --out the JSON goes to standard output. Exit codes: 0 written,
/// 3 no episode has that referral id, 2 usage, 1 other errors.
/// </summary>
internal static class FhirCommand
{
    public const int EpisodeNotFound = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            throw new UsageException("fhir needs a subcommand: 'fhir export --episode REFERRAL-ID' or 'fhir codesystem'.");
        }

        var line = CommandLine.Parse(args.Skip(1));
        return args[0] switch
        {
            "export" => await ExportAsync(line),
            "codesystem" => await CodeSystemAsync(line),
            _ => throw new UsageException($"Unknown fhir subcommand '{args[0]}'; use 'export' or 'codesystem'."),
        };
    }

    private static async Task<int> ExportAsync(CommandLine line)
    {
        var text = line.Value("--episode") ?? throw new UsageException("fhir export needs --episode REFERRAL-ID.");
        if (!Guid.TryParse(text, CultureInfo.InvariantCulture, out var referralId))
        {
            throw new UsageException($"--episode must be a referral id (a GUID), not '{text}'.");
        }

        var output = line.Value("--out");
        var mrnSystem = line.Value("--mrn-system");
        var storage = StorageArguments.Read(line);
        line.RejectUnknown();
        NoPositional(line, "fhir export");
        if (mrnSystem is not null && !Uri.TryCreate(mrnSystem, UriKind.Absolute, out _))
        {
            throw new UsageException($"--mrn-system must be an absolute URI (e.g. urn:oid:...), not '{mrnSystem}'.");
        }

        Episode? episode;
        await using (var provider = await StorageArguments.OpenServicesAsync(storage))
        {
            await using var scope = provider.CreateAsyncScope();
            episode = await scope.ServiceProvider.GetRequiredService<ClinicalStore>().LoadEpisodeAsync(referralId);
        }

        if (episode is null)
        {
            Console.Error.WriteLine($"seldinger: no episode has referral id {referralId} in {storage.DataDirectory}.");
            return EpisodeNotFound;
        }

        var catalogue = ProcedureCatalogue.LoadDefault();
        var procedureId = episode.Procedure?.ProcedureId ?? episode.Referral.ProcedureId ?? episode.Referral.SuggestedProcedureId;
        var procedure = procedureId is null ? null : catalogue.Find(procedureId);
        string json;
        try
        {
            var options = mrnSystem is null ? FhirExportOptions.Default : new FhirExportOptions { MrnSystem = mrnSystem };
            json = FhirJson.Serialize(EpisodeBundleBuilder.Build(episode, procedure, options));
        }
        catch (ClinicalValidationException ex)
        {
            Console.Error.WriteLine($"seldinger: the episode cannot be exported: {ex.Message}");
            return 1;
        }

        await WriteAsync(json, output, $"FHIR bundle of episode {referralId}");
        return 0;
    }

    private static async Task<int> CodeSystemAsync(CommandLine line)
    {
        var output = line.Value("--out");
        line.RejectUnknown();
        NoPositional(line, "fhir codesystem");
        await WriteAsync(FhirJson.Serialize(IrAdverseEventCodeSystem.Create()), output, "CodeSystem " + IrAdverseEventCodeSystem.Url);
        return 0;
    }

    private static async Task WriteAsync(string json, string? output, string what)
    {
        if (output is null)
        {
            CliApp.Say(json);
            return;
        }

        var full = Path.GetFullPath(output);
        if (Path.GetDirectoryName(full) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(full, json);
        Console.Error.WriteLine($"{what} written to {full}.");
    }

    private static void NoPositional(CommandLine line, string command)
    {
        if (line.Positional.Count > 0)
        {
            throw new UsageException($"{command} takes no arguments, not '{line.Positional[0]}'.");
        }
    }
}
