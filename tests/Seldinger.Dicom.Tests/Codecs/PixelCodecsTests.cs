using System.Globalization;
using Seldinger.Dicom.Codecs;
using Seldinger.Dicom.Pixels;
using Seldinger.Dicom.Tests.Pixels;
using Xunit.Abstractions;

namespace Seldinger.Dicom.Tests.Codecs;

public class PixelCodecsTests(ITestOutputHelper output)
{
    // Compressed files of pydicom's corpus and the largest difference allowed from gdcmconv --raw.
    public static TheoryData<string, int> Compressed => new()
    {
        { "MR_small_jpeg_ls_lossless.dcm", 0 },
        { "MR_small_jp2klossless.dcm", 0 },
        { "J2K_pixelrep_mismatch.dcm", 0 },
        { "GDCMJ2K_TextGBR.dcm", 0 },
        { "JPEG2000.dcm", 0 },
        { "693_J2KI.dcm", 0 },
        { "SC_rgb_gdcm_KY.dcm", 0 },
        { "SC_rgb_jpeg_gdcm.dcm", 0 },
        { "JPGExtended.dcm", 2 },
        { "JPEG-lossy.dcm", 2 },
        { "SC_rgb_dcmtk_+eb+cr.dcm", 2 },
        { "SC_rgb_dcmtk_+eb+cy+n1.dcm", 2 },
        { "SC_rgb_dcmtk_+eb+cy+n2.dcm", 2 },
        { "SC_rgb_dcmtk_+eb+cy+np.dcm", 2 },
        { "SC_rgb_dcmtk_+eb+cy+s2.dcm", 2 },
        { "SC_rgb_dcmtk_+eb+cy+s4.dcm", 2 },
        { "SC_rgb_jpeg_dcmtk.dcm", 2 },
        { "SC_rgb_jpeg_lossy_gdcm.dcm", 2 },
        { "SC_rgb_small_odd_jpeg.dcm", 2 },
        { "SC_jpeg_no_color_transform.dcm", 2 },
        { "SC_jpeg_no_color_transform_2.dcm", 2 },
        { "SC_rgb_jpeg_app14_dcmd.dcm", 2 },
    };

    [SkippableTheory]
    [MemberData(nameof(Compressed))]
    public void DecodeFrame_CompressedCorpusFile_MatchesGdcmconvRaw(string name, int tolerance)
    {
        var path = TestFiles.Corpus(name);
        Skip.IfNot(File.Exists(path) && PixelOracle.Has(PixelOracle.GdcmConv), "needs pydicom's corpus and gdcmconv (libgdcm-tools)");
        using var temp = new PixelOracle.TempDir();
        var raw = Path.Combine(temp.Path, "raw.dcm");
        PixelOracle.Run(PixelOracle.GdcmConv, "--raw", path, raw);
        var expected = PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(raw)));

        var actual = PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(path)));

        Assert.Equal(expected.Length, actual.Length);
        long max = 0, sum = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var d = Math.Abs(expected[i] - actual[i]);
            max = Math.Max(max, d);
            sum += d;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max abs difference {max}, mean {(double)sum / expected.Length:F4} over {expected.Length} samples"));
        Assert.True(max <= tolerance, $"max abs difference {max} exceeds {tolerance}");
    }

    [SkippableFact]
    public void DecodeFrame_CorruptJpeg2000Codestream_ThrowsDataExceptionWithReason()
    {
        // The file's fragment holds (FFFE,E0DD) bytes; the dataset reads, its codestream is corrupt (gdcmconv fails too).
        var path = TestFiles.Corpus("JPEG2000-embedded-sequence-delimiter.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's corpus is not installed");
        var pixels = DicomPixelData.Create(DicomFile.Open(path));

        var e = Assert.Throws<DicomDataException>(() => pixels.DecodeFrame(0));

        Assert.Contains("JPEG 2000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownSyntax_ThrowsNamingIt()
    {
        var e = Assert.Throws<DicomNotSupportedException>(() => PixelCodecs.Get(TransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("Explicit VR Little Endian", e.Message, StringComparison.Ordinal);
    }
}
