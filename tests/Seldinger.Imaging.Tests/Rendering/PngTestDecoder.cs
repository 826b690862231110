using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Seldinger.Imaging.Tests.Rendering;

/// <summary>
/// A minimal, independent PNG reader for tests: checks the signature, walks the chunks verifying
/// each CRC with a bit-by-bit CRC-32, inflates the IDAT stream and undoes the five filters.
/// </summary>
internal static class PngTestDecoder
{
    public sealed record Image(int Width, int Height, int ColorType, byte[] Pixels, IReadOnlyList<string> Chunks);

    public static Image Decode(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(signature, png[..8]);
        var offset = 8;
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        int width = 0, height = 0, colorType = -1;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(BitwiseCrc32(png.AsSpan(offset + 4, length + 4)), crc);
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    colorType = data[9];
                    Assert.Equal(0, data[10]);
                    Assert.Equal(0, data[11]);
                    Assert.Equal(0, data[12]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            offset += 12 + length;
        }

        Assert.Equal(png.Length, offset);
        var bpp = colorType switch { 0 => 1, 6 => 4, _ => throw new InvalidDataException($"colour type {colorType}") };
        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var filtered = raw.ToArray();
        var stride = width * bpp;
        Assert.Equal((stride + 1) * height, filtered.Length);
        var pixels = new byte[stride * height];
        for (var row = 0; row < height; row++)
        {
            var filter = filtered[row * (stride + 1)];
            for (var n = 0; n < stride; n++)
            {
                int x = filtered[(row * (stride + 1)) + 1 + n];
                int a = n >= bpp ? pixels[(row * stride) + n - bpp] : 0;
                int b = row > 0 ? pixels[((row - 1) * stride) + n] : 0;
                int c = row > 0 && n >= bpp ? pixels[((row - 1) * stride) + n - bpp] : 0;
                var p = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => PaethReference(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                pixels[(row * stride) + n] = (byte)((x + p) & 0xFF);
            }
        }

        return new Image(width, height, colorType, pixels, chunks);
    }

    private static int PaethReference(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }

        return ~crc;
    }
}
