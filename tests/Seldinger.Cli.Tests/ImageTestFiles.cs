using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;

namespace Seldinger.Cli.Tests;

/// <summary>Independent readers for what the image commands write: PNG pixels, binary STL triangles.</summary>
internal static class ImageTestFiles
{
    /// <summary>Decodes an 8-bit grey (colour type 0) or RGBA (colour type 6) non-interlaced PNG.</summary>
    public static (int Width, int Height, int Channels, byte[] Pixels) ReadPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var p = 8; p < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(p));
            var type = System.Text.Encoding.ASCII.GetString(bytes, p + 4, 4);
            var data = bytes.AsSpan(p + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 0 => 1, 6 => 4, _ => throw new InvalidDataException($"colour type {data[9]}") };
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            p += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int c = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                int value = raw[(y * (stride + 1)) + 1 + x];
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                pixels[(y * stride) + x] = (byte)(value + predictor);
            }
        }

        return (width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>The triangles of a binary STL file (80-byte header, count, 50 bytes per triangle).</summary>
    public static Vector3[][] ReadStl(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(80));
        Assert.Equal(84 + (50L * count), bytes.LongLength);
        var triangles = new Vector3[count][];
        for (var t = 0; t < count; t++)
        {
            var o = 84 + (50 * t) + 12;
            triangles[t] = new Vector3[3];
            for (var v = 0; v < 3; v++)
            {
                var s = bytes.AsSpan(o + (12 * v));
                triangles[t][v] = new Vector3(BinaryPrimitives.ReadSingleLittleEndian(s), BinaryPrimitives.ReadSingleLittleEndian(s[4..]), BinaryPrimitives.ReadSingleLittleEndian(s[8..]));
            }
        }

        return triangles;
    }

    /// <summary>
    /// Whether triangles given by corner positions form a closed oriented surface: corners with equal positions are one
    /// vertex, and every edge is used once in each direction.
    /// </summary>
    public static bool IsWatertight(Vector3[][] triangles)
    {
        var directed = new Dictionary<(Vector3, Vector3), int>();
        foreach (var t in triangles)
        {
            for (var e = 0; e < 3; e++)
            {
                var key = (t[e], t[(e + 1) % 3]);
                directed[key] = directed.GetValueOrDefault(key) + 1;
            }
        }

        return directed.All(kv => kv.Value == 1 && directed.TryGetValue((kv.Key.Item2, kv.Key.Item1), out var back) && back == 1);
    }
}
