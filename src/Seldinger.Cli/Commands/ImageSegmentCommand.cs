using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Morphology;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger image segment SERIES (--threshold LO,HI | --grow x,y,z --range LO,HI | --body | --lungs | --bones)
/// [--close MM] [--fill-holes] [--largest] [--value N] --out labels.nrrd</c>: a mask from the CT, refined in that order
/// (closing with a ball of MM millimetres, 3D hole filling, largest 6-connected component), written as a label map
/// with value N (default 1) on the series' grid.
/// </summary>
internal static class ImageSegmentCommand
{
    public static int Run(CommandLine line)
    {
        var output = line.Value("--out") ?? throw new UsageException("image segment needs --out labels.nrrd.");
        var thresholdText = line.Value("--threshold");
        var growText = line.Value("--grow");
        var rangeText = line.Value("--range");
        var body = line.Flag("--body");
        var lungs = line.Flag("--lungs");
        var bones = line.Flag("--bones");
        var largest = line.Flag("--largest");
        var fillHoles = line.Flag("--fill-holes");
        var closeText = line.Value("--close");
        var close = line.DoubleValue("--close", 0, 0, 100);
        var value = (byte)line.IntValue("--value", 1, 1, 255);
        line.RejectUnknown();
        if (line.Positional.Count != 1)
        {
            throw new UsageException("image segment takes exactly one SERIES folder.");
        }

        var methods = (thresholdText is null ? 0 : 1) + (growText is null ? 0 : 1) + (body ? 1 : 0) + (lungs ? 1 : 0) + (bones ? 1 : 0);
        if (methods != 1)
        {
            throw new UsageException("Give exactly one of --threshold LO,HI, --grow x,y,z --range LO,HI, --body, --lungs or --bones.");
        }

        if ((growText is null) != (rangeText is null))
        {
            throw new UsageException("--grow x,y,z and --range LO,HI go together.");
        }

        if (!string.Equals(Path.GetExtension(output), ".nrrd", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException("--out must end in .nrrd.");
        }

        if (closeText is not null && close <= 0)
        {
            throw new UsageException("--close is a radius in millimetres above 0.");
        }

        var threshold = thresholdText is null ? default : ImageCommand.ParseRange("--threshold", thresholdText);
        var range = rangeText is null ? default : ImageCommand.ParseRange("--range", rangeText);
        var seedPoint = growText is null ? default : ImageCommand.ParseTriple("--grow", growText);
        ImageCommand.CheckOutputFolder(output);

        var ct = ImageCommand.ReadSeries(line.Positional[0]).Hounsfield;
        Volume<byte> mask;
        string what;
        if (thresholdText is not null)
        {
            mask = IntensityThreshold.Apply(ct, threshold.Low, threshold.High);
            what = FormattableString.Invariant($"{threshold.Low} to {threshold.High} HU");
        }
        else if (growText is not null)
        {
            var point = new WorldPoint(seedPoint.X, seedPoint.Y, seedPoint.Z);
            if (!ct.Geometry.TryGetVoxel(point, out var seed))
            {
                throw new UsageException($"--grow {growText} is outside the series.");
            }

            var hu = ct[seed];
            if (hu < range.Low || hu > range.High)
            {
                throw new UsageException(FormattableString.Invariant($"The seed voxel ({seed.I}, {seed.J}, {seed.K}) is {hu} HU, outside --range {range.Low},{range.High}."));
            }

            mask = RegionGrowing.Grow(ct, seed, range.Low, range.High, Connectivity.Six, ct.Geometry.VoxelCount).Mask;
            what = FormattableString.Invariant($"region grown from voxel ({seed.I}, {seed.J}, {seed.K}) within {range.Low} to {range.High} HU");
        }
        else if (body)
        {
            mask = BodyMasks.Body(ct);
            what = "body";
        }
        else if (lungs)
        {
            mask = BodyMasks.Lung(ct, BodyMasks.Body(ct));
            what = "lungs";
        }
        else
        {
            mask = BodyMasks.Bone(ct, BodyMasks.Body(ct));
            what = "bones";
        }

        mask = Refine(mask, close, fillHoles, largest);
        var count = 0L;
        var voxels = mask.Voxels;
        for (var n = 0; n < voxels.Length; n++)
        {
            if (voxels[n] != 0)
            {
                voxels[n] = value;
                count++;
            }
        }

        NrrdLabelMap.Write(mask, output);
        var g = mask.Geometry;
        CliApp.Say(FormattableString.Invariant($"Segmented {what}: {count} voxels, {count * Math.Abs(g.IndexToWorldMatrix.Determinant) / 1000:0.###} mL, label {value}; wrote {output}."));
        return 0;
    }

    /// <summary>The refinements in the documented order: closing, hole filling, largest component.</summary>
    public static Volume<byte> Refine(Volume<byte> mask, double closeMm, bool fillHoles, bool largest)
    {
        if (closeMm > 0)
        {
            mask = BinaryMorphology.Close(mask, closeMm);
        }

        if (fillHoles)
        {
            mask = BinaryMorphology.FillHoles(mask);
        }

        if (largest)
        {
            mask = ConnectedComponents.KeepLargest(mask, Connectivity.Six);
        }

        return mask;
    }
}
