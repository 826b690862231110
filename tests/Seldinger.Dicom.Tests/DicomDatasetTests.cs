namespace Seldinger.Dicom.Tests;

public class DicomDatasetTests
{
    [Fact]
    public void Set_OutOfOrder_EnumeratesByTag()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.PatientID, "2");
        ds.SetString(DicomTags.Modality, "CT");
        ds.SetString(DicomTags.PatientName, "A^B");

        Assert.Equal([DicomTags.Modality, DicomTags.PatientName, DicomTags.PatientID], ds.Select(e => e.Tag));
    }

    [Fact]
    public void GetString_Missing_ThrowsNamingTagAndKeyword()
    {
        var e = Assert.Throws<DicomDataException>(() => new DicomDataset().GetString(DicomTags.PatientName));

        Assert.Equal("(0010,0010) PatientName: required element is missing", e.Message);
        Assert.Equal(DicomTags.PatientName, e.Tag);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-125.5, "-125.5")]
    [InlineData(1.0 / 3.0, "0.33333333333333")]
    [InlineData(123456789012.345678, "123456789012.346")]
    [InlineData(1e-20, "1E-20")]
    [InlineData(0.0000123456789012345, "1.2345678901E-05")]
    public void SetDecimalStrings_FormatsWithin16Characters(double value, string expected)
    {
        var ds = new DicomDataset();

        ds.SetDecimalStrings(DicomTags.SliceThickness, value);

        Assert.Equal(expected, ds.GetString(DicomTags.SliceThickness));
        Assert.True(ds.GetString(DicomTags.SliceThickness).Length <= 16);
    }

    [Fact]
    public void SetString_OddLength_PaddedPerVR()
    {
        var ds = new DicomDataset();

        ds.SetString(DicomTags.Modality, "MRI");
        ds.SetString(DicomTags.SOPInstanceUID, "1.2.3");

        Assert.Equal((byte)' ', ds.GetBytes(DicomTags.Modality).Span[3]);
        Assert.Equal(0, ds.GetBytes(DicomTags.SOPInstanceUID).Span[5]);
        Assert.Equal("MRI", ds.GetString(DicomTags.Modality));
        Assert.Equal("1.2.3", ds.GetString(DicomTags.SOPInstanceUID));
    }

    [Fact]
    public void SetString_NonAsciiWithoutCharacterSet_ThrowsActionable()
    {
        var ds = new DicomDataset();

        var e = Assert.Throws<DicomDataException>(() => ds.SetString(DicomTags.PatientName, "Peña^José"));

        Assert.Contains("ISO_IR 192", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetString_TooLongForVR_Throws()
    {
        var ds = new DicomDataset();

        Assert.Throws<DicomDataException>(() => ds.SetString(DicomTags.Modality, new string('A', 17)));
        Assert.Throws<DicomDataException>(() => ds.SetString(DicomTags.SOPInstanceUID, "1.2.abc"));
    }

    [Fact]
    public void GetDoubles_DSAndBinary_ParsesAll()
    {
        var ds = new DicomDataset();
        ds.SetStrings(DicomTags.ImageOrientationPatient, "1", "0", "0", " 0", "1 ", "0");
        ds.SetFloat64s(DicomTags.RealWorldValueSlope, 2.5);

        Assert.Equal([1, 0, 0, 0, 1, 0], ds.GetDoubles(DicomTags.ImageOrientationPatient));
        Assert.Equal([2.5], ds.GetDoubles(DicomTags.RealWorldValueSlope));
    }

    [Fact]
    public void Remove_Existing_RemovesOnce()
    {
        var ds = new DicomDataset();
        ds.SetUInt16(DicomTags.Rows, 512);

        Assert.True(ds.Remove(DicomTags.Rows));
        Assert.False(ds.Remove(DicomTags.Rows));
        Assert.False(ds.Contains(DicomTags.Rows));
    }

    [Fact]
    public void GetInt32_NotANumber_ThrowsDataException()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.InstanceNumber, DicomVR.IS, "abc");

        Assert.Throws<DicomDataException>(() => ds.GetInt32(DicomTags.InstanceNumber));
    }

    [Fact]
    public void Generate_Uid_Is225DecimalAndValid()
    {
        var uid = DicomUid.Generate();

        Assert.StartsWith("2.25.", uid, StringComparison.Ordinal);
        Assert.True(DicomUid.IsValid(uid));
        Assert.True(uid.Length <= 44);
        Assert.NotEqual(uid, DicomUid.Generate());
        Assert.True(DicomUid.IsValid(DicomUids.ImplementationClassUid));
    }
}
