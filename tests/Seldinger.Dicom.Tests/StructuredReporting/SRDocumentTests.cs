using System.Globalization;
using Seldinger.Dicom.StructuredReporting;

namespace Seldinger.Dicom.Tests.StructuredReporting;

/// <summary>SR content trees against pydicom's own ContentSequence recursion, and an RDSR-like document built here.</summary>
public sealed class SRDocumentTests
{
    /// <summary>The SR files of pydicom's corpus (every file there with a Content Sequence).</summary>
    public static TheoryData<string> CorpusReports => new() { "test-SR.dcm", "reportsi.dcm", "reportsi_with_empty_number_tags.dcm" };

    // One line per content item, parents before children: depth|relationship|value type|concept|value.
    private const string PydicomTraversal = """
        import sys, pydicom
        ds = pydicom.dcmread(sys.argv[1])
        def code(seq):
            return f"{seq[0].CodeValue},{seq[0].CodingSchemeDesignator}" if seq else ""
        def value(item):
            vt = item.get("ValueType", "")
            if vt == "TEXT": return str(item.get("TextValue", ""))
            if vt == "CODE": return code(item.get("ConceptCodeSequence", []))
            if vt == "NUM":
                m = item.get("MeasuredValueSequence", [])
                if not m: return ""
                return f"{m[0].get('NumericValue', '')} {code(m[0].get('MeasurementUnitsCodeSequence', []))}"
            if vt in ("DATETIME", "DATE", "TIME", "UIDREF", "PNAME"):
                key = {"DATETIME": "DateTime", "DATE": "Date", "TIME": "Time", "UIDREF": "UID", "PNAME": "PersonName"}[vt]
                return str(item.get(key, ""))
            if vt in ("IMAGE", "COMPOSITE", "WAVEFORM"):
                r = item.get("ReferencedSOPSequence", [])
                return r[0].ReferencedSOPInstanceUID if r else ""
            if vt in ("SCOORD", "SCOORD3D"): return f"{item.GraphicType} {len(item.GraphicData)}"
            if vt == "TCOORD": return str(item.TemporalRangeType)
            if "ReferencedContentItemIdentifier" in item:
                v = item.ReferencedContentItemIdentifier
                return ".".join(str(x) for x in (v if isinstance(v, (list, pydicom.multival.MultiValue)) else [v]))
            return ""
        def walk(item, depth):
            line = f"{depth}|{item.get('RelationshipType', '')}|{item.get('ValueType', '')}|{code(item.get('ConceptNameCodeSequence', []))}|{value(item)}"
            print(line.replace("\r", " ").replace("\n", " "))
            for child in item.get("ContentSequence", []):
                walk(child, depth + 1)
        walk(ds, 0)
        """;

