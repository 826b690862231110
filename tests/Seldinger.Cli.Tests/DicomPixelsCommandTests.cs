using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

/// <summary><c>dicom pixels</c> against pydicom's decoding of the same files.</summary>
public sealed class DicomPixelsCommandTests : IDisposable
{
    private const string Corpus = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableTheory]
    [InlineData("CT_small.dcm")]
    [InlineData("SC_rgb_rle.dcm")]
    [InlineData("MR_small_RLE.dcm")]
    [InlineData("SC_rgb_rle_16bit.dcm")]
    [InlineData("rtdose_rle_1frame.dcm")]
    [InlineData("SC_ybr_full_422_uncompressed.dcm")]
    public void Raw_CorpusFile_EqualsPydicomPixelArrayBytes(string name)
    {
        Require.Pydicom();
        var raw = Path.Combine(_dir.Path, "frame.raw");
        var (code, _, stderr) = CliRunner.Run("dicom", "pixels", Corpus + name, "--out", raw);
        Assert.True(code == 0, stderr);
        var (pyCode, stdout, pyErr) = PythonPeer.Run(
            "import sys, pydicom, hashlib; a = pydicom.dcmread(sys.argv[1]).pixel_array; print(hashlib.sha256(a.astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest(), a.size * a.itemsize)",
            [Corpus + name], TimeSpan.FromSeconds(60));
        Assert.True(pyCode == 0, pyErr);
        var ours = File.ReadAllBytes(raw);
        var expected = stdout.Trim().Split(' ');
        Assert.Equal(long.Parse(expected[1], System.Globalization.CultureInfo.InvariantCulture), ours.LongLength);
        Assert.Equal(expected[0], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ours)));
    }

    [SkippableFact]
    public void Png_ColourFile_IsRgbaOfTheImageSize()
    {
        Require.File(Corpus + "SC_rgb_rle.dcm", "./test installs python3-pydicom.");
        var png = Path.Combine(_dir.Path, "frame.png");
        var (code, stdout, stderr) = CliRunner.Run("dicom", "pixels", Corpus + "SC_rgb_rle.dcm", "--out", png);
        Assert.True(code == 0, stderr);
        Assert.Contains("RGB", stdout, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(100, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(6, bytes[25]); // colour type 6 = RGBA
    }

    [SkippableTheory]
    [InlineData("--frame", "5")]
    [InlineData("--window", "40")]
    [InlineData("--out", "x.bmp")]
    public void BadOptions_ExitTwo(string option, string value)
    {
        Require.File(Corpus + "CT_small.dcm", "./test installs python3-pydicom.");
        var args = new List<string> { "dicom", "pixels", Corpus + "CT_small.dcm", option, value };
        if (option != "--out")
        {
            args.AddRange(["--out", Path.Combine(_dir.Path, "x.png")]);
        }

        var (code, _, stderr) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
    }
}
