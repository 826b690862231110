using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Tests.Pixels;

public class DicomPixelDataTests
{
    // Native and RLE files of pydicom's corpus that pydicom 2.3 decodes without plug-ins.
    public static TheoryData<string> PydicomDecodable =>
    [
        "CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm", "MR_small_padded.dcm",
        "ExplVR_BigEnd.dcm", "SC_rgb_small_odd.dcm", "SC_ybr_full_422_uncompressed.dcm", "image_dfl.dcm", "liver_1frame.dcm",
        "liver_expb_1frame.dcm", "rtdose.dcm", "rtdose_1frame.dcm", "rtdose_expb.dcm", "rtdose_expb_1frame.dcm",
        "MR_small_RLE.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_16bit.dcm", "SC_rgb_rle_16bit_2frame.dcm", "SC_rgb_rle_2frame.dcm",
        "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_32bit_2frame.dcm", "rtdose_rle.dcm", "rtdose_rle_1frame.dcm",
    ];

    [SkippableTheory]
    [MemberData(nameof(PydicomDecodable))]
    public void DecodeFrame_CorpusFile_EqualsPydicomPixelArray(string name)
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var path = TestFiles.Corpus(name);
        var expected = PixelOracle.PydicomPixels(path);

        var actual = PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(path)));

        Assert.Null(PixelOracle.Difference(expected, actual));
    }

    [SkippableTheory]
    [MemberData(nameof(PydicomDecodable))]
    public void DecodeFrame_DeferredRead_EqualsInMemoryRead(string name)
    {
        var path = TestFiles.Corpus(name);
        Skip.IfNot(File.Exists(path), "pydicom's corpus is not installed");
        var memory = PixelOracle.OurPixels(DicomPixelData.Create(DicomFile.Open(path)));

        var file = DicomFile.Open(path, new DicomReadOptions { DeferPixelData = true });
        var deferred = PixelOracle.OurPixels(DicomPixelData.Create(file));

        // Deflated files are read whole.
        Assert.Equal(!file.TransferSyntax.IsDeflated, file.DeferredPixelData is not null);
        Assert.Equal(file.TransferSyntax.IsDeflated, file.Dataset.Contains(DicomTags.PixelData));
        Assert.Null(PixelOracle.Difference(memory, deferred));
    }
}
