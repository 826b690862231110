using System.Globalization;
using Seldinger.Dicom.Pixels;
using Seldinger.Dicom.Tests.Pixels;

namespace Seldinger.Dicom.Tests.Codecs;

public class TranscodeTests
{
    private const string DcmDrle = "/usr/bin/dcmdrle";
    private const string DcmDjpeg = "/usr/bin/dcmdjpeg";
    private const string DcmCjpeg = "/usr/bin/dcmcjpeg";

    public static TheoryData<string> NativeSources =>
    [
        "CT_small.dcm", "MR_small.dcm", "SC_rgb_small_odd.dcm", "ExplVR_BigEnd.dcm", "rtdose.dcm", "image_dfl.dcm",
    ];

    public static TheoryData<string> JpegSources =>
    [
        "CT_small.dcm", "MR_small.dcm", "SC_rgb_small_odd.dcm", "ExplVR_BigEnd.dcm", "image_dfl.dcm", "SC_rgb_rle_16bit_2frame.dcm",
    ];

    [SkippableTheory]
    [MemberData(nameof(NativeSources))]
    public void Transcode_ToRle_DecodesToSamePixelsHereAndInDcmdrle(string name)
    {
        var path = TestFiles.Corpus(name);
        Skip.IfNot(File.Exists(path) && File.Exists(DcmDrle), "needs pydicom's corpus and DCMTK (dcmtk)");
        using var temp = new PixelOracle.TempDir();
        var source = DicomFile.Open(path);
        var expected = PixelOracle.OurPixels(DicomPixelData.Create(source));
        var rle = Path.Combine(temp.Path, "rle.dcm");
        var decoded = Path.Combine(temp.Path, "dcmdrle.dcm");

        var transcoded = source.Transcode(TransferSyntax.RleLossless);
        transcoded.Save(rle);
        PixelOracle.Run(DcmDrle, rle, decoded);

        var reread = DicomFile.Open(rle);
        Assert.Equal(TransferSyntax.RleLossless, reread.TransferSyntax);
        Assert.Null(PixelOracle.Difference(expected, PixelOracle.OurPixels(DicomPixelData.Create(reread))));
        Assert.Null(PixelOracle.Difference(expected, PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(decoded)))));
        if (TestFiles.HasPydicom)
        {
            Assert.Null(PixelOracle.Difference(expected, PixelOracle.PydicomPixels(rle)));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(JpegSources))]
    public void Transcode_ToJpegLosslessSV1_DecodesToSamePixelsHereInDcmdjpegAndGdcm(string name)
    {
        var path = TestFiles.Corpus(name);
        Skip.IfNot(File.Exists(path) && File.Exists(DcmDjpeg) && PixelOracle.Has(PixelOracle.GdcmConv), "needs pydicom's corpus, DCMTK and GDCM");
        using var temp = new PixelOracle.TempDir();
        var source = DicomFile.Open(path);
        var expected = PixelOracle.OurPixels(DicomPixelData.Create(source));
        var jpeg = Path.Combine(temp.Path, "jpeg.dcm");
        var dcmtk = Path.Combine(temp.Path, "dcmdjpeg.dcm");
        var gdcm = Path.Combine(temp.Path, "gdcm.dcm");

        source.Transcode(TransferSyntax.JpegLosslessSV1).Save(jpeg);
        PixelOracle.Run(DcmDjpeg, jpeg, dcmtk);

        Assert.Null(PixelOracle.Difference(expected, PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(jpeg)))));
        Assert.Null(PixelOracle.Difference(expected, PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(dcmtk)))));

        // GDCM 3.0 fails to write 16-bit colour from JPEG Lossless, DCMTK's own output included.
        var info = DicomPixelData.Create(source).FrameInfo;
        if (!(info.SamplesPerPixel == 3 && info.BitsAllocated == 16))
        {
            PixelOracle.Run(PixelOracle.GdcmConv, "--raw", jpeg, gdcm);
            Assert.Null(PixelOracle.Difference(expected, PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(gdcm)))));
        }
    }

    [SkippableTheory]
    [InlineData("CT_small.dcm", 1)]
    [InlineData("CT_small.dcm", 2)]
    [InlineData("CT_small.dcm", 3)]
    [InlineData("CT_small.dcm", 4)]
    [InlineData("CT_small.dcm", 5)]
    [InlineData("CT_small.dcm", 6)]
    [InlineData("CT_small.dcm", 7)]
    [InlineData("MR_small.dcm", 4)]
    [InlineData("MR_small.dcm", 6)]
    [InlineData("SC_rgb_small_odd.dcm", 7)]
    [InlineData("SC_rgb_rle_16bit_2frame.dcm", 5)]
    public void DecodeFrame_DcmcjpegLosslessPredictor_EqualsSource(string name, int predictor)
    {
        var path = TestFiles.Corpus(name);
        Skip.IfNot(File.Exists(path) && File.Exists(DcmCjpeg) && File.Exists(DcmDrle), "needs pydicom's corpus and DCMTK");
        using var temp = new PixelOracle.TempDir();
        var native = Path.Combine(temp.Path, "native.dcm");
        var jpeg = Path.Combine(temp.Path, "jpeg.dcm");
        DicomFile.Open(path).Transcode(TransferSyntax.ExplicitVRLittleEndian).Save(native);
        var expected = PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(native)));

        PixelOracle.Run(DcmCjpeg, "+el", "+sv", predictor.ToString(CultureInfo.InvariantCulture), native, jpeg);

        var file = DicomFile.Open(jpeg);
        Assert.Equal(TransferSyntax.JpegLossless, file.TransferSyntax);
        Assert.Null(PixelOracle.Difference(expected, PixelOracle.OurPixels(DicomPixelData.Create(file))));
    }

    [SkippableTheory]
    [InlineData("MR_small_jpeg_ls_lossless.dcm")]
    [InlineData("MR_small_jp2klossless.dcm")]
    [InlineData("SC_rgb_jpeg_gdcm.dcm")]
    [InlineData("MR_small_RLE.dcm")]
    [InlineData("SC_rgb_rle_2frame.dcm")]
    [InlineData("SC_rgb_dcmtk_+eb+cy+np.dcm")]
    public void Transcode_CompressedToNative_EqualsDecodedFramesAndUpdatesAttributes(string name)
    {
        var path = TestFiles.Corpus(name);
        Skip.IfNot(File.Exists(path), "pydicom's corpus is not installed");
        var source = DicomFile.Open(path);
        var expected = PixelOracle.OurPixels(DicomPixelData.Create(source));

        var native = DicomFile.Read(new MemoryStream(source.Transcode(TransferSyntax.ExplicitVRLittleEndian).ToArray()));

        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, native.TransferSyntax);
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian.Uid, native.FileMetaInfo.GetString(DicomTags.TransferSyntaxUID));
        Assert.Null(native.Dataset.GetElement(DicomTags.PixelData).Fragments);
        var pixels = DicomPixelData.Create(native);
        Assert.NotEqual("YBR_FULL_422", pixels.PhotometricInterpretation);
        Assert.Equal(0, pixels.PlanarConfiguration);
        Assert.Null(PixelOracle.Difference(expected, PixelOracle.OurPixels(pixels)));
    }

    [SkippableFact]
    public void Transcode_RgbToRle_SetsPlanarConfigurationOne()
    {
        var path = TestFiles.Corpus("SC_rgb_small_odd.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's corpus is not installed");

        var rle = DicomFile.Open(path).Transcode(TransferSyntax.RleLossless);

        Assert.Equal(1, rle.Dataset.GetInt32(DicomTags.PlanarConfiguration));
        Assert.Equal(TransferSyntax.RleLossless.Uid, rle.FileMetaInfo.GetString(DicomTags.TransferSyntaxUID));
    }

    [SkippableFact]
    public void Transcode_ToJpeg2000_ThrowsNotSupportedNamingEncodableSyntaxes()
    {
        var path = TestFiles.Corpus("CT_small.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's corpus is not installed");

        var e = Assert.Throws<DicomNotSupportedException>(() => DicomFile.Open(path).Transcode(TransferSyntax.Jpeg2000));

        Assert.Contains("RLE Lossless", e.Message, StringComparison.Ordinal);
    }
}
