using System.Globalization;
using System.Text;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Formats.Internal;

/// <summary>
/// The parts every 3D NRRD volume shares whatever its voxel type: the text header with the patient geometry,
/// its parsing (LPS or RAS, converted to LPS) and the atomic write.
/// </summary>
internal static class NrrdHeader
{
    /// <summary>The header of a 3D volume in LPS space, ending with the blank line before the data.</summary>
    public static string Compose(VolumeGeometry g, string type, string encoding, string? comment)
    {
        var header = new StringBuilder("NRRD0004\n");
        if (!string.IsNullOrWhiteSpace(comment))
        {
            header.Append("# ").Append(comment.ReplaceLineEndings(" ")).Append('\n');
        }

        header.Append(CultureInfo.InvariantCulture, $"type: {type}\ndimension: 3\nspace: left-posterior-superior\n");
        header.Append(CultureInfo.InvariantCulture, $"sizes: {g.SizeI} {g.SizeJ} {g.SizeK}\n");
        header.Append("space directions:");
        var spacings = new[] { g.SpacingI, g.SpacingJ, g.SpacingK };
        for (var axis = 0; axis < 3; axis++)
        {
            var d = g.Direction.Column(axis) * spacings[axis];
            header.Append(CultureInfo.InvariantCulture, $" ({R(d.X)},{R(d.Y)},{R(d.Z)})");
        }

        header.Append(CultureInfo.InvariantCulture, $"\nkinds: domain domain domain\nendian: little\nencoding: {encoding}\n");
        header.Append(CultureInfo.InvariantCulture, $"space origin: ({R(g.Origin.X)},{R(g.Origin.Y)},{R(g.Origin.Z)})\n\n");
        return header.ToString();
    }

    /// <summary>Writes the header and the data to a temporary file next to <paramref name="path"/>, then renames it.</summary>
    public static void WriteAtomically(string path, string header, Action<Stream> writeData)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                stream.Write(Encoding.ASCII.GetBytes(header));
                writeData(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads the header fields, leaving the stream at the first data byte.</summary>
    /// <exception cref="InvalidDataException">Not a NRRD header, a malformed line, or a header over 64 KiB.</exception>
    public static Dictionary<string, string> Read(Stream stream)
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

    /// <summary>A required field.</summary>
    public static string Field(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"header field '{name}' is missing");

    /// <summary>A required field that must satisfy <paramref name="ok"/>.</summary>
    public static void Require(Dictionary<string, string> fields, string name, Func<string, bool> ok, string message)
    {
        if (!ok(Field(fields, name)))
        {
            throw new InvalidDataException(message);
        }
    }

    /// <summary>The grid the header describes: three sizes (at most <paramref name="maxVoxels"/> voxels), directions and origin, in LPS.</summary>
    public static VolumeGeometry Geometry(Dictionary<string, string> fields, long maxVoxels)
    {
        Require(fields, "dimension", v => v == "3", "dimension must be 3");
        var sizes = Field(fields, "sizes").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseInt).ToArray();
        if (sizes.Length != 3 || sizes.Any(s => s <= 0))
        {
            throw new InvalidDataException("sizes must be three positive integers");
        }

        var count = (long)sizes[0] * sizes[1] * sizes[2];
        if (count > maxVoxels)
        {
            throw new InvalidDataException($"{count} voxels exceed the limit of {maxVoxels}");
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
        return new VolumeGeometry(sizes[0], sizes[1], sizes[2], new WorldPoint(flip * o.X, flip * o.Y, o.Z),
            spacing[0], spacing[1], spacing[2], Matrix3.FromColumns(columns[0], columns[1], columns[2]));
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

        return [.. result];
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
