using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Seldinger.Clinical.Tests.Reports;

// Decodes an 8-bit PNG (as pdftoppm writes it) far enough to tell how much of the page is ink.
internal static class PngInk
{
    public static (int Width, int Height, double InkFraction) Measure(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("\x89PNG", Encoding.Latin1.GetString(bytes, 0, 4));
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, var c => throw new NotSupportedException($"PNG colour type {c}") };
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = width * channels;
        var previous = new byte[stride];
        var row = new byte[stride];
        long ink = 0;
        for (var y = 0; y < height; y++)
        {
            var filter = inflater.ReadByte();
            inflater.ReadExactly(row);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var luminance = channels >= 3 ? (row[x * channels] + row[(x * channels) + 1] + row[(x * channels) + 2]) / 3 : row[x * channels];
                if (luminance < 200)
                {
                    ink++;
                }
            }

            (previous, row) = (row, previous);
        }

        return (width, height, (double)ink / ((long)width * height));
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
