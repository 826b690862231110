using System.IO.Compression;
using Seldinger.Imaging.Formats.Internal;

namespace Seldinger.Imaging.Formats;

/// <summary>
/// Label maps as NRRD files (the format 3D Slicer and ITK read natively): 8-bit labels, gzip
/// encoding, geometry in <c>left-posterior-superior</c> space. Reading also accepts raw encoding
/// and RAS space (converted to LPS).
/// </summary>
public static class NrrdLabelMap
{
    /// <summary>Refuse volumes larger than this many voxels (1 Gi) before allocating.</summary>
    public const long MaxVoxels = 1L << 30;

    /// <summary>Writes the label map atomically (temporary file, then rename).</summary>
    public static void Write(Volume<byte> labels, string path)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var header = NrrdHeader.Compose(labels.Geometry, "uint8", "gzip", "Seldinger label map (values: Seldinger.Imaging.TissueLabel)");
        NrrdHeader.WriteAtomically(path, header, stream =>
        {
            using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            gzip.Write(labels.Voxels);
        });
    }

    /// <summary>Reads a label map; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static Volume<byte> Read(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a label map from a stream positioned at the NRRD magic.</summary>
    public static Volume<byte> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var fields = NrrdHeader.Read(stream);
        NrrdHeader.Require(fields, "type", v => v is "uint8" or "uchar" or "unsigned char" or "uint8_t", "type must be uint8");
        var geometry = NrrdHeader.Geometry(fields, MaxVoxels);
        var voxels = new byte[geometry.VoxelCount];
        var encoding = NrrdHeader.Field(fields, "encoding");
        using (var data = encoding switch
        {
            "gzip" or "gz" => (Stream)new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true),
            "raw" => stream,
            _ => throw new InvalidDataException($"encoding '{encoding}' is not supported (raw or gzip)"),
        })
        {
            var read = 0;
            while (read < voxels.Length)
            {
                var n = data.Read(voxels, read, voxels.Length - read);
                if (n == 0)
                {
                    throw new InvalidDataException($"data ends after {read} of {voxels.Length} voxels");
                }

                read += n;
            }
        }

        return new Volume<byte>(geometry, voxels);
    }
}
