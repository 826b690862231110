using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Segmentation;
using Seldinger.Imaging.Series;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger image reslice|stats|mesh|segment|distance ...</c>: the imaging library on a folder of DICOM
/// slices and/or a label map (labels.nrrd, or a DICOM SEG read onto its series' grid).
/// </summary>
internal static class ImageCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            throw new UsageException("Use 'seldinger image reslice|stats|mesh|segment|distance ...'.");
        }

        var rest = args.Skip(1);
        try
        {
            return args[0] switch
            {
                "reslice" => ImageResliceCommand.Run(CommandLine.Parse(rest)),
                "stats" => ImageStatsCommand.Run(CommandLine.Parse(rest, "--json")),
                "mesh" => ImageMeshCommand.Run(CommandLine.Parse(rest)),
                "segment" => ImageSegmentCommand.Run(CommandLine.Parse(rest, "--body", "--lungs", "--bones", "--largest", "--fill-holes")),
                "distance" => ImageDistanceCommand.Run(CommandLine.Parse(rest, "--signed")),
                _ => throw new UsageException($"Unknown image command '{args[0]}'; use reslice, stats, mesh, segment or distance."),
            };
        }
        catch (ArgumentException ex)
        {
            // The library checks its arguments; what reaches here came from the command line.
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>Reads the one CT/MR volume a folder of slices forms (the largest stack when there are several).</summary>
    public static SeriesVolume ReadSeries(string directory)
    {
        if (File.Exists(directory))
        {
            throw new UsageException($"{directory} is a file; SERIES is a folder of DICOM slices.");
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such directory.");
        }

        var grouping = DicomSeriesGrouper.GroupDirectory(directory, recursive: false);
        var group = grouping.Groups.Where(g => g.Frames <= 1).OrderByDescending(g => g.Files.Count).FirstOrDefault()
            ?? throw new SeriesGeometryException(grouping.Skipped.Count > 0
                ? $"{directory}: no series of single-frame images; e.g. {Path.GetFileName(grouping.Skipped[0].Path)}: {grouping.Skipped[0].Reason}"
                : $"{directory}: no DICOM images.");
        return DicomSeriesReader.ReadVolume(group.Files);
    }

    /// <summary>
    /// A label map from NRRD (.nrrd/.nhdr) or from a DICOM SEG, which is read onto <paramref name="series"/>' grid;
    /// with a series, a NRRD must share its grid.
    /// </summary>
    public static LabelSource ReadLabels(string path, VolumeGeometry? series)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".nrrd" or ".nhdr")
        {
            var labels = NrrdLabelMap.Read(path);
            if (series is not null && !SameGrid(series, labels.Geometry))
            {
                throw new InvalidDataException($"{path}: the label map's grid ({Describe(labels.Geometry)}) is not the series' grid ({Describe(series)}).");
            }

            return new LabelSource(labels, []);
        }

        if (series is null)
        {
            throw new UsageException($"{path} is not NRRD, so it is read as a DICOM SEG, which needs its series: add --series DIR.");
        }

        var seg = DicomSegReader.Read(path, series);
        return new LabelSource(seg.Labels, seg.Segments);
    }

    /// <summary>Whether two grids have the same size and, within 1e-3 mm, the same voxel centres.</summary>
    public static bool SameGrid(VolumeGeometry a, VolumeGeometry b)
    {
        if (a.SizeI != b.SizeI || a.SizeJ != b.SizeJ || a.SizeK != b.SizeK)
        {
            return false;
        }

        for (var corner = 0; corner < 8; corner++)
        {
            var index = new VoxelIndex((corner & 1) * (a.SizeI - 1), ((corner >> 1) & 1) * (a.SizeJ - 1), ((corner >> 2) & 1) * (a.SizeK - 1));
            if (a.IndexToWorld(index).DistanceTo(b.IndexToWorld(index)) > 1e-3)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses "x,y,z" (three finite numbers).</summary>
    public static (double X, double Y, double Z) ParseTriple(string option, string text)
    {
        var parts = text.Split(',');
        var values = new double[3];
        if (parts.Length != 3)
        {
            throw new UsageException($"{option} must be three numbers x,y,z, not '{text}'.");
        }

        for (var n = 0; n < 3; n++)
        {
            if (!double.TryParse(parts[n], NumberStyles.Float, CultureInfo.InvariantCulture, out values[n]) || !double.IsFinite(values[n]))
            {
                throw new UsageException($"{option} must be three numbers x,y,z, not '{text}'.");
            }
        }

        return (values[0], values[1], values[2]);
    }

    /// <summary>Parses "LO,HI" (two numbers, LO ≤ HI) within the range of a CT number.</summary>
    public static (short Low, short High) ParseRange(string option, string text)
    {
        var parts = text.Split(',');
        return parts.Length == 2
            && short.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var low)
            && short.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var high)
            && low <= high
            ? (low, high)
            : throw new UsageException($"{option} must be LO,HI, two whole numbers from {short.MinValue} to {short.MaxValue} with LO ≤ HI, not '{text}'.");
    }

    /// <summary>
    /// Label values from a comma-separated list of numbers (1–255) or names: a <see cref="TissueLabel"/> name, or a
    /// segment label of a DICOM SEG (case-insensitive).
    /// </summary>
    public static byte[] ParseLabels(string option, string text, LabelSource source)
    {
        var result = new List<byte>();
        foreach (var word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (byte.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                result.Add(value);
                continue;
            }

            var segment = source.Segments.FirstOrDefault(s => string.Equals(s.Label, word, StringComparison.OrdinalIgnoreCase));
            if (segment is not null)
            {
                result.Add(segment.LabelValue);
                continue;
            }

            if (word.Length > 0 && !char.IsAsciiDigit(word[0]) && Enum.TryParse<TissueLabel>(word, ignoreCase: true, out var tissue) && tissue != TissueLabel.Background)
            {
                result.Add((byte)tissue);
                continue;
            }

            throw new UsageException($"{option}: '{word}' is neither a label from 1 to 255 nor a label name ({string.Join(", ", Enum.GetNames<TissueLabel>().Skip(1))}).");
        }

        return [.. result.Distinct()];
    }

    /// <summary>The name of a label value: the SEG segment's label, else the tissue class.</summary>
    public static string LabelName(byte value, LabelSource source) =>
        source.Segments.FirstOrDefault(s => s.LabelValue == value)?.Label
        ?? (Enum.IsDefined((TissueLabel)value) ? ((TissueLabel)value).ToString() : $"label {value}");

    /// <summary>Writes bytes through a temporary file, so a failed run leaves no half-written output.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{Path.GetDirectoryName(path)}: no such directory for --out.");
        }

        var temporary = full + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Checks that the folder for <paramref name="path"/> exists before any long work.</summary>
    public static void CheckOutputFolder(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{Path.GetDirectoryName(path)}: no such directory for --out.");
        }
    }

    private static string Describe(VolumeGeometry g) =>
        string.Create(CultureInfo.InvariantCulture, $"{g.SizeI}×{g.SizeJ}×{g.SizeK}, {g.SpacingI:0.###}×{g.SpacingJ:0.###}×{g.SpacingK:0.###} mm, origin ({g.Origin.X:0.##}, {g.Origin.Y:0.##}, {g.Origin.Z:0.##})");
}

/// <summary>A label map and, for a DICOM SEG, its segment descriptions.</summary>
internal sealed record LabelSource(Volume<byte> Labels, IReadOnlyList<SegmentDescription> Segments);
