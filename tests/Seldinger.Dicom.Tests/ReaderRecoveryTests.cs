using System.Buffers.Binary;
using System.Text;

namespace Seldinger.Dicom.Tests;

/// <summary>
/// The malformed encodings the reader recovers from (as pydicom does), each with a warning on
/// <see cref="DicomFile.Warnings"/>, and the ones it still refuses.
/// </summary>
public class ReaderRecoveryTests
{
    private static readonly DicomTag ReferencedRTPlanSequence = new(0x300C, 0x0002);
    private static readonly DicomTag ReferencedSOPInstanceUID = new(0x0008, 0x1155);

    [Fact]
    public void Read_DefinedLengthUNWithSQInDictionary_ParsedAsImplicitVRSequence()
    {
        var item = Concat(Implicit(0x0008, 0x1155, Text("1.2.3\0")));
        var value = Concat(ItemHeader((uint)item.Length), item);
        var bytes = Concat(Explicit(0x0008, 0x0060, "CS", Text("RT")), Explicit(0x300C, 0x0002, "UN", value));

        var file = DicomFile.Read(new MemoryStream(bytes));

        var element = file.Dataset.GetElement(ReferencedRTPlanSequence);
        Assert.Equal(DicomVR.SQ, element.VR);
        var read = Assert.Single(element.Sequence!);
        Assert.Equal(DicomVR.UI, read.GetElement(ReferencedSOPInstanceUID).VR);
        Assert.Equal("1.2.3", read.GetString(ReferencedSOPInstanceUID));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Read_DefinedLengthUNWithSQInDictionaryButNoItems_KeptAsUNWithWarning()
    {
        var bytes = Concat(Explicit(0x0008, 0x0060, "CS", Text("RT")), Explicit(0x300C, 0x0002, "UN", Text("NOT ITEMS")));

        var file = DicomFile.Read(new MemoryStream(bytes), name: "un.dcm");

        var element = file.Dataset.GetElement(ReferencedRTPlanSequence);
        Assert.Equal(DicomVR.UN, element.VR);
        Assert.Equal(Text("NOT ITEMS"), element.Value.ToArray());
        var warning = Assert.Single(file.Warnings);
        Assert.StartsWith("un.dcm: byte 10: UN element (300C,0002) is a sequence in the dictionary", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UndefinedLengthUN_ParsedAsImplicitVRSequence()
    {
        var item = Implicit(0x0008, 0x1155, Text("1.2.3\0"));
        var value = Concat(ItemHeader(0xFFFFFFFF), item, Delimiter(0xE00D), Delimiter(0xE0DD));
        var header = Explicit(0x0009, 0x1010, "UN", []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0xFFFFFFFF);
        var bytes = Concat(Explicit(0x0008, 0x0060, "CS", Text("RT")), header, value, Explicit(0x0010, 0x0020, "LO", Text("ID")));

        var file = DicomFile.Read(new MemoryStream(bytes));

        var element = file.Dataset.GetElement(new DicomTag(0x0009, 0x1010));
        Assert.Equal(DicomVR.SQ, element.VR);
        Assert.Equal("1.2.3", Assert.Single(element.Sequence!).GetString(ReferencedSOPInstanceUID));
        Assert.Equal("ID", file.Dataset.GetString(DicomTags.PatientID));
    }

    [Theory]
    [InlineData(0, "US", 65535)]
    [InlineData(1, "SS", -1)]
    public void Read_ImplicitVRUSOrSS_TypedByPixelRepresentation(ushort pixelRepresentation, string expectedVR, int expected)
    {
        var lutItem = Concat(Implicit(0x0028, 0x3002, UInt16s(1, 0, 16)), Implicit(0x0028, 0x3006, UInt16s(7)));
        var bytes = Concat(
            Implicit(0x0008, 0x0060, Text("MR")),
            Implicit(0x0028, 0x0103, UInt16s(pixelRepresentation)),
            Implicit(0x0028, 0x0106, UInt16s(0xFFFF)),
            Implicit(0x0028, 0x3010, Concat(ItemHeader((uint)lutItem.Length), lutItem)));

        var file = DicomFile.Read(new MemoryStream(bytes));

        Assert.Equal(TransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        var smallest = file.Dataset.GetElement(DicomTags.SmallestImagePixelValue);
        Assert.Equal(expectedVR, smallest.VR.Code);
        Assert.Equal(expected, file.Dataset.GetInt32(DicomTags.SmallestImagePixelValue));

        // Inside an item, Pixel Representation comes from the enclosing dataset; a one-entry LUT's data is US.
        var item = Assert.Single(file.Dataset.GetSequence(new DicomTag(0x0028, 0x3010)));
        Assert.Equal(expectedVR, item.GetElement(DicomTags.LUTDescriptor).VR.Code);
        Assert.Equal(DicomVR.US, item.GetElement(new DicomTag(0x0028, 0x3006)).VR);
    }

    [Fact]
    public void Read_ImplicitVRLutDataOfManyEntries_IsOW()
    {
        var bytes = Concat(
            Implicit(0x0008, 0x0060, Text("MR")),
            Implicit(0x0028, 0x3002, UInt16s(2, 0, 16)),
            Implicit(0x0028, 0x3006, UInt16s(7, 8)),
            Implicit(0x6000, 0x3000, [0xFF, 0x00]));

        var file = DicomFile.Read(new MemoryStream(bytes));

        Assert.Equal(DicomVR.US, file.Dataset.GetElement(DicomTags.LUTDescriptor).VR);
        Assert.Equal(DicomVR.OW, file.Dataset.GetElement(new DicomTag(0x0028, 0x3006)).VR);
        Assert.Equal(DicomVR.OW, file.Dataset.GetElement(new DicomTag(0x6000, 0x3000)).VR);
    }

    [Fact]
    public void Read_ExplicitSyntaxImplicitDataset_ReadAsImplicitWithWarning()
    {
        var bytes = Part10(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian, out var datasetStart);

        var file = DicomFile.Read(new MemoryStream(bytes), name: "mixed.dcm");

        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("Doe^Jane", file.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal(DicomVR.PN, file.Dataset.GetElement(DicomTags.PatientName).VR);
        var warning = Assert.Single(file.Warnings);
        Assert.Equal($"mixed.dcm: byte {datasetStart}: the transfer syntax Explicit VR Little Endian says explicit VR but the dataset is encoded in implicit VR; read as encoded", warning);

        // Written back, the dataset is encoded as its transfer syntax says.
        var again = DicomFile.Read(new MemoryStream(file.ToArray()));
        Assert.Empty(again.Warnings);
        Assert.Equal("Doe^Jane", again.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Read_ImplicitSyntaxExplicitDataset_ReadAsExplicitWithWarning()
    {
        var bytes = Part10(TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian, out _);

        var file = DicomFile.Read(new MemoryStream(bytes), name: "mixed.dcm");

        Assert.Equal(TransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("Doe^Jane", file.Dataset.GetString(DicomTags.PatientName));
        Assert.Contains("says implicit VR but the dataset is encoded in explicit VR", Assert.Single(file.Warnings), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Open_SCRgbJpeg_ImplicitDatasetUnderJpegSyntaxReadsWithWarning()
    {
        var path = TestFiles.Corpus("SC_rgb_jpeg.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's test files are not installed");

        var file = DicomFile.Open(path);

        Assert.Equal("1.2.840.10008.1.2.4.50", file.TransferSyntax.Uid);
        Assert.Equal(256, file.Dataset.GetInt32(DicomTags.Rows));
        Assert.NotNull(file.Dataset.GetElement(DicomTags.PixelData).Fragments);
        Assert.Equal("SC_rgb_jpeg.dcm: byte 356: the transfer syntax JPEG Baseline says explicit VR but the dataset is encoded in implicit VR; read as encoded", Assert.Single(file.Warnings));
    }

    [Fact]
    public void Read_LastItemLongerThanItsSequence_ReadToTheSequenceEndWithWarning()
    {
        var first = Explicit(0x0008, 0x1150, "UI", Text("1.2\0"));
        var second = Concat(Explicit(0x0008, 0x1150, "UI", Text("1.2\0")), Explicit(0x0020, 0x0013, "IS", Text("7 ")));
        var items = Concat(ItemHeader((uint)first.Length), first, ItemHeader((uint)second.Length + 24), second);
        var bytes = Concat(Explicit(0x0008, 0x0060, "CS", Text("MR")), SequenceHeader(0x0008, 0x1140, (uint)items.Length), items, Explicit(0x0010, 0x0020, "LO", Text("ID")));

        var file = DicomFile.Read(new MemoryStream(bytes), name: "dir");

        var records = file.Dataset.GetSequence(new DicomTag(0x0008, 0x1140));
        Assert.Equal(2, records.Count);
        Assert.Equal("7", records[1].GetString(DicomTags.InstanceNumber));
        Assert.Equal("ID", file.Dataset.GetString(DicomTags.PatientID));
        var secondItemAt = 10 + 12 + 8 + first.Length;
        Assert.Equal($"dir: byte {secondItemAt}: item in sequence (0008,1140) declares {second.Length + 24} bytes but only {second.Length} remain in the sequence; item read up to the end of the sequence", Assert.Single(file.Warnings));
    }

    [Fact]
    public void Read_LastItemLongerThanItsSequenceWithAnElementAcrossTheEnd_Throws()
    {
        var second = Concat(Explicit(0x0008, 0x1150, "UI", Text("1.2\0")), Explicit(0x0020, 0x0013, "IS", Text("7 ")));
        var items = Concat(ItemHeader((uint)second.Length + 24), second);
        var sequence = Concat(SequenceHeader(0x0008, 0x1140, (uint)items.Length - 4), items);
        var bytes = Concat(Explicit(0x0008, 0x0060, "CS", Text("MR")), sequence, Explicit(0x0010, 0x0020, "LO", Text("ID")));

        var e = Assert.Throws<DicomFileException>(() => DicomFile.Read(new MemoryStream(bytes), name: "dir"));

        Assert.Contains("element (0020,0013) header needs 8 bytes but only 6 remain in the enclosing item or sequence", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Open_DicomdirNoOffset_ReadsAllRecordsWithWarning()
    {
        var path = TestFiles.Corpus("dicomdirtests/DICOMDIR-nooffset");
        Skip.IfNot(File.Exists(path), "pydicom's test files are not installed");

        var file = DicomFile.Open(path);

        var records = file.Dataset.GetSequence(new DicomTag(0x0004, 0x1220));
        Assert.Equal(52, records.Count);
        Assert.Equal(8, records[^1].Count);
        Assert.Equal("DICOMDIR-nooffset: byte 10860: item in sequence (0004,1220) declares 248 bytes but only 224 remain in the sequence; item read up to the end of the sequence", Assert.Single(file.Warnings));
    }

    [SkippableFact]
    public void Open_MRTruncated_ThrowsByDefaultAndKeepsTheElementsBeforeWithAllowTruncated()
    {
        var path = TestFiles.Corpus("MR_truncated.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's test files are not installed");

        var e = Assert.Throws<DicomFileException>(() => DicomFile.Open(path));
        Assert.Equal("MR_truncated.dcm: byte 1488: element (7FE0,0010) declares 8192 bytes but only 8130 remain", e.Message);

        var file = DicomFile.Open(path, new DicomReadOptions { AllowTruncated = true });

        Assert.False(file.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(64, file.Dataset.GetInt32(DicomTags.Rows));
        Assert.Equal("MR_truncated.dcm: byte 1488: truncated file: element (7FE0,0010) declares 8192 bytes but only 8130 remain; the elements read before it are kept", Assert.Single(file.Warnings));
    }

    [SkippableFact]
    public void Open_MRTruncatedDeferred_WarnsWithAllowTruncatedAndThrowsWithout()
    {
        var path = TestFiles.Corpus("MR_truncated.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's test files are not installed");

        Assert.Throws<DicomFileException>(() => DicomFile.Open(path, new DicomReadOptions { DeferPixelData = true }));
        var file = DicomFile.Open(path, new DicomReadOptions { DeferPixelData = true, AllowTruncated = true });

        Assert.Null(file.DeferredPixelData);
        Assert.Equal(64, file.Dataset.GetInt32(DicomTags.Rows));
        Assert.Contains("truncated file: element (7FE0,0010) declares 8192 bytes but only 8130 remain", Assert.Single(file.Warnings), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Open_RTPlanTruncatedWithAllowTruncated_SameElementsAsPydicomLessTheCutOne()
    {
        var path = TestFiles.Corpus("rtplan_truncated.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's test files are not installed");
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        Assert.Throws<DicomFileException>(() => DicomFile.Open(path));

        var file = DicomFile.Open(path, new DicomReadOptions { AllowTruncated = true });

        const string script = """
            import sys, pydicom
            def walk(ds, prefix):
                for e in ds:
                    path = prefix + format(e.tag, "08X")
                    print(path)
                    if e.VR == "SQ":
                        for i, item in enumerate(e.value):
                            walk(item, path + "/" + str(i) + "/")
            walk(pydicom.dcmread(sys.argv[1], force=True), "")
            """;
        var theirs = TestFiles.RunPython(script, path).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var ours = new List<string>();
        Walk(file.Dataset, string.Empty, ours);

        // pydicom keeps the cut element with the bytes that remain; ours leaves it out.
        Assert.Equal(theirs[..^1], ours);
        Assert.EndsWith("300A012C", theirs[^1], StringComparison.Ordinal);
        Assert.Equal("rtplan_truncated.dcm: byte 2092: truncated file: element (300A,012C) declares 50 bytes but only 29 remain; the elements read before it are kept", Assert.Single(file.Warnings));
    }

    [Fact]
    public void Read_CutInsideUndefinedLengthSequenceWithAllowTruncated_KeepsItemsRead()
    {
        var item = Explicit(0x0008, 0x1155, "UI", Text("1.2.3\0"));
        var header = Explicit(0x0008, 0x1140, "SQ", []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0xFFFFFFFF);
        var whole = Concat(Explicit(0x0008, 0x0060, "CS", Text("CT")), header, ItemHeader((uint)item.Length), item, ItemHeader(0xFFFFFFFF), item, Delimiter(0xE00D), Delimiter(0xE0DD));

        foreach (var cut in new[] { whole.Length - 8, whole.Length - 9, whole.Length - 16, whole.Length - 20 })
        {
            var bytes = whole[..cut];
            Assert.Throws<DicomFileException>(() => DicomFile.Read(new MemoryStream(bytes)));

            var file = DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { AllowTruncated = true });

            Assert.Equal("CT", file.Dataset.GetString(DicomTags.Modality));
            var items = file.Dataset.GetSequence(new DicomTag(0x0008, 0x1140));
            Assert.Equal(2, items.Count);
            Assert.Equal("1.2.3", items[0].GetString(ReferencedSOPInstanceUID));
            Assert.Equal(cut >= whole.Length - 16, items[1].Contains(ReferencedSOPInstanceUID));
            Assert.Contains("truncated file", Assert.Single(file.Warnings), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_HugeLengthWithAllowTruncated_NoAllocationAndElementLeftOut()
    {
        var header = Explicit(0x7FE0, 0x0010, "OW", []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0xFFFFFFF0);
        var bytes = Concat(Explicit(0x0008, 0x0060, "CS", Text("CT")), header, new byte[16]);

        var file = DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { AllowTruncated = true });

        Assert.Single(file.Dataset);
        Assert.Contains("declares 4294967280 bytes but only 16 remain", Assert.Single(file.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MetaWithoutSyntaxAndDatasetShorterThanAHeader_ThrowsLocatedFileException()
    {
        var bytes = Concat(new byte[128], Text("DICM"), Explicit(0x0002, 0x3030, "UL", Text("0000")), Text("0000"));

        var e = Assert.Throws<DicomFileException>(() => DicomFile.Read(new MemoryStream(bytes), name: "short.dcm"));

        Assert.Equal("short.dcm: byte 144: element (3030,3030) header needs 8 bytes but only 4 remain", e.Message);
    }

    private static void Walk(DicomDataset dataset, string prefix, List<string> into)
    {
        foreach (var element in dataset)
        {
            var path = prefix + element.Tag.Value.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
            into.Add(path);
            if (element.Sequence is { } sequence)
            {
                for (var i = 0; i < sequence.Count; i++)
                {
                    Walk(sequence[i], path + "/" + i + "/", into);
                }
            }
        }
    }

    // A Part 10 file whose meta says metaSyntax and whose dataset is encoded in datasetSyntax.
    private static byte[] Part10(TransferSyntax metaSyntax, TransferSyntax datasetSyntax, out int datasetStart)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SOPInstanceUID, "1.2.3.4");
        dataset.SetString(DicomTags.PatientName, "Doe^Jane");
        var meta = DicomFile.Create(dataset, metaSyntax).ToArray();
        var data = DicomFile.Create(dataset, datasetSyntax).ToArray();
        datasetStart = 132 + 12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(meta.AsSpan(140));
        var otherStart = 132 + 12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(140));
        return Concat(meta[..datasetStart], data[otherStart..]);
    }

    private static byte[] Text(string value) => Encoding.ASCII.GetBytes(value);

    private static byte[] UInt16s(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    private static byte[] Explicit(ushort group, ushort element, string vr, byte[] value)
    {
        var longLength = vr is "OB" or "OW" or "OF" or "OD" or "OL" or "OV" or "SQ" or "UC" or "UN" or "UR" or "UT" or "SV" or "UV";
        var header = new byte[longLength ? 12 : 8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (longLength)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)value.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)value.Length);
        }

        return Concat(header, value);
    }

    private static byte[] SequenceHeader(ushort group, ushort element, uint length)
    {
        var header = Explicit(group, element, "SQ", []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), length);
        return header;
    }

    private static byte[] Implicit(ushort group, ushort element, byte[] value)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)value.Length);
        return Concat(header, value);
    }

    private static byte[] ItemHeader(uint length)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xE000FFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length);
        return header;
    }

    private static byte[] Delimiter(ushort element)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        return header;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
