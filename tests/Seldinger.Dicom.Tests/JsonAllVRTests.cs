using System.Text.Json;

namespace Seldinger.Dicom.Tests;

/// <summary>The DICOM JSON model (PS3.18 annex F) for every VR, and pydicom reading what we write.</summary>
public class JsonAllVRTests
{
    [Fact]
    public void ToJson_EveryVR_AnnexFShapes()
    {
        var json = DicomJsonModel.ToJson(AllVRs());

        Assert.Contains("\"00280009\":{\"vr\":\"AT\",\"Value\":[\"00100010\",\"7FE00010\"]}", json, StringComparison.Ordinal);
        Assert.Contains("\"0018605A\":{\"vr\":\"FL\",\"Value\":[1.5,-2.25]}", json, StringComparison.Ordinal);
        Assert.Contains("\"00720082\":{\"vr\":\"SV\",\"Value\":[-5,\"-9007199254740993\"]}", json, StringComparison.Ordinal);
        Assert.Contains("\"00720083\":{\"vr\":\"UV\",\"Value\":[7,\"18446744073709551615\"]}", json, StringComparison.Ordinal);
        Assert.Contains("\"00080120\":{\"vr\":\"UR\",\"Value\":[\"http://example.org/a\\\\b?c=d\"]}", json, StringComparison.Ordinal);
        Assert.Contains("\"0040A730\":{\"vr\":\"SQ\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"00081030\":{\"vr\":\"LO\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"00101002\":{\"vr\":\"SQ\",\"Value\":[{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"Ñ-1\"]}}]}", json, StringComparison.Ordinal);
        Assert.Contains("\"00091010\":{\"vr\":\"UN\",\"InlineBinary\":\"AQID\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_EveryVR_SameValueBytes()
    {
        var original = AllVRs();

        var again = DicomJsonModel.FromJson(DicomJsonModel.ToJson(original));

        Assert.Equal(original.Select(e => e.Tag), again.Select(e => e.Tag));
        foreach (var element in original)
        {
            var other = again.GetElement(element.Tag);
            Assert.Equal(element.VR, other.VR);
            if (element.Sequence is null)
            {
                Assert.True(element.Value.Span.SequenceEqual(other.Value.Span), element.ToString());
            }
        }

        Assert.Equal("Ñ-1", again.GetSequence(DicomTags.OtherPatientIDsSequence)[0].GetString(DicomTags.PatientID));
    }

    [Fact]
    public void FromJson_BulkDataUri_Resolved()
    {
        const string json = """{"7FE00010":{"vr":"OW","BulkDataURI":"http://host/bulk/1"}}""";

        var ds = DicomJsonModel.FromJson(json, uri => uri == "http://host/bulk/1" ? new byte[] { 1, 0, 2, 0 } : throw new InvalidOperationException(uri));

        Assert.Equal([1, 0, 2, 0], ds.GetBytes(DicomTags.PixelData).ToArray());
        Assert.Throws<DicomNotSupportedException>(() => DicomJsonModel.FromJson(json));
    }

    [Fact]
    public void GetTags_GetInt64s_GetUInt64s_TypedValues()
    {
        var ds = AllVRs();

        Assert.Equal([DicomTags.PatientName, DicomTags.PixelData], ds.GetTags(DicomTags.FrameIncrementPointer));
        Assert.Equal([-5L, -9007199254740993L], ds.GetInt64s(DicomTag.FromValue(0x00720082u)));
        Assert.Equal([7UL, ulong.MaxValue], ds.GetUInt64s(DicomTag.FromValue(0x00720083u)));
        Assert.Equal(["http://example.org/a\\b?c=d"], ds.GetStrings(DicomTag.FromValue(0x00080120u)));
        Assert.Equal([1.5, -2.25], ds.GetDoubles(DicomTag.FromValue(0x0018605Au)));
    }

    [SkippableFact]
    public void ToJson_EveryVR_PydicomReadsTheSameValues()
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);

        // pydicom 2.3 splits UR on a backslash, which PS3.5 does not make a delimiter for UR; that element is left out.
        var dataset = AllVRs();
        dataset.Remove(DicomTag.FromValue(0x00080120u));
        var ours = DicomJsonModel.ToJson(dataset);

        var theirs = TestFiles.RunPython(
            "import sys, json, pydicom\nds = pydicom.Dataset.from_json(sys.argv[1])\nprint(json.dumps(ds.to_json_dict(bulk_data_threshold=10**9)))",
            ours);

        using var expected = JsonDocument.Parse(theirs);
        using var actual = JsonDocument.Parse(ours);
        var comparer = new CorpusJsonComparer(bigEndian: false);
        comparer.CompareDatasets(expected.RootElement, actual.RootElement, string.Empty);
        Assert.True(comparer.Differences.Count == 0, string.Join("; ", comparer.Differences));
    }

