using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Formats;

/// <summary>
/// Float volumes (distance maps, probabilities) as NRRD files: 32-bit float, little endian, raw encoding, geometry in
/// <c>left-posterior-superior</c> space, readable by 3D Slicer, ITK and numpy (the data is the file's tail).
/// </summary>
public static class NrrdFloatVolume
{
    /// <summary>Writes the volume atomically (temporary file, then rename).</summary>
    /// <param name="volume">The volume.</param>
    /// <param name="path">The target file.</param>
    /// <param name="comment">An optional one-line comment for the header (what the values are).</param>
    public static void Write(Volume<float> volume, string path, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(path);
        var g = volume.Geometry;
        var header = new StringBuilder("NRRD0004\n");
        if (!string.IsNullOrWhiteSpace(comment))
        {
            header.Append("# ").Append(comment.ReplaceLineEndings(" ")).Append('\n');
        }

        header.Append("type: float\ndimension: 3\nspace: left-posterior-superior\n");
        header.Append(CultureInfo.InvariantCulture, $"sizes: {g.SizeI} {g.SizeJ} {g.SizeK}\n");
        header.Append("space directions:");
        var spacings = new[] { g.SpacingI, g.SpacingJ, g.SpacingK };
        for (var axis = 0; axis < 3; axis++)
        {
            var d = g.Direction.Column(axis) * spacings[axis];
            header.Append(CultureInfo.InvariantCulture, $" ({R(d.X)},{R(d.Y)},{R(d.Z)})");
        }

        header.Append("\nkinds: domain domain domain\nendian: little\nencoding: raw\n");
        header.Append(CultureInfo.InvariantCulture, $"space origin: ({R(g.Origin.X)},{R(g.Origin.Y)},{R(g.Origin.Z)})\n\n");

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                stream.Write(Encoding.ASCII.GetBytes(header.ToString()));
                if (BitConverter.IsLittleEndian)
                {
                    stream.Write(MemoryMarshal.AsBytes(volume.Voxels.AsSpan()));
                }
                else
                {
                    var buffer = new byte[4];
                    foreach (var v in volume.Voxels)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(buffer, v);
                        stream.Write(buffer);
                    }
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

    /// <summary>
    /// Reads a float NRRD as written by <see cref="Write"/> (raw, little endian, LPS, three sizes and directions).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a NRRD; the message names the problem.</exception>
    public static Volume<float> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        var end = bytes.AsSpan().IndexOf("\n\n"u8);
        if (end < 0 || !bytes.AsSpan().StartsWith("NRRD000"u8))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a NRRD file");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.ASCII.GetString(bytes, 0, end).Split('\n').Skip(1))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (!line.StartsWith('#') && colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 2)..].Trim();
            }
        }

        string Field(string name) => fields.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"{Path.GetFileName(path)}: header field '{name}' is missing");
        if (Field("type") is not ("float" or "float32") || Field("dimension") != "3" || Field("encoding") != "raw"
            || (fields.TryGetValue("endian", out var endian) && endian != "little") || Field("space") != "left-posterior-superior")
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: only 3D little-endian raw float NRRD in LPS space is read");
        }

        var sizes = Field("sizes").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new InvalidDataException($"{Path.GetFileName(path)}: bad sizes")).ToArray();
        var directions = Vectors(Field("space directions"), path);
        var origin = Vectors(Field("space origin"), path);
        if (sizes.Length != 3 || directions.Length != 3 || origin.Length != 1)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: needs three sizes, three space directions and one origin");
        }

        var count = (long)sizes[0] * sizes[1] * sizes[2];
        if (bytes.LongLength - (end + 2) != count * 4)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {bytes.LongLength - (end + 2)} data bytes for {count} floats");
        }

        var spacing = directions.Select(d => d.Length).ToArray();
        var geometry = new VolumeGeometry(sizes[0], sizes[1], sizes[2], new WorldPoint(origin[0].X, origin[0].Y, origin[0].Z), spacing[0], spacing[1], spacing[2],
            Matrix3.FromColumns(directions[0] / spacing[0], directions[1] / spacing[1], directions[2] / spacing[2]));
        var voxels = new float[count];
        var data = bytes.AsSpan(end + 2);
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = BinaryPrimitives.ReadSingleLittleEndian(data[(n * 4)..]);
        }

        return new Volume<float>(geometry, voxels);
    }

    private static Vector3D[] Vectors(string text, string path)
    {
        var result = new List<Vector3D>();
        foreach (var part in text.Split(')', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var n = part.TrimStart('(').Split(',')
                .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new InvalidDataException($"{Path.GetFileName(path)}: '{v}' is not a number"))
                .ToArray();
            result.Add(n.Length == 3 ? new Vector3D(n[0], n[1], n[2]) : throw new InvalidDataException($"{Path.GetFileName(path)}: a vector needs three components"));
        }

        return [.. result];
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
