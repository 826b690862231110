using System.Text.Json;
using Seldinger.Imaging.Labels;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger image stats --labels FILE [--series SERIES] [--label N|NAME,...] [--json]</c>: per label the voxel count,
/// volume (mL), bounding box and centroid (LPS mm, voxel centres), largest diameter (mm, between voxel centres) and,
/// with the series, mean, SD, min and max of the CT numbers.
/// </summary>
internal static class ImageStatsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(CommandLine line)
    {
        var labelsPath = line.Value("--labels") ?? throw new UsageException("image stats needs --labels FILE.");
        var seriesPath = line.Value("--series");
        var labelText = line.Value("--label");
        var json = line.Flag("--json");
        line.RejectUnknown();
        if (line.Positional.Count != 0)
        {
            throw new UsageException($"image stats takes no positional argument ('{line.Positional[0]}'); the series goes with --series.");
        }

        var series = seriesPath is null ? null : ImageCommand.ReadSeries(seriesPath);
        var source = ImageCommand.ReadLabels(labelsPath, series?.Geometry);
        var wanted = labelText is null ? null : ImageCommand.ParseLabels("--label", labelText, source);
        var measurements = wanted is null
            ? LabelStatistics.ComputeAll(source.Labels)
            : [.. wanted.Order().Select(l => LabelStatistics.Compute(source.Labels, l) ?? throw new InvalidDataException($"{labelsPath}: no voxel has label {l}."))];
        var intensities = series is null
            ? new Dictionary<byte, LabelIntensity>()
            : LabelStatistics.ComputeIntensities(source.Labels, series.Hounsfield).ToDictionary(s => s.Label);

        var g = source.Labels.Geometry;
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                Size = new[] { g.SizeI, g.SizeJ, g.SizeK },
                Spacing = new[] { g.SpacingI, g.SpacingJ, g.SpacingK },
                VoxelVolumeMl = Math.Abs(g.IndexToWorldMatrix.Determinant) / 1000,
                Labels = measurements.Select(m => new
                {
                    m.Label,
                    Name = ImageCommand.LabelName(m.Label, source),
                    m.VoxelCount,
                    m.VolumeMl,
                    MinIndex = new[] { m.MinIndex.I, m.MinIndex.J, m.MinIndex.K },
                    MaxIndex = new[] { m.MaxIndex.I, m.MaxIndex.J, m.MaxIndex.K },
                    BoundingBoxMinMm = new[] { m.WorldMin.X, m.WorldMin.Y, m.WorldMin.Z },
                    BoundingBoxMaxMm = new[] { m.WorldMax.X, m.WorldMax.Y, m.WorldMax.Z },
                    CentroidMm = new[] { m.Centroid.X, m.Centroid.Y, m.Centroid.Z },
                    m.LargestDiameterMm,
                    DiameterEndsMm = new[] { new[] { m.DiameterStart.X, m.DiameterStart.Y, m.DiameterStart.Z }, new[] { m.DiameterEnd.X, m.DiameterEnd.Y, m.DiameterEnd.Z } },
                    Hu = intensities.TryGetValue(m.Label, out var s)
                        ? new { s.Mean, Sd = s.StandardDeviation, s.Min, s.Max }
                        : null,
                }),
            }, Json));
            return 0;
        }

        CliApp.Say(FormattableString.Invariant($"{measurements.Count} label(s) on a {g.SizeI}×{g.SizeJ}×{g.SizeK} grid, {g.SpacingI:0.###}×{g.SpacingJ:0.###}×{g.SpacingK:0.###} mm; positions are voxel centres, LPS mm."));
        foreach (var m in measurements)
        {
            CliApp.Say(FormattableString.Invariant($"{m.Label,3} {ImageCommand.LabelName(m.Label, source)}: {m.VolumeMl:0.###} mL ({m.VoxelCount} voxels), largest diameter {m.LargestDiameterMm:0.0} mm"));
            CliApp.Say(FormattableString.Invariant($"    centroid ({m.Centroid.X:0.0}, {m.Centroid.Y:0.0}, {m.Centroid.Z:0.0}), box ({m.WorldMin.X:0.0}, {m.WorldMin.Y:0.0}, {m.WorldMin.Z:0.0}) to ({m.WorldMax.X:0.0}, {m.WorldMax.Y:0.0}, {m.WorldMax.Z:0.0})"));
            if (intensities.TryGetValue(m.Label, out var s))
            {
                CliApp.Say(FormattableString.Invariant($"    HU mean {s.Mean:0.0}, SD {s.StandardDeviation:0.0}, min {s.Min}, max {s.Max}"));
            }
        }

        return 0;
    }
}
