using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Resampling;
using Seldinger.Imaging.Reslicing;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger image reslice SERIES (--plane axial|coronal|sagittal [--index N] | --center x,y,z --normal x,y,z [--up x,y,z])
/// [--slab MM [--mode mip|minip|mean]] [--window C,W | --preset soft|bone|lung|liver] [--labels FILE [--opacity 0.4]]
/// [--pixel MM] [--size W,H] [--interp nearest|linear|cubic] --out x.png</c>.
/// </summary>
/// <remarks>
/// Standard planes are <see cref="Reslicer"/>'s (radiological convention) through the centre of index slice N along the
/// index axis closest to the plane's normal (default: the middle slice). An oblique plane is centred on --center with
/// the given normal; its columns run against --up projected onto the plane (default: anterior for a mostly axial
/// normal, else superior) and its rows are column × normal, so an axial normal (0,0,1) gives the axial view. Labels
/// are sampled nearest-neighbour on the same plane (mid-plane of a slab) and blended in <see cref="LabelColors"/>.
/// </remarks>
internal static class ImageResliceCommand
{
    public static int Run(CommandLine line)
    {
        var output = line.Value("--out") ?? throw new UsageException("image reslice needs --out x.png.");
        var planeName = line.Value("--plane");
        var indexText = line.Value("--index");
        var centerText = line.Value("--center");
        var normalText = line.Value("--normal");
        var upText = line.Value("--up");
        var slab = line.DoubleValue("--slab", 0, 0, 10000);
        var modeText = line.Value("--mode");
        var windowText = line.Value("--window");
        var preset = line.Value("--preset");
        var labelsPath = line.Value("--labels");
        var opacity = line.DoubleValue("--opacity", 0.4, 0, 1);
        var pixelText = line.Value("--pixel");
        var pixel = pixelText is null ? (double?)null : line.DoubleValue("--pixel", 1, 0.01, 100);
        var sizeText = line.Value("--size");
        var interpText = line.Value("--interp") ?? "linear";
        line.RejectUnknown();
        if (line.Positional.Count != 1)
        {
            throw new UsageException("image reslice takes exactly one SERIES folder.");
        }

        if (!string.Equals(Path.GetExtension(output), ".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException("--out must end in .png.");
        }

        if ((planeName is null) == (centerText is null))
        {
            throw new UsageException("Give either --plane axial|coronal|sagittal or --center x,y,z with --normal x,y,z.");
        }

        if (planeName is not null && (normalText is not null || upText is not null || sizeText is not null))
        {
            throw new UsageException("--normal, --up and --size go with --center, not with --plane.");
        }

        if (centerText is not null && indexText is not null)
        {
            throw new UsageException("--index goes with --plane, not with --center.");
        }

        if (modeText is not null && slab == 0)
        {
            throw new UsageException("--mode needs --slab MM.");
        }

        var mode = modeText switch
        {
            null or "mip" => SlabProjection.Maximum,
            "minip" => SlabProjection.Minimum,
            "mean" => SlabProjection.Mean,
            _ => throw new UsageException($"--mode must be mip, minip or mean, not '{modeText}'."),
        };
        var window = Window(windowText, preset);
        var interpolator = interpText switch
        {
            "nearest" => Interpolator.Nearest,
            "linear" => Interpolator.Linear,
            "cubic" => Interpolator.CubicBSpline,
            _ => throw new UsageException($"--interp must be nearest, linear or cubic, not '{interpText}'."),
        };
        ImageCommand.CheckOutputFolder(output);

        var series = ImageCommand.ReadSeries(line.Positional[0]);
        var ct = series.Hounsfield;
        var g = ct.Geometry;
        var plane = planeName is not null
            ? StandardPlane(g, planeName, indexText, pixel)
            : ObliquePlane(g, ImageCommand.ParseTriple("--center", centerText!), normalText, upText, pixel, sizeText);
        var labels = labelsPath is null ? null : ImageCommand.ReadLabels(labelsPath, g);

        var image = Reslicer.Slab(ct, plane, interpolator.WithOutside(-1024), slab, mode);
        byte[] png;
        if (labels is null)
        {
            png = image.ToPng(window);
        }
        else
        {
            var labelImage = Reslicer.Reslice(labels.Labels, plane, Interpolator.Nearest);
            png = PngEncoder.EncodeRgba(Overlay(image.ToGray8(window), labelImage.Pixels, opacity), plane.Width, plane.Height);
        }

        ImageCommand.WriteAtomically(output, s => s.Write(png));
        var c = plane.Center;
        CliApp.Say(FormattableString.Invariant(
            $"Wrote {plane.Width}×{plane.Height} px ({plane.PixelSpacingX:0.###}×{plane.PixelSpacingY:0.###} mm) centred at ({c.X:0.0}, {c.Y:0.0}, {c.Z:0.0}) mm LPS, normal ({plane.Normal.X:0.###}, {plane.Normal.Y:0.###}, {plane.Normal.Z:0.###}){(slab > 0 ? $", {modeText ?? "mip"} slab {slab:0.##} mm" : "")}, window {window} to {output}."));
        return 0;
    }

    /// <summary>Blends label colours over the grey pixels (label 0 and values outside the volume stay grey).</summary>
    public static byte[] Overlay(byte[] grey, float[] labels, double opacity)
    {
        var rgba = new byte[grey.Length * 4];
        for (var n = 0; n < grey.Length; n++)
        {
            var g = grey[n];
            var o = n * 4;
            var label = (byte)Math.Clamp(labels[n], 0, 255);
            if (label == 0)
            {
                rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
            }
            else
            {
                var color = LabelColors.Of(label);
                rgba[o] = Blend(g, (byte)(color >> 16), opacity);
                rgba[o + 1] = Blend(g, (byte)(color >> 8), opacity);
                rgba[o + 2] = Blend(g, (byte)color, opacity);
            }

            rgba[o + 3] = 255;
        }

        return rgba;
    }

    private static byte Blend(byte grey, byte color, double opacity) => (byte)Math.Floor((grey * (1 - opacity)) + (color * opacity) + 0.5);

    private static WindowLevel Window(string? windowText, string? preset)
    {
        if (windowText is not null && preset is not null)
        {
            throw new UsageException("Give --window C,W or --preset, not both.");
        }

        if (windowText is not null)
        {
            var parts = windowText.Split(',');
            return parts.Length == 2
                && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var c)
                && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w)
                && double.IsFinite(c) && double.IsFinite(w) && w >= 1
                ? new WindowLevel(c, w)
                : throw new UsageException($"--window must be CENTER,WIDTH with width ≥ 1, not '{windowText}'.");
        }

        return preset switch
        {
            null or "soft" => WindowLevel.SoftTissue,
            "bone" => WindowLevel.Bone,
            "lung" => WindowLevel.Lung,
            "liver" => WindowLevel.Liver,
            _ => throw new UsageException($"--preset must be soft, bone, lung or liver, not '{preset}'."),
        };
    }

    /// <summary>The standard plane through the centre of index slice N along the index axis closest to the plane's normal.</summary>
    public static SlicePlane StandardPlane(VolumeGeometry g, string name, string? indexText, double? pixel)
    {
        var normal = name switch
        {
            "axial" => Vector3D.UnitZ,
            "coronal" => Vector3D.UnitY,
            "sagittal" => Vector3D.UnitX,
            _ => throw new UsageException($"--plane must be axial, coronal or sagittal, not '{name}'."),
        };
        var axis = Reslicer.ClosestIndexAxis(g, normal);
        var sizes = new[] { g.SizeI, g.SizeJ, g.SizeK };
        var count = sizes[axis];
        var index = count / 2;
        if (indexText is not null
            && (!int.TryParse(indexText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out index) || index < 0 || index >= count))
        {
            throw new UsageException($"--index must be from 0 to {count - 1} for the {name} plane of this series, not '{indexText}'.");
        }

        var centre = new double[] { (g.SizeI - 1) / 2.0, (g.SizeJ - 1) / 2.0, (g.SizeK - 1) / 2.0 };
        centre[axis] = index;
        var position = g.IndexToWorld(new ContinuousIndex(centre[0], centre[1], centre[2])).ToVector().Dot(normal);
        return name switch
        {
            "axial" => Reslicer.AxialPlane(g, position, pixel),
            "coronal" => Reslicer.CoronalPlane(g, position, pixel),
            _ => Reslicer.SagittalPlane(g, position, pixel),
        };
    }

    /// <summary>
    /// A plane centred on <paramref name="centre"/> with the given normal; by default square pixels of the volume's
    /// smallest spacing and a square image as wide as the volume's diagonal.
    /// </summary>
    public static SlicePlane ObliquePlane(VolumeGeometry g, (double X, double Y, double Z) centre, string? normalText, string? upText, double? pixel, string? sizeText)
    {
        if (normalText is null)
        {
            throw new UsageException("--center needs --normal x,y,z.");
        }

        var (nx, ny, nz) = ImageCommand.ParseTriple("--normal", normalText);
        var normal = new Vector3D(nx, ny, nz);
        if (!(normal.Length > 1e-9))
        {
            throw new UsageException("--normal must not be the zero vector.");
        }

        normal = normal.Normalized;
        Vector3D up;
        if (upText is null)
        {
            up = Math.Abs(normal.Z) > 0.7 ? -Vector3D.UnitY : Vector3D.UnitZ;
        }
        else
        {
            var (ux, uy, uz) = ImageCommand.ParseTriple("--up", upText);
            up = new Vector3D(ux, uy, uz);
        }

        var inPlane = up - (normal * up.Dot(normal));
        if (!(inPlane.Length > 1e-6 * Math.Max(1, up.Length)))
        {
            throw new UsageException("--up must not be parallel to --normal.");
        }

        var column = -inPlane.Normalized;
        var row = column.Cross(normal).Normalized;
        var spacing = pixel ?? g.MinimumSpacing;
        int width, height;
        if (sizeText is null)
        {
            var diagonal = new Vector3D(g.SizeI * g.SpacingI, g.SizeJ * g.SpacingJ, g.SizeK * g.SpacingK).Length;
            width = height = Math.Min(4096, (int)Math.Ceiling(diagonal / spacing));
        }
        else
        {
            var parts = sizeText.Split(',');
            if (parts.Length != 2
                || !int.TryParse(parts[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out width)
                || !int.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out height)
                || width < 1 || height < 1 || width > 8192 || height > 8192)
            {
                throw new UsageException($"--size must be W,H, two whole numbers from 1 to 8192, not '{sizeText}'.");
            }
        }

        return SlicePlane.FromCenter(new WorldPoint(centre.X, centre.Y, centre.Z), row, column, width, height, spacing, spacing);
    }
}
