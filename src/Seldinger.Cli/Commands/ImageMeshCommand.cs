using Seldinger.Imaging;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger image mesh --labels FILE [--series SERIES] [--label N|NAME,...] [--smooth ITER] [--decimate FRACTION]
/// --out x.stl|x.obj|x.glb</c>: the closed surface of one label, or of the union of several (default: every non-zero
/// label), optionally Taubin-smoothed and decimated to a fraction of its triangles.
/// </summary>
internal static class ImageMeshCommand
{
    public static int Run(CommandLine line)
    {
        var labelsPath = line.Value("--labels") ?? throw new UsageException("image mesh needs --labels FILE.");
        var output = line.Value("--out") ?? throw new UsageException("image mesh needs --out x.stl, x.obj or x.glb.");
        var seriesPath = line.Value("--series");
        var labelText = line.Value("--label");
        var smooth = line.IntValue("--smooth", 0, 0, 1000);
        var decimateText = line.Value("--decimate");
        var keep = line.DoubleValue("--decimate", 1, 0, 1);
        line.RejectUnknown();
        if (line.Positional.Count != 0)
        {
            throw new UsageException($"image mesh takes no positional argument ('{line.Positional[0]}').");
        }

        var format = Path.GetExtension(output).ToLowerInvariant();
        if (format is not (".stl" or ".obj" or ".glb"))
        {
            throw new UsageException("--out must end in .stl, .obj or .glb.");
        }

        if (decimateText is not null && keep <= 0)
        {
            throw new UsageException("--decimate is the fraction of triangles to keep, above 0 and at most 1.");
        }

        ImageCommand.CheckOutputFolder(output);
        var series = seriesPath is null ? null : ImageCommand.ReadSeries(seriesPath);
        var source = ImageCommand.ReadLabels(labelsPath, series?.Geometry);
        var wanted = labelText is null ? null : ImageCommand.ParseLabels("--label", labelText, source);
        var (volume, value, what) = Select(source, wanted);
        var mesh = LabelSurfaceExtractor.Extract(volume, value);
        if (mesh.TriangleCount == 0)
        {
            throw new InvalidDataException($"{labelsPath}: no voxel has {what}.");
        }

        var extracted = mesh.TriangleCount;
        if (smooth > 0)
        {
            mesh = MeshSmoothing.Taubin(mesh, smooth);
        }

        if (keep < 1)
        {
            mesh = MeshDecimation.Decimate(mesh, keep);
        }

        ImageCommand.WriteAtomically(output, stream =>
        {
            switch (format)
            {
                case ".stl":
                    StlWriter.Write(mesh, stream);
                    break;
                case ".obj":
                    using (var writer = new StreamWriter(stream, leaveOpen: true))
                    {
                        ObjWriter.Write(mesh, writer, what.Replace(' ', '_'));
                    }

                    break;
                default:
                    GltfBinaryWriter.Write(mesh, stream, what);
                    break;
            }
        });

        CliApp.Say(FormattableString.Invariant($"Surface of {what}: {mesh.TriangleCount} triangles ({extracted} extracted), {mesh.VertexCount} vertices, watertight {(MeshTopology.IsWatertight(mesh) ? "yes" : "no")}"));
        CliApp.Say(FormattableString.Invariant($"  area {mesh.SurfaceArea():0.#} mm², enclosed volume {mesh.EnclosedVolume() / 1000:0.###} mL; wrote {output}"));
        return 0;
    }

    /// <summary>The volume and value to extract: the label itself, or a 0/1 mask of several labels.</summary>
    private static (Volume<byte> Volume, byte Value, string What) Select(LabelSource source, byte[]? wanted)
    {
        if (wanted is { Length: 1 })
        {
            return (source.Labels, wanted[0], ImageCommand.LabelName(wanted[0], source));
        }

        var set = wanted ?? Enumerable.Range(1, 255).Select(l => (byte)l).ToArray();
        var what = wanted is null ? "all labels" : string.Join(" + ", wanted.Select(l => ImageCommand.LabelName(l, source)));
        return (LabelMapOperations.MaskOf(source.Labels, set), 1, what);
    }
}