    [SkippableTheory]
    [MemberData(nameof(CorpusReports))]
    public void ReadContentTree_PydicomCorpus_SameTreeAsPydicomTraversal(string name)
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var path = TestFiles.Corpus(name);
        var expected = TestFiles.RunPython(PydicomTraversal, path).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var root = SRDocument.ReadContentTree(path);
        var ours = root.Walk().Select(Line).ToArray();
        Assert.Equal(expected, ours);
    }

    [SkippableFact]
    public void ReadContentTree_TestSr_FindsByConceptAndKeepsRelationships()
    {
        Skip.IfNot(File.Exists(TestFiles.Corpus("test-SR.dcm")), TestFiles.NoPydicom);
        var root = SRDocument.ReadContentTree(TestFiles.Corpus("test-SR.dcm"));
        Assert.Equal(SRValueType.Container, root.ValueType);
        Assert.Equal(SRRelationshipType.None, root.RelationshipType);
        Assert.NotNull(root.ConceptName);
        Assert.All(root.Children, c => Assert.NotEqual(SRRelationshipType.None, c.RelationshipType));
        var first = root.Walk().Skip(1).First(i => i.ConceptName is not null);
        Assert.Contains(first, root.FindAll(first.ConceptName!));
    }

    [Fact]
    public void ReadContentTree_DoseReportLikeDocument_EveryValueTypeAndByReference()
    {
        var root = SRDocument.ReadContentTree(DoseReport());
        Assert.Equal("10001", root.TemplateIdentifier);
        Assert.Equal("SEPARATE", root.ContinuityOfContent);
        Assert.Equal(
            ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.5.1", "1.5.2", "1.5.3", "1.5.4", "1.5.5", "1.5.6", "1.5.7", "1.5.8", "1.6", "1.7", "1.7.1"],
            root.Walk().Select(i => i.Position).ToArray());

        var dap = Assert.Single(root.FindAll(new DicomCode("113722", "DCM", "")));
        Assert.Equal(SRValueType.Num, dap.ValueType);
        Assert.Equal(SRRelationshipType.Contains, dap.RelationshipType);
        Assert.Equal(1.25e-5, dap.NumericValue!.Value!.Value, 12);
        Assert.Equal(new DicomCode("Gy.m2", "UCUM", "Gy.m2"), dap.NumericValue.Units);

        var kinds = root.Walk().Select(i => i.ValueType).ToHashSet();
        foreach (var kind in Enum.GetValues<SRValueType>())
        {
            Assert.Contains(kind, kinds);
        }

        Assert.Equal("Doe^Jane", root.Walk().Single(i => i.ValueType == SRValueType.PName).TextValue);
        var image = root.Walk().Single(i => i.ValueType == SRValueType.Image);
        Assert.Equal([2, 5], image.Reference!.Frames);
        Assert.Equal("1.2.3.4.5.6", image.Reference.SopInstanceUid);
        var scoord3d = root.Walk().Single(i => i.ValueType == SRValueType.SCoord3D);
        Assert.Equal([1.5, -2, 30.25], scoord3d.Coordinates!.Points);
        Assert.Equal("1.2.3.9", scoord3d.Coordinates.FrameOfReferenceUid);
        var tcoord = root.Walk().Single(i => i.ValueType == SRValueType.TCoord);
        Assert.Equal("SEGMENT", tcoord.Coordinates!.Type);
        Assert.Equal([0.5, 1.5], tcoord.Coordinates.TimeOffsets);

        var byReference = root.Walk().Single(i => i.ValueType == SRValueType.ByReference);
        Assert.Equal(SRRelationshipType.InferredFrom, byReference.RelationshipType);
        Assert.Same(dap, root.Resolve(byReference));
        Assert.Equal(SRRelationshipType.HasConceptModifier, root.Walk().Single(i => i.Position == "1.5.8").RelationshipType);
    }

    [Fact]
    public void ReadContentTree_UnknownValueType_ThrowsNamingTheItem()
    {
        var ds = DoseReport();
        ds.GetSequence(DicomTags.ContentSequence)[1].SetString(DicomTags.ValueType, "BOGUS");
        var error = Assert.Throws<DicomDataException>(() => SRDocument.ReadContentTree(ds));
        Assert.Contains("1.2", error.Message, StringComparison.Ordinal);
    }

    private static string Line(SRContentItem item)
    {
        var depth = item.Position.Count(c => c == '.');
        var relationship = item.Dataset.TryGetString(DicomTags.RelationshipType, out var r) ? r : "";
        var valueType = item.Dataset.TryGetString(DicomTags.ValueType, out var v) ? v : "";
        var concept = item.ConceptName is { } c ? $"{c.Value},{c.Scheme}" : "";
        var value = item.ValueType switch
        {
            SRValueType.Code => item.CodeValue is { } code ? $"{code.Value},{code.Scheme}" : "",
            SRValueType.Num => item.NumericValue is { Units: var u } n && item.Dataset.Find(DicomTags.MeasuredValueSequence)?.Sequence is { Count: > 0 }
                ? $"{n.Text} {(u is null ? "" : $"{u.Value},{u.Scheme}")}"
                : "",
            SRValueType.Image or SRValueType.Composite or SRValueType.Waveform => item.Reference?.SopInstanceUid ?? "",
            SRValueType.SCoord or SRValueType.SCoord3D => $"{item.Coordinates!.Type} {item.Coordinates.Points.Count}",
            SRValueType.TCoord => item.Coordinates!.Type,
            SRValueType.ByReference => string.Join('.', item.ReferencedItem),
            SRValueType.Container => "",
            _ => item.TextValue ?? "",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{depth}|{relationship}|{valueType}|{concept}|{value}").Replace('\r', ' ').Replace('\n', ' ');
    }

    /// <summary>A small X-Ray Radiation Dose report (TID 10001-like) using every value type and a by-reference item.</summary>
    private static DicomDataset DoseReport()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SOPClassUID, DicomUids.XRayRadiationDoseSRStorage);
        ds.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        ds.SetString(DicomTags.Modality, "SR");
        ds.SetString(DicomTags.ValueType, "CONTAINER");
        ds.SetSequence(DicomTags.ConceptNameCodeSequence, [new DicomCode("113701", "DCM", "X-Ray Radiation Dose Report").ToItem()]);
        ds.SetString(DicomTags.ContinuityOfContent, "SEPARATE");
        var template = new DicomDataset();
        template.SetString(DicomTags.MappingResource, "DCMR");
        template.SetString(DicomTags.TemplateIdentifier, "10001");
        ds.SetSequence(DicomTags.ContentTemplateSequence, [template]);

        var accumulated = Item("CONTAINER", "CONTAINS", "113702", "Accumulated X-Ray Dose Data");
        accumulated.SetString(DicomTags.ContinuityOfContent, "SEPARATE");
        var image = Item("IMAGE", "CONTAINS", "121112", "Source of Measurement");
        image.SetSequence(DicomTags.ReferencedSOPSequence, [Reference("1.2.840.10008.5.1.4.1.1.12.1", "1.2.3.4.5.6", frames: "2\\5")]);
        var scoord = Item("SCOORD", "CONTAINS", "111030", "Image Region");
        scoord.SetString(DicomTags.GraphicType, "POINT");
        scoord.SetBytes(DicomTags.GraphicData, DicomVR.FL, Floats(10.5f, 20.25f));
        var scoord3d = Item("SCOORD3D", "CONTAINS", "111030", "Image Region");
        scoord3d.SetString(DicomTags.GraphicType, "POINT");
        scoord3d.SetBytes(DicomTags.GraphicData, DicomVR.FL, Floats(1.5f, -2f, 30.25f));
        scoord3d.SetString(DicomTags.ReferencedFrameOfReferenceUID, "1.2.3.9");
        var tcoord = Item("TCOORD", "CONTAINS", "113810", "Time");
        tcoord.SetString(DicomTags.TemporalRangeType, "SEGMENT");
        tcoord.SetDecimalStrings(DicomTags.ReferencedTimeOffsets, 0.5, 1.5);
        var waveform = Item("WAVEFORM", "CONTAINS", "113811", "Waveform");
        waveform.SetSequence(DicomTags.ReferencedSOPSequence, [Reference("1.2.840.10008.5.1.4.1.1.9.1.1", "1.2.3.7", frames: null)]);
        var composite = Item("COMPOSITE", "CONTAINS", "113812", "Composite");
        composite.SetSequence(DicomTags.ReferencedSOPSequence, [Reference("1.2.840.10008.5.1.4.1.1.88.67", "1.2.3.8", frames: null)]);
        var date = Item("DATE", "HAS PROPERTIES", "111526", "Date");
        date.SetString(DicomTags.Date, "20260105");
        var modifier = Item("TIME", "HAS CONCEPT MOD", "111527", "Time");
        modifier.SetString(DicomTags.Time, "093000");
        var dap = Item("NUM", "CONTAINS", "113722", "Dose Area Product Total");
        var measured = new DicomDataset();
        measured.SetSequence(DicomTags.MeasurementUnitsCodeSequence, [new DicomCode("Gy.m2", "UCUM", "Gy.m2").ToItem()]);
        measured.SetString(DicomTags.NumericValue, "1.25e-5");
        dap.SetSequence(DicomTags.MeasuredValueSequence, [measured]);
        accumulated.SetSequence(DicomTags.ContentSequence, [image, scoord, scoord3d, tcoord, waveform, composite, date, modifier]);

        var procedure = Item("CODE", "HAS CONCEPT MOD", "121058", "Procedure reported");
        procedure.SetSequence(DicomTags.ConceptCodeSequence, [new DicomCode("113704", "DCM", "Projection X-Ray").ToItem()]);
        var start = Item("DATETIME", "HAS OBS CONTEXT", "113809", "Start of X-Ray Irradiation");
        start.SetString(DicomTags.DateTime, "20260105093000");
        var uid = Item("UIDREF", "HAS OBS CONTEXT", "121012", "Device Observer UID");
        uid.SetString(DicomTags.UID, "1.2.3.10");
        var person = Item("PNAME", "HAS OBS CONTEXT", "121008", "Person Observer Name");
        person.SetString(DicomTags.PersonName, "Doe^Jane");
        var text = Item("TEXT", "CONTAINS", "121106", "Comment");
        text.SetString(DicomTags.TextValue, "Pediatric protocol.");

        // By reference: the comment is inferred from the DAP (position 1.6).
        var byReference = new DicomDataset();
        byReference.SetString(DicomTags.RelationshipType, "INFERRED FROM");
        var id = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(id, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(id.AsSpan(4), 6);
        byReference.SetBytes(DicomTags.ReferencedContentItemIdentifier, DicomVR.UL, id);

        ds.SetSequence(DicomTags.ContentSequence, [procedure, start, uid, person, accumulated, dap, WithChild(text, byReference)]);
        return ds;
    }

    private static DicomDataset WithChild(DicomDataset item, DicomDataset child)
    {
        // The by-reference item is a child of the comment, at position 1.7.1 — keep the walk order predictable.
        item.SetSequence(DicomTags.ContentSequence, [child]);
        return item;
    }

    private static DicomDataset Item(string valueType, string relationship, string code, string meaning)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.RelationshipType, relationship);
        item.SetString(DicomTags.ValueType, valueType);
        item.SetSequence(DicomTags.ConceptNameCodeSequence, [new DicomCode(code, "DCM", meaning).ToItem()]);
        return item;
    }

    private static DicomDataset Reference(string sopClass, string sopInstance, string? frames)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.ReferencedSOPClassUID, sopClass);
        item.SetString(DicomTags.ReferencedSOPInstanceUID, sopInstance);
        if (frames is not null)
        {
            item.SetString(DicomTags.ReferencedFrameNumber, frames);
        }

        return item;
    }

    private static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var n = 0; n < values.Length; n++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(n * 4), values[n]);
        }

        return bytes;
    }
}
