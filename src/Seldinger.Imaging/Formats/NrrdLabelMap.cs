using System.Globalization;
using System.IO.Compression;
using System.Text;
using Seldinger.Imaging.Geometry;

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
        var g = labels.Geometry;
        var header = new StringBuilder();
        header.Append("NRRD0004\n# Seldinger label map (values: Seldinger.Imaging.TissueLabel)\n");
        header.Append("type: uint8\ndimension: 3\nspace: left-posterior-superior\n");
        header.Append(CultureInfo.InvariantCulture, $"sizes: {g.SizeI} {g.SizeJ} {g.SizeK}\n");
        header.Append("space directions:");
        var spacings = new[] { g.SpacingI, g.SpacingJ, g.SpacingK };
        for (var axis = 0; axis < 3; axis++)
        {
            var d = g.Direction.Column(axis) * spacings[axis];
            header.Append(CultureInfo.InvariantCulture, $" ({R(d.X)},{R(d.Y)},{R(d.Z)})");
        }

        header.Append("\nkinds: domain domain domain\nendian: little\nencoding: gzip\n");
        header.Append(CultureInfo.InvariantCulture, $"space origin: ({R(g.Origin.X)},{R(g.Origin.Y)},{R(g.Origin.Z)})\n\n");

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Encoding.ASCII.GetBytes(header.ToString()));
                using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(labels.Voxels);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
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
        var fields = ReadHeader(stream);
        Require(fields, "type", v => v is "uint8" or "uchar" or "unsigned char" or "uint8_t", "type must be uint8");
        Require(fields, "dimension", v => v == "3", "dimension must be 3");
        var sizes = Field(fields, "sizes").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseInt).ToArray();
        if (sizes.Length != 3 || sizes.Any(s => s <= 0))
        {
            throw new InvalidDataException("sizes must be three positive integers");
        }

        var count = (long)sizes[0] * sizes[1] * sizes[2];
        if (count > MaxVoxels)
        {
            throw new InvalidDataException($"{count} voxels exceed the limit of {MaxVoxels}");
        }

        var space = Field(fields, "space");
        var flip = space switch
        {
            "left-posterior-superior" or "LPS" => 1.0,
            "right-anterior-superior" or "RAS" => -1.0,
            _ => throw new InvalidDataException($"space '{space}' is not supported (LPS or RAS)"),
        };
        var directions = ParseVectors(Field(fields, "space directions"));
        if (directions.Length != 3)
        {
            throw new InvalidDataException("space directions must give three vectors");
        }

        var origin = ParseVectors(Field(fields, "space origin"));
        if (origin.Length != 1)
        {
            throw new InvalidDataException("space origin must be one vector");
        }

        var spacing = directions.Select(d => d.Length).ToArray();
        if (spacing.Any(s => !(s > 0)))
        {
            throw new InvalidDataException("space directions must be non-zero");
        }

        var columns = directions.Select((d, n) => new Vector3D(flip * d.X, flip * d.Y, d.Z) / spacing[n]).ToArray();
        var o = origin[0];
        var geometry = new VolumeGeometry(sizes[0], sizes[1], sizes[2], new WorldPoint(flip * o.X, flip * o.Y, o.Z),
            spacing[0], spacing[1], spacing[2], Matrix3.FromColumns(columns[0], columns[1], columns[2]));

        var voxels = new byte[count];
        var encoding = Field(fields, "encoding");
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

    private static Dictionary<string, string> ReadHeader(Stream stream)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = new StringBuilder();
        var first = true;
        var headerBytes = 0;
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new InvalidDataException("header ends before the data");
            }

            if (++headerBytes > 64 * 1024)
            {
                throw new InvalidDataException("header is longer than 64 KiB");
            }

            if (b != '\n')
            {
                line.Append((char)b);
                continue;
            }

            var text = line.ToString().TrimEnd('\r');
            line.Clear();
            if (first)
            {
                if (!text.StartsWith("NRRD000", StringComparison.Ordinal))
                {
                    throw new InvalidDataException("not a NRRD file (no NRRD000x magic)");
                }

                first = false;
                continue;
            }

            if (text.Length == 0)
            {
                return fields;
            }

            if (text.StartsWith('#') || text.Contains(":=", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"malformed header line '{text}'");
            }

            fields[text[..colon].Trim()] = text[(colon + 2)..].Trim();
        }
    }

    private static string Field(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"header field '{name}' is missing");

    private static void Require(Dictionary<string, string> fields, string name, Func<string, bool> ok, string message)
    {
        if (!ok(Field(fields, name)))
        {
            throw new InvalidDataException(message);
        }
    }

    private static int ParseInt(string s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new InvalidDataException($"'{s}' is not an integer");

    private static Vector3D[] ParseVectors(string text)
    {
        var result = new List<Vector3D>();
        foreach (var part in text.Split(')', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var inner = part.TrimStart('(');
            var n = inner.Split(',').Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d : throw new InvalidDataException($"'{v}' is not a number")).ToArray();
            if (n.Length != 3)
            {
                throw new InvalidDataException($"vector '({inner})' does not have three components");
            }

            result.Add(new Vector3D(n[0], n[1], n[2]));
        }

        return result.ToArray();
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