    private static DicomDataset AllVRs()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        ds.SetString(DicomTags.StudyDescription, string.Empty);
        ds.SetString(DicomTag.FromValue(0x00080120u), DicomVR.UR, "http://example.org/a\\b?c=d");
        ds.SetString(DicomTags.PatientComments, DicomVR.LT, "  leading spaces kept\r\nsecond line");
        ds.SetString(DicomTags.StudyID, DicomVR.SH, "S1");
        ds.SetString(DicomTag.FromValue(0x0040A160u), DicomVR.UT, "Unlimited text with \\ backslash");
        ds.SetString(DicomTag.FromValue(0x0008030Cu), DicomVR.UC, "UC1\\UC2");
        ds.SetString(DicomTags.PatientAge, "009Y");
        ds.SetIntegerString(DicomTags.InstanceNumber, -3);
        ds.SetDecimalStrings(DicomTags.SliceThickness, 0.5);
        ds.SetTags(DicomTags.FrameIncrementPointer, DicomTags.PatientName, DicomTags.PixelData);
        ds.SetFloat32s(DicomTag.FromValue(0x0018605Au), 1.5f, -2.25f);
        ds.SetFloat64s(DicomTag.FromValue(0x00186054u), 0.1, 1e-300);
        ds.SetBytes(DicomTags.SmallestImagePixelValue, DicomVR.SS, new byte[] { 0xFE, 0xFF });
        ds.SetBytes(DicomTag.FromValue(0x00181060u), DicomVR.DS, "12.5"u8.ToArray());
        ds.SetInt64s(DicomTag.FromValue(0x00720082u), -5, -9007199254740993);
        ds.SetUInt64s(DicomTag.FromValue(0x00720083u), 7, ulong.MaxValue);
        ds.SetBytes(DicomTag.FromValue(0x00091010u), DicomVR.UN, new byte[] { 1, 2, 3 });
        ds.SetBytes(DicomTag.FromValue(0x00090010u), DicomVR.LO, "PRIVATE CREATOR "u8.ToArray());
        ds.SetBytes(DicomTag.FromValue(0x00091011u), DicomVR.OB, new byte[] { 9, 8 });
        ds.SetBytes(DicomTag.FromValue(0x00091012u), DicomVR.OD, BitConverter.GetBytes(2.5));
        ds.SetBytes(DicomTag.FromValue(0x00091013u), DicomVR.OF, BitConverter.GetBytes(2.5f));
        ds.SetBytes(DicomTag.FromValue(0x00091014u), DicomVR.OL, BitConverter.GetBytes(123456u));
        ds.SetBytes(DicomTag.FromValue(0x00091015u), DicomVR.OV, BitConverter.GetBytes(1234567890123UL));
        ds.SetBytes(DicomTag.FromValue(0x00091016u), DicomVR.OW, new byte[] { 1, 0, 2, 0 });
        ds.SetSequence(DicomTags.ContentSequence, []);
        var item = new DicomDataset();
        ds.SetSequence(DicomTags.OtherPatientIDsSequence, [item]);
        item.SetString(DicomTags.PatientID, "Ñ-1");
        return ds;
    }
}
