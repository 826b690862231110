using System.Text.Json;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;
using Seldinger.Storage;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger dicom series DIR [--json] [--tilt reject|resample]</c>: the volumes a folder of images forms
/// (grouped by series, orientation and size), or why they do not, and which files were skipped and why.
/// Reads headers only.
/// </summary>
internal static class DicomSeriesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(CommandLine line)
    {
        var json = line.Flag("--json");
        var tilt = line.Value("--tilt") ?? "reject";
        line.RejectUnknown();
        if (line.Positional.Count != 1)
        {
            throw new UsageException("dicom series takes exactly one DIR.");
        }

        if (tilt is not ("reject" or "resample"))
        {
            throw new UsageException("--tilt is 'reject' (default) or 'resample'.");
        }

        var directory = line.Positional[0];
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such directory.");
        }

        var options = new SeriesReadOptions { ResampleGantryTilt = tilt == "resample" };
        var grouping = DicomSeriesGrouper.GroupDirectory(directory, recursive: false);
        var results = new List<GroupResult>();
        foreach (var group in grouping.Groups)
        {
            if (group.Frames > 1)
            {
                results.Add(new GroupResult(group, null, $"multi-frame image ({group.Frames} frames)"));
                continue;
            }

            try
            {
                results.Add(new GroupResult(group, DicomSeriesReader.ReadLayout(group.Files, options), null));
            }
            catch (SeriesGeometryException e)
            {
                results.Add(new GroupResult(group, null, e.Message));
            }
        }

        var first = results.FirstOrDefault(r => r.Layout is not null);
        if (first is null)
        {
            // Nothing forms a volume: the first reason is the answer (a single broken series reads as before).
            var reason = results.FirstOrDefault()?.Error
                ?? (grouping.Skipped.Count > 0 ? $"no image series; {grouping.Skipped.Count} file(s) skipped, e.g. {Path.GetFileName(grouping.Skipped[0].Path)}: {grouping.Skipped[0].Reason}" : "no files");
            throw new SeriesGeometryException(reason);
        }

        if (json)
        {
            var g = first.Layout!.Geometry;
            var stored = SeriesGeometryJson.From(g); // the same origin/spacing/direction layout the API serves
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                first.Layout.SeriesInstanceUid,
                first.Layout.StudyInstanceUid,
                first.Layout.PatientId,
                first.Layout.Modality,
                first.Layout.SeriesDescription,
                Size = new[] { g.SizeI, g.SizeJ, g.SizeK },
                stored.Spacing,
                stored.Origin,
                stored.Direction,
                Files = first.Layout.Slices.Count,
                first.Layout.GantryTiltDegrees,
                Groups = results.Select(r => new
                {
                    r.Group.SeriesInstanceUid,
                    r.Group.SeriesNumber,
                    r.Group.Modality,
                    r.Group.SeriesDescription,
                    r.Group.SopClassUid,
                    r.Group.GroupIndex,
                    Files = r.Group.Files.Count,
                    Size = r.Layout is { } l ? new[] { l.Geometry.SizeI, l.Geometry.SizeJ, l.Geometry.SizeK } : null,
                    Spacing = r.Layout is { } s ? new[] { s.Geometry.SpacingI, s.Geometry.SpacingJ, s.Geometry.SpacingK } : null,
                    GantryTiltDegrees = r.Layout?.GantryTiltDegrees,
                    r.Error,
                }),
                Skipped = grouping.Skipped.Select(s => new { s.Path, s.Reason }),
            }, Json));
            return 0;
        }

        foreach (var r in results)
        {
            var group = r.Group;
            CliApp.Say($"Series {group.SeriesInstanceUid} ({group.Modality}, {group.SeriesDescription}){(group.GroupIndex > 0 ? $", stack {group.GroupIndex + 1}" : "")}, {group.Files.Count} file(s)");
            if (r.Layout is not { } layout)
            {
                CliApp.Say($"  no volume: {r.Error}");
                continue;
            }

            var g = layout.Geometry;
            CliApp.Say($"  size     {g.SizeI} × {g.SizeJ} × {g.SizeK} voxels");
            CliApp.Say($"  spacing  {g.SpacingI:0.###} × {g.SpacingJ:0.###} × {g.SpacingK:0.###} mm");
            CliApp.Say($"  origin   ({g.Origin.X:0.###}, {g.Origin.Y:0.###}, {g.Origin.Z:0.###}) mm LPS");
            CliApp.Say($"  axes     i {Format(g.Direction.Column(0))}, j {Format(g.Direction.Column(1))}, k {Format(g.Direction.Column(2))}");
            if (layout.IsSheared)
            {
                CliApp.Say($"  tilt     {layout.GantryTiltDegrees:0.#}° gantry tilt, resampled onto the orthogonal grid");
            }
        }

        foreach (var s in grouping.Skipped)
        {
            CliApp.Say($"Skipped {Path.GetFileName(s.Path)}: {s.Reason}");
        }

        return 0;
    }

    private sealed record GroupResult(SeriesGroup Group, SeriesLayout? Layout, string? Error);

    private static string Format(Vector3D v) => $"({v.X:0.###}, {v.Y:0.###}, {v.Z:0.###})";
}
