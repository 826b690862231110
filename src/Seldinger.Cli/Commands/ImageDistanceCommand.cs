using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Gpu;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger image distance --labels FILE [--series SERIES] --label N|NAME [--signed] [--device cpu|gpu|auto] --out dist.nrrd</c>: the exact
/// Euclidean distance (mm) from every voxel centre to the nearest voxel centre of the label, as a float NRRD;
/// with --signed, inside the label minus the distance to the nearest voxel centre outside it. --device picks
/// the engine: auto (the default) uses a CUDA GPU when one is present, else the CPU engine.
/// </summary>
internal static class ImageDistanceCommand
{
    public static int Run(CommandLine line)
    {
        var labelsPath = line.Value("--labels") ?? throw new UsageException("image distance needs --labels FILE.");
        var output = line.Value("--out") ?? throw new UsageException("image distance needs --out dist.nrrd.");
        var labelText = line.Value("--label") ?? throw new UsageException("image distance needs --label N|NAME.");
        var seriesPath = line.Value("--series");
        var signed = line.Flag("--signed");
        var deviceText = line.Value("--device") ?? "auto";
        line.RejectUnknown();
        ComputeDevice device;
        try
        {
            device = ComputeDevices.Parse(deviceText);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"Unknown --device '{deviceText}'; use cpu, gpu or auto.");
        }

        if (line.Positional.Count != 0)
        {
            throw new UsageException($"image distance takes no positional argument ('{line.Positional[0]}').");
        }

        if (!string.Equals(Path.GetExtension(output), ".nrrd", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException("--out must end in .nrrd.");
        }

        ImageCommand.CheckOutputFolder(output);
        var series = seriesPath is null ? null : ImageCommand.ReadSeries(seriesPath);
        var source = ImageCommand.ReadLabels(labelsPath, series?.Geometry);
        var wanted = ImageCommand.ParseLabels("--label", labelText, source);
        if (wanted.Length != 1)
        {
            throw new UsageException("image distance takes one --label.");
        }

        var label = wanted[0];
        var name = ImageCommand.LabelName(label, source);
        var count = source.Labels.Voxels.AsSpan().Count(label);
        if (count == 0)
        {
            throw new InvalidDataException($"{labelsPath}: no voxel has label {label} ({name}).");
        }

        if (!source.Labels.Geometry.IsOrthonormal)
        {
            throw new InvalidDataException($"{labelsPath}: the grid is sheared (gantry tilt); distances need orthogonal axes.");
        }

        var engine = DistanceTransformEngines.Create(device);
        var engineName = engine.Name;
        Volume<float> distance;
        try
        {
            // Signed: inside the label, minus the distance to the nearest voxel centre of anything else.
            distance = signed
                ? engine.ComputeSigned(source.Labels, v => v == label)
                : engine.Compute(source.Labels, v => v == label);
        }
        finally
        {
            (engine as IDisposable)?.Dispose();
        }

        NrrdFloatVolume.Write(distance, output, signed
            ? $"signed distance (mm) to label {label} ({name}): negative inside, voxel centre to voxel centre"
            : $"distance (mm) to label {label} ({name}), voxel centre to voxel centre");
        var max = 0f;
        var min = 0f;
        foreach (var v in distance.Voxels)
        {
            max = Math.Max(max, v);
            min = Math.Min(min, v);
        }

        var g = distance.Geometry;
        CliApp.Say(FormattableString.Invariant($"Wrote the {(signed ? "signed " : "")}distance to {name} (label {label}, {count} voxels) on {g.SizeI}×{g.SizeJ}×{g.SizeK} voxels to {output}: {(signed ? $"{min:0.##} to " : "0 to ")}{max:0.##} mm ({engineName})."));
        return 0;
    }
}
