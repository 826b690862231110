namespace Seldinger.Dicom.Tests;

public class DicomTagTests
{
    [Theory]
    [InlineData("(0010,0010)")]
    [InlineData("0010,0010")]
    [InlineData("00100010")]
    [InlineData(" (0010,0010) ")]
    public void Parse_Forms_GivePatientName(string text) => Assert.Equal(DicomTags.PatientName, DicomTag.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("(0010,001G)")]
    [InlineData("(10,10)")]
    public void Parse_Invalid_ThrowsFormatException(string text) => Assert.Throws<FormatException>(() => DicomTag.Parse(text));

    [Fact]
    public void ToString_UpperCaseHex() => Assert.Equal("(7FE0,0010)", new DicomTag(0x7fe0, 0x0010).ToString());

    [Fact]
    public void CompareTo_OrdersByGroupThenElement()
    {
        Assert.True(new DicomTag(0x0008, 0xFFFF) < new DicomTag(0x0010, 0x0000));
        Assert.True(DicomTags.PatientName.CompareTo(DicomTags.PatientID) < 0);
    }

    [Fact]
    public void IsPrivate_OddGroupsOnly()
    {
        Assert.True(new DicomTag(0x0009, 0x1001).IsPrivate);
        Assert.True(new DicomTag(0x0009, 0x0010).IsPrivateCreator);
        Assert.False(DicomTags.PatientName.IsPrivate);
    }
}
