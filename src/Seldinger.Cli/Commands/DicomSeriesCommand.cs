using System.Text.Json;
using Seldinger.Imaging.Series;

namespace Seldinger.Cli.Commands;

/// <summary><c>seldinger dicom series DIR [--json]</c>: the volume a folder of slices forms, or why it does not.</summary>
internal static class DicomSeriesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(CommandLine line)
    {
        var json = line.Flag("--json");
        line.RejectUnknown();
        if (line.Positional.Count != 1)
        {
            throw new UsageException("dicom series takes exactly one DIR.");
        }

        var directory = line.Positional[0];
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such directory.");
        }

        var files = Directory.EnumerateFiles(directory).Where(f => !f.EndsWith(".nrrd", StringComparison.OrdinalIgnoreCase)).ToList();
        var series = DicomSeriesReader.ReadVolume(files);
        var g = series.Geometry;
        var origin = new[] { g.Origin.X, g.Origin.Y, g.Origin.Z };
        var direction = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, 3).Select(c =>
        {
            var column = g.Direction.Column(c);
            return r switch { 0 => column.X, 1 => column.Y, _ => column.Z };
        })).ToArray();
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                series.SeriesInstanceUid,
                series.StudyInstanceUid,
                series.PatientId,
                series.Modality,
                series.SeriesDescription,
                Size = new[] { g.SizeI, g.SizeJ, g.SizeK },
                Spacing = new[] { g.SpacingI, g.SpacingJ, g.SpacingK },
                Origin = origin,
                Direction = direction,
                Files = series.Slices.Count,
            }, Json));
        }
        else
        {
            CliApp.Say($"Series {series.SeriesInstanceUid} ({series.Modality}, {series.SeriesDescription})");
            CliApp.Say($"  size     {g.SizeI} × {g.SizeJ} × {g.SizeK} voxels");
            CliApp.Say($"  spacing  {g.SpacingI:0.###} × {g.SpacingJ:0.###} × {g.SpacingK:0.###} mm");
            CliApp.Say($"  origin   ({g.Origin.X:0.###}, {g.Origin.Y:0.###}, {g.Origin.Z:0.###}) mm LPS");
            CliApp.Say($"  axes     i {Format(g.Direction.Column(0))}, j {Format(g.Direction.Column(1))}, k {Format(g.Direction.Column(2))}");
        }

        return 0;
    }

    private static string Format(Seldinger.Imaging.Geometry.Vector3D v) => $"({v.X:0.###}, {v.Y:0.###}, {v.Z:0.###})";
}
