using System.Diagnostics;
using System.Security.Cryptography;
using Seldinger.Imaging.Rendering;

namespace Seldinger.Imaging.Tests.Rendering;

public class PngEncoderTests
{
    private const string Python = "/usr/bin/python3";

    // Parses chunks, checks CRCs with zlib.crc32, inflates IDAT, undoes filters, prints "w h type sha256".
    private const string PythonReader = """
import sys, struct, zlib, hashlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, w, h, ct = 8, b'', 0, 0, 0
types = []
while pos < len(data):
    (n,) = struct.unpack('>I', data[pos:pos+4]); t = data[pos+4:pos+8]; body = data[pos+8:pos+8+n]
    (crc,) = struct.unpack('>I', data[pos+8+n:pos+12+n])
    assert zlib.crc32(t + body) & 0xffffffff == crc, t
    types.append(t.decode())
    if t == b'IHDR': w, h, depth, ct = struct.unpack('>IIBB', body[:10])
    if t == b'IDAT': idat += body
    pos += 12 + n
assert types[0] == 'IHDR' and types[-1] == 'IEND'
raw = zlib.decompress(idat); bpp = 1 if ct == 0 else 4; stride = w * bpp
out = bytearray(); prev = bytearray(stride)
for r in range(h):
    f = raw[r*(stride+1)]; line = bytearray(raw[r*(stride+1)+1:(r+1)*(stride+1)])
    for i in range(stride):
        a = line[i-bpp] if i >= bpp else 0; b = prev[i]; c = prev[i-bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    out += line; prev = line
print(w, h, ct, hashlib.sha256(bytes(out)).hexdigest())
""";

    private static byte[] RandomImage(Random random, int count, bool smooth)
    {
        var pixels = new byte[count];
        if (smooth)
        {
            for (var n = 0; n < count; n++)
            {
                pixels[n] = (byte)((n * 7 / 5) + random.Next(3));
            }
        }
        else
        {
            random.NextBytes(pixels);
        }

        return pixels;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(17, 5)]
    [InlineData(64, 48)]
    public void EncodeGray8_RandomPixels_DecodesToSamePixels(int width, int height)
    {
        var random = new Random(width * 1000 + height);
        foreach (var smooth in new[] { false, true })
        {
            var pixels = RandomImage(random, width * height, smooth);
            var image = PngTestDecoder.Decode(PngEncoder.EncodeGray8(pixels, width, height));
            Assert.Equal((width, height, 0), (image.Width, image.Height, image.ColorType));
            Assert.Equal(pixels, image.Pixels);
            Assert.Equal(new[] { "IHDR", "IDAT", "IEND" }, image.Chunks);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(33, 20)]
    public void EncodeRgba_RandomPixels_DecodesToSamePixels(int width, int height)
    {
        var random = new Random(width * 1000 + height);
        foreach (var smooth in new[] { false, true })
        {
            var pixels = RandomImage(random, width * height * 4, smooth);
            var image = PngTestDecoder.Decode(PngEncoder.EncodeRgba(pixels, width, height));
            Assert.Equal((width, height, 6), (image.Width, image.Height, image.ColorType));
            Assert.Equal(pixels, image.Pixels);
        }
    }

    [Fact]
    public void EncodeGray8_WrongPixelCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeGray8(new byte[5], 2, 2));
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeRgba(new byte[4], 0, 1));
    }

    [SkippableFact]
    public void EncodeGray8_ReadByPython_SameSizeAndPixels()
    {
        Skip.IfNot(File.Exists(Python), "python3 is not installed");
        var random = new Random(51);
        var checks = new List<(byte[] Png, string Expected)>();
        var grey = RandomImage(random, 40 * 30, smooth: true);
        checks.Add((PngEncoder.EncodeGray8(grey, 40, 30), $"40 30 0 {Sha(grey)}"));
        var rgba = RandomImage(random, 13 * 7 * 4, smooth: false);
        checks.Add((PngEncoder.EncodeRgba(rgba, 13, 7), $"13 7 6 {Sha(rgba)}"));

        var directory = Directory.CreateTempSubdirectory("seldinger-png-");
        try
        {
            var script = Path.Combine(directory.FullName, "read_png.py");
            File.WriteAllText(script, PythonReader);
            var index = 0;
            foreach (var (png, expected) in checks)
            {
                var file = Path.Combine(directory.FullName, $"image{index++}.png");
                File.WriteAllBytes(file, png);
                var output = RunPython(script, file);
                Assert.Equal(expected, output.Trim());
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static string RunPython(string script, string file)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 failed: {error}");
        return output;
    }
}
