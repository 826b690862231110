using System.Buffers.Binary;
using System.IO.Compression;
using Seldinger.Imaging.Internal;

namespace Seldinger.Imaging.Rendering;

/// <summary>
/// Writes PNG images (ISO/IEC 15948, W3C PNG 2nd ed.): signature, IHDR, one IDAT (zlib), IEND.
/// 8-bit greyscale and 8-bit RGBA, non-interlaced, with a per-row filter chosen by the
/// minimum-sum-of-absolute-differences heuristic (PNG spec §12.8).
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes 8-bit grey pixels, row by row, top row first.</summary>
    /// <exception cref="ArgumentException">The pixel count is not width × height, or a size is not positive.</exception>
    public static byte[] EncodeGray8(ReadOnlySpan<byte> pixels, int width, int height) => Encode(pixels, width, height, 1, 0);

    /// <summary>Encodes 8-bit RGBA pixels (4 bytes per pixel, not premultiplied), row by row, top row first.</summary>
    /// <exception cref="ArgumentException">The byte count is not 4 × width × height, or a size is not positive.</exception>
    public static byte[] EncodeRgba(ReadOnlySpan<byte> pixels, int width, int height) => Encode(pixels, width, height, 4, 6);

    private static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int bytesPerPixel, byte colorType)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"An image needs a positive size, not {width}×{height}.", nameof(width));
        }

        var stride = (long)width * bytesPerPixel;
        if (stride * height != pixels.Length)
        {
            throw new ArgumentException($"A {width}×{height} image with {bytesPerPixel} byte(s) per pixel needs {stride * height} bytes, not {pixels.Length}.", nameof(pixels));
        }

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;          // bit depth
        header[9] = colorType;  // 0 grey, 6 RGBA
        header[10] = 0;         // deflate
        header[11] = 0;         // adaptive filtering
        header[12] = 0;         // no interlace
        WriteChunk(output, "IHDR"u8, header);

        WriteChunk(output, "IDAT"u8, Compress(pixels, (int)stride, height, bytesPerPixel));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int stride, int height, int bpp)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var candidates = new byte[5][];
            for (var f = 0; f < 5; f++)
            {
                candidates[f] = new byte[stride + 1];
                candidates[f][0] = (byte)f;
            }

            var previous = new byte[stride];
            for (var row = 0; row < height; row++)
            {
                var current = pixels.Slice(row * stride, stride);
                var best = 0;
                var bestCost = long.MaxValue;
                for (var f = 0; f < 5; f++)
                {
                    var line = candidates[f].AsSpan(1);
                    Filter(f, current, previous, line, bpp);
                    long cost = 0;
                    foreach (var b in line)
                    {
                        cost += b < 128 ? b : 256 - b;
                    }

                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        best = f;
                    }
                }

                zlib.Write(candidates[best]);
                current.CopyTo(previous);
            }
        }

        return compressed.ToArray();
    }

    private static void Filter(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, Span<byte> output, int bpp)
    {
        for (var n = 0; n < row.Length; n++)
        {
            int a = n >= bpp ? row[n - bpp] : 0;
            int b = above[n];
            int c = n >= bpp ? above[n - bpp] : 0;
            var predictor = type switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth(a, b, c),
            };
            output[n] = unchecked((byte)(row[n] - predictor));
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc32.Update(Crc32.Compute(type), data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
