namespace Seldinger.Dicom.Tests;

public class DicomDumpTests
{
    [SkippableFact]
    public void ToText_CTSmall_OneLinePerElementWithKeywords()
    {
        Skip.IfNot(File.Exists(TestFiles.Corpus("CT_small.dcm")), "pydicom's test files are not installed");

        var text = DicomDump.ToText(DicomFile.Open(TestFiles.Corpus("CT_small.dcm")));

        Assert.Contains("(0010,0010) PN [CompressedSamples^CT1]  # 22, 1 PatientName\n", text, StringComparison.Ordinal);
        Assert.Contains("(0008,0008) CS [ORIGINAL\\PRIMARY\\AXIAL]  # 22, 3 ImageType\n", text, StringComparison.Ordinal);
        Assert.Contains("(0010,1002) SQ (Sequence, 2 items)  # -, 1 OtherPatientIDsSequence\n", text, StringComparison.Ordinal);
        Assert.Contains("    (0010,0020) LO [ABCD1234]  # 8, 1 PatientID\n", text, StringComparison.Ordinal);
        Assert.Contains("(0028,0010) US 128  # 2, 1 Rows\n", text, StringComparison.Ordinal);
        Assert.Contains("(7FE0,0010) OW ", text, StringComparison.Ordinal);
        Assert.Contains("(16384 values)  # 32768, 1 PixelData", text, StringComparison.Ordinal);
    }
}
