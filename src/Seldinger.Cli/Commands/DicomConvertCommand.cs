using Seldinger.Dicom;

namespace Seldinger.Cli.Commands;

/// <summary><c>seldinger dicom convert IN OUT --transfer-syntax NAME|UID</c>.</summary>
internal static class DicomConvertCommand
{
    public static int Run(CommandLine line)
    {
        var syntaxName = line.Value("--transfer-syntax") ?? throw new UsageException("dicom convert needs --transfer-syntax NAME|UID.");
        line.RejectUnknown();
        if (line.Positional.Count != 2)
        {
            throw new UsageException("dicom convert takes IN and OUT.");
        }

        var syntax = Resolve(syntaxName);
        if (syntax.IsEncapsulated)
        {
            throw new UsageException($"Writing {syntax.Name} is not supported yet; use an uncompressed transfer syntax.");
        }

        var input = DicomFile.Open(line.Positional[0]);
        if (input.TransferSyntax.IsEncapsulated)
        {
            throw new InvalidOperationException($"{line.Positional[0]}: its pixel data is compressed ({input.TransferSyntax.Name}); decompressing is not supported yet.");
        }

        DicomFile.Create(input.Dataset, syntax).Save(line.Positional[1]);
        CliApp.Say($"Wrote {line.Positional[1]} in {syntax.Name}.");
        return 0;
    }

    private static TransferSyntax Resolve(string name)
    {
        var byUid = TransferSyntax.Lookup(name);
        if (byUid is not null)
        {
            return byUid;
        }

        var normalised = Normalise(name);
        return TransferSyntax.All.FirstOrDefault(s => Normalise(s.Name) == normalised)
            ?? throw new UsageException($"Unknown transfer syntax '{name}'; known: {string.Join(", ", TransferSyntax.All.Select(s => s.Name))}.");
    }

    private static string Normalise(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
