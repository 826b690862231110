namespace Seldinger.Dicom.Tests;

public class DicomFileTests
{
    public static TheoryData<string> WritableSyntaxes => new()
    {
        DicomUids.ExplicitVRLittleEndian,
        DicomUids.ImplicitVRLittleEndian,
        DicomUids.ExplicitVRBigEndian,
        DicomUids.DeflatedExplicitVRLittleEndian,
    };

    [Theory]
    [MemberData(nameof(WritableSyntaxes))]
    public void WriteTo_ThenRead_ValuesEqual(string syntaxUid)
    {
        var syntax = TransferSyntax.Parse(syntaxUid);
        var bytes = DicomFile.Create(TestFiles.SmallImage(), syntax).ToArray();

        var file = DicomFile.Read(new MemoryStream(bytes));

        Assert.Same(syntax, file.TransferSyntax);
        Assert.Equal(DicomFileFormat.Part10, file.Format);
        var ds = file.Dataset;
        Assert.Equal("Núñez^Sofía", ds.GetString(DicomTags.PatientName));
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], ds.GetStrings(DicomTags.ImageType));
        Assert.Equal(DicomUids.CTImageStorage, ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal(2, ds.GetUInt16(DicomTags.Rows));
        Assert.Equal(3, ds.GetInt32(DicomTags.Columns));
        Assert.Equal(7, ds.GetInt32(DicomTags.InstanceNumber));
        Assert.Equal([-125.5, 0.1, 1.0 / 3.0], ds.GetDoubles(DicomTags.ImagePositionPatient), (a, b) => Math.Abs(a - b) < 1e-14);
        var items = ds.GetSequence(DicomTags.ReferencedImageSequence);
        Assert.Equal(2, items.Count);
        Assert.Equal("2.25.99", items[0].GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("Tissue", items[0].GetSequence(DicomTags.PurposeOfReferenceCodeSequence)[0].GetString(DicomTags.CodeMeaning));
        Assert.Equal(0, items[1].Count);
        Assert.Equal(TestFiles.SmallImage().GetBytes(DicomTags.PixelData).ToArray(), ds.GetBytes(DicomTags.PixelData).ToArray());
        Assert.Equal(DicomUids.ImplementationClassUid, file.FileMetaInfo.GetString(DicomTags.ImplementationClassUID));
        Assert.Equal(syntaxUid, file.FileMetaInfo.GetString(DicomTags.TransferSyntaxUID));
    }

    [Theory]
    [MemberData(nameof(WritableSyntaxes))]
    public void WriteTo_ReadThenWriteAgain_ByteIdentical(string syntaxUid)
    {
        var first = DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.Parse(syntaxUid)).ToArray();

        var second = DicomFile.Read(new MemoryStream(first)).ToArray();

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("CT_small.dcm")]
    [InlineData("MR_small.dcm")]
    [InlineData("rtplan.dcm")]
    [InlineData("MR_small_implicit.dcm")]
    [InlineData("MR_small_bigendian.dcm")]
    [InlineData("JPEG2000.dcm")]
    public void Open_CorpusFileWrittenBack_ByteIdentical(string name)
    {
        Skip.IfNot(File.Exists(TestFiles.Corpus(name)), "pydicom's test files are not installed");
        var original = File.ReadAllBytes(TestFiles.Corpus(name));

        var written = DicomFile.Open(TestFiles.Corpus(name)).ToArray();

        Assert.Equal(original.Length, written.Length);
        Assert.Equal(original, written);
    }

    [Fact]
    public void Save_ExistingTarget_ReplacedAndNoTempLeft()
    {
        var dir = Directory.CreateTempSubdirectory("seldinger-dicom-");
        try
        {
            var path = Path.Combine(dir.FullName, "image.dcm");
            File.WriteAllText(path, "old");
            var file = DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.ExplicitVRLittleEndian);

            file.Save(path);

            Assert.Equal(file.ToArray(), File.ReadAllBytes(path));
            Assert.Single(dir.GetFiles());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Create_WithoutSopInstanceUid_ThrowsNamingTag()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SOPClassUID, DicomUids.CTImageStorage);

        var e = Assert.Throws<DicomDataException>(() => DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian));

        Assert.Contains("(0008,0018) SOPInstanceUID", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_StopBeforePixelData_HasHeaderButNoPixels()
    {
        Skip.IfNot(File.Exists(TestFiles.Corpus("CT_small.dcm")), "pydicom's test files are not installed");

        var file = DicomFile.Open(TestFiles.Corpus("CT_small.dcm"), new DicomReadOptions { StopBeforePixelData = true });

        Assert.False(file.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(128, file.Dataset.GetUInt16(DicomTags.Rows));
    }

    [Fact]
    public void Read_LargeFileHeaderOnly_DoesNotReadPixelBytes()
    {
        var ds = TestFiles.SmallImage();
        ds.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[4 << 20]);
        var bytes = DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian).ToArray();
        var stream = new CountingStream(bytes);

        var file = DicomFile.Read(stream, new DicomReadOptions { StopBeforePixelData = true });

        Assert.Equal("P-001", file.Dataset.GetString(DicomTags.PatientID));
        Assert.True(stream.BytesRead < 1 << 20, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Read_TextFile_ThrowsNotDicom()
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(new string('x', 300));

        var e = Assert.Throws<DicomFileException>(() => DicomFile.Read(new MemoryStream(bytes), name: "notes.txt"));

        Assert.Equal("notes.txt: byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset", e.Message);
        Assert.Equal(128, e.Offset);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsAtByteZero()
    {
        var e = Assert.Throws<DicomFileException>(() => DicomFile.Read(new MemoryStream([]), name: "empty.dcm"));

        Assert.Equal(0, e.Offset);
        Assert.StartsWith("empty.dcm: byte 0:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LengthBeyondEndOfFile_ThrowsWithTagAndRemaining()
    {
        var bytes = DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.ExplicitVRLittleEndian).ToArray();
        var cut = bytes.AsSpan(0, bytes.Length - 5).ToArray();

        var e = Assert.Throws<DicomFileException>(() => DicomFile.Read(new MemoryStream(cut), name: "CT_truncated.dcm"));

        Assert.Equal(DicomTags.PixelData, e.Tag);
        Assert.Equal(cut.Length - 7 - 12, e.Offset);
        Assert.Equal($"CT_truncated.dcm: byte {e.Offset}: element (7FE0,0010) declares 12 bytes but only 7 remain", e.Message);
    }

    [Fact]
    public void Read_RawExplicitDataset_ReadsWithoutMeta()
    {
        var file = DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.ExplicitVRLittleEndian);
        var stream = new MemoryStream();
        file.Dataset.WriteTo(stream, TransferSyntax.ExplicitVRLittleEndian);

        var read = DicomFile.Read(new MemoryStream(stream.ToArray()));

        Assert.Equal(DicomFileFormat.RawDataset, read.Format);
        Assert.Same(TransferSyntax.ExplicitVRLittleEndian, read.TransferSyntax);
        Assert.Equal("P-001", read.Dataset.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void GetNativePixelData_Jpeg2000_ThrowsNotSupported()
    {
        Skip.IfNot(File.Exists(TestFiles.Corpus("JPEG2000.dcm")), "pydicom's test files are not installed");
        var file = DicomFile.Open(TestFiles.Corpus("JPEG2000.dcm"));

        var e = Assert.Throws<DicomNotSupportedException>(() => file.GetNativePixelData());

        Assert.Contains("JPEG 2000", e.Message, StringComparison.Ordinal);
        Assert.NotNull(file.Dataset.GetElement(DicomTags.PixelData).Fragments);
    }

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = base.Read(buffer);
            BytesRead += n;
            return n;
        }
    }
}
