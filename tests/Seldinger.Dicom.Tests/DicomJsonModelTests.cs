namespace Seldinger.Dicom.Tests;

public class DicomJsonModelTests
{
    [Fact]
    public void ToJson_SmallImage_AnnexFShapes()
    {
        var json = DicomJsonModel.ToJson(TestFiles.SmallImage());

        Assert.Contains("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Núñez^Sofía\"}]}", json, StringComparison.Ordinal);
        Assert.Contains("\"00280010\":{\"vr\":\"US\",\"Value\":[2]}", json, StringComparison.Ordinal);
        Assert.Contains("\"00200013\":{\"vr\":\"IS\",\"Value\":[7]}", json, StringComparison.Ordinal);
        Assert.Contains("\"00280030\":{\"vr\":\"DS\",\"Value\":[0.625,0.625]}", json, StringComparison.Ordinal);
        Assert.Contains("\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_EmptyElement_HasNoValue()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.AccessionNumber, string.Empty);

        Assert.Equal("{\"00080050\":{\"vr\":\"SH\"}}", DicomJsonModel.ToJson(ds));
    }

    [Fact]
    public void FromJson_ToJsonOutput_RoundTrips()
    {
        var json = DicomJsonModel.ToJson(TestFiles.SmallImage());

        var again = DicomJsonModel.ToJson(DicomJsonModel.FromJson(json));

        Assert.Equal(json, again);
    }

    [Fact]
    public void FromJson_NotAnObject_ThrowsDataException() =>
        Assert.Throws<DicomDataException>(() => DicomJsonModel.FromJson("[1,2]"));
}
