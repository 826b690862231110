using Seldinger.Dicom;

namespace Seldinger.Cli.Commands;

/// <summary><c>seldinger dicom dump|series|pixels|convert ...</c>.</summary>
internal static class DicomCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            throw new UsageException("Use 'seldinger dicom dump|series|pixels|convert ...'.");
        }

        var rest = args.Skip(1);
        return args[0] switch
        {
            "dump" => Dump(CommandLine.Parse(rest, "--json")),
            "series" => DicomSeriesCommand.Run(CommandLine.Parse(rest, "--json")),
            "pixels" => DicomPixelsCommand.Run(CommandLine.Parse(rest)),
            "convert" => DicomConvertCommand.Run(CommandLine.Parse(rest)),
            _ => throw new UsageException($"Unknown dicom command '{args[0]}'; use dump, series, pixels or convert."),
        };
    }

    private static int Dump(CommandLine line)
    {
        var json = line.Flag("--json");
        line.RejectUnknown();
        if (line.Positional.Count != 1)
        {
            throw new UsageException("dicom dump takes exactly one FILE.");
        }

        var path = line.Positional[0];
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.");
        }

        var file = DicomFile.Open(path);
        Console.Out.WriteLine(json ? DicomJsonModel.ToJson(file.Dataset) : DicomDump.ToText(file));
        return 0;
    }
}
