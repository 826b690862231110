using Seldinger.Dicom;

namespace Seldinger.Cli.Commands;

/// <summary><c>seldinger dicom dump FILE [--json]</c>.</summary>
internal static class DicomCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] != "dump")
        {
            throw new UsageException("Use 'seldinger dicom dump FILE [--json]'.");
        }

        var line = CommandLine.Parse(args.Skip(1), "--json");
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
