using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Seldinger.Dicom.Tests;

/// <summary>Checks against pydicom (the system Python's) on its own test corpus and on files we write.</summary>
public class PydicomCorpusTests
{
    private static readonly string[] ReadableFiles =
    [
        "CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm",
        "MR_small_padded.dcm", "rtplan.dcm", "rtdose.dcm", "rtdose_expb.dcm", "rtstruct.dcm", "image_dfl.dcm",
        "test-SR.dcm", "reportsi.dcm", "reportsi_with_empty_number_tags.dcm", "waveform_ecg.dcm", "liver_1frame.dcm",
        "liver_expb_1frame.dcm", "ExplVR_BigEnd.dcm", "ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm",
        "nested_priv_SQ.dcm", "priv_SQ.dcm", "UN_sequence.dcm", "JPEG2000.dcm", "MR_small_RLE.dcm", "SC_rgb_rle.dcm",
        "SC_rgb_small_odd.dcm", "meta_missing_tsyntax.dcm", "no_meta_group_length.dcm", "empty_charset_LEI.dcm",
        "JPEG2000-embedded-sequence-delimiter.dcm", "693_J2KI.dcm",
    ];

    [SkippableFact]
    public void Open_CorpusFiles_ElementCountMatchesPydicom()
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var paths = ReadableFiles.Select(TestFiles.Corpus).ToArray();
        var output = TestFiles.RunPython(
            "import sys, pydicom\nfor f in sys.argv[1:]:\n    print(len(list(pydicom.dcmread(f, force=True).iterall())))",
            paths);
        var expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        var mismatches = new StringBuilder();
        for (var i = 0; i < paths.Length; i++)
        {
            var file = DicomFile.Open(paths[i]);
            var count = CountAll(file.Dataset);
            if (count != expected[i])
            {
                mismatches.Append(CultureInfo.InvariantCulture, $"{ReadableFiles[i]}: ours {count}, pydicom {expected[i]}; ");
            }
        }

        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }

    [SkippableFact]
    public void ToJson_CTSmall_EqualsPydicomJsonDict()
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var path = TestFiles.Corpus("CT_small.dcm");
        var pydicomJson = TestFiles.RunPython(
            "import sys, json, pydicom\nds = pydicom.dcmread(sys.argv[1])\nprint(json.dumps(ds.to_json_dict(bulk_data_threshold=10**9)))",
            path);

        var ours = DicomJsonModel.ToJson(DicomFile.Open(path).Dataset);

        using var expected = JsonDocument.Parse(pydicomJson);
        using var actual = JsonDocument.Parse(ours);
        var differences = new List<string>();
        CompareDatasets(expected.RootElement, actual.RootElement, string.Empty, differences);
        Assert.True(differences.Count == 0, string.Join("; ", differences.Take(20)));
        Assert.True(actual.RootElement.GetProperty("7FE00010").TryGetProperty("InlineBinary", out _));
    }

    [SkippableFact]
    public void Open_CTSmall_PixelBytesEqualPydicom()
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var path = TestFiles.Corpus("CT_small.dcm");
        var expected = Convert.FromBase64String(TestFiles.RunPython(
            "import sys, base64, pydicom\nprint(base64.b64encode(pydicom.dcmread(sys.argv[1]).PixelData).decode())", path).Trim());

        var file = DicomFile.Open(path);

        Assert.Equal(expected, file.GetNativePixelData().ToArray());
    }

    [SkippableTheory]
    [InlineData(DicomUids.ExplicitVRLittleEndian)]
    [InlineData(DicomUids.ImplicitVRLittleEndian)]
    [InlineData(DicomUids.DeflatedExplicitVRLittleEndian)]
    [InlineData(DicomUids.ExplicitVRBigEndian)]
    public void Save_ReadByPydicom_SameValues(string syntaxUid)
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var dir = Directory.CreateTempSubdirectory("seldinger-dicom-");
        try
        {
            var path = Path.Combine(dir.FullName, "small.dcm");
            DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.Parse(syntaxUid)).Save(path);

            var output = TestFiles.RunPython(
                "import sys, pydicom\nds = pydicom.dcmread(sys.argv[1])\n" +
                "print(str(ds.PatientName)); print(ds.SOPInstanceUID); print(ds.file_meta.TransferSyntaxUID); print(ds.Rows, ds.Columns)\n" +
                "print(int(ds.pixel_array.astype('int64').sum())); print(ds.ImagePositionPatient[2]); print(ds.ReferencedImageSequence[0].PurposeOfReferenceCodeSequence[0].CodeMeaning)",
                path);

            var lines = output.Split('\n');
            Assert.Equal("Núñez^Sofía", lines[0]);
            Assert.Equal("2.25.1234567890123456789", lines[1]);
            Assert.Equal(syntaxUid, lines[2]);
            Assert.Equal("2 3", lines[3]);
            Assert.Equal("3303", lines[4]);
            Assert.Equal(1.0 / 3.0, double.Parse(lines[5], CultureInfo.InvariantCulture), 1e-13);
            Assert.Equal("Tissue", lines[6]);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static int CountAll(DicomDataset dataset)
    {
        var count = 0;
        foreach (var element in dataset)
        {
            count++;
            if (element.Sequence is { } sequence)
            {
                foreach (var item in sequence)
                {
                    count += CountAll(item);
                }
            }
        }

        return count;
    }

    private static void CompareDatasets(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
        var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var missing in expectedKeys.Except(actualKeys))
        {
            differences.Add($"{path}{missing}: missing");
        }

        foreach (var extra in actualKeys.Except(expectedKeys))
        {
            differences.Add($"{path}{extra}: extra");
        }

        foreach (var key in expectedKeys.Intersect(actualKeys))
        {
            CompareElements(expected.GetProperty(key), actual.GetProperty(key), path + key, differences);
        }
    }

    private static void CompareElements(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        var vr = expected.GetProperty("vr").GetString();
        if (vr != actual.GetProperty("vr").GetString())
        {
            differences.Add($"{path}: vr {vr} vs {actual.GetProperty("vr").GetString()}");
            return;
        }

        if (expected.TryGetProperty("InlineBinary", out var binary))
        {
            if (!actual.TryGetProperty("InlineBinary", out var ours) || binary.GetString() != ours.GetString())
            {
                differences.Add($"{path}: InlineBinary differs");
            }

            return;
        }

        var expectedValues = expected.TryGetProperty("Value", out var e) ? e.EnumerateArray().ToArray() : [];
        var actualValues = actual.TryGetProperty("Value", out var a) ? a.EnumerateArray().ToArray() : [];
        if (expectedValues.Length != actualValues.Length)
        {
            differences.Add($"{path}: {expectedValues.Length} values vs {actualValues.Length}");
            return;
        }

        for (var i = 0; i < expectedValues.Length; i++)
        {
            var x = expectedValues[i];
            var y = actualValues[i];
            if (vr == "SQ")
            {
                CompareDatasets(x, y, $"{path}[{i}].", differences);
            }
            else if (x.ValueKind == JsonValueKind.Number)
            {
                if (y.ValueKind != JsonValueKind.Number || Math.Abs(x.GetDouble() - y.GetDouble()) > 1e-9 * Math.Max(1, Math.Abs(x.GetDouble())))
                {
                    differences.Add($"{path}[{i}]: {x.GetRawText()} vs {y.GetRawText()}");
                }
            }
            else if (x.ValueKind == JsonValueKind.Object)
            {
                var xs = string.Join('|', x.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString()));
                var ys = y.ValueKind == JsonValueKind.Object ? string.Join('|', y.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString())) : y.GetRawText();
                if (xs != ys)
                {
                    differences.Add($"{path}[{i}]: {xs} vs {ys}");
                }
            }
            else if (x.ValueKind != y.ValueKind || (x.ValueKind == JsonValueKind.String && x.GetString() != y.GetString()))
            {
                differences.Add($"{path}[{i}]: {x.GetRawText()} vs {y.GetRawText()}");
            }
        }
    }
}
