using System.Buffers.Binary;

namespace Seldinger.Dicom.Fuzz;

/// <summary>
/// Small, varied DICOM files that start the fuzzer off in every layout the reader knows: Part 10 in
/// each uncompressed syntax, meta without preamble, bare datasets, defined- and undefined-length
/// sequences, encapsulated fragments, private and unknown elements. Each is well under 2 KiB.
/// </summary>
internal static class SeedCorpus
{
    /// <summary>Every seed, by file name.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Create()
    {
        var image = Image();
        foreach (var (syntax, tag) in new[]
        {
            (TransferSyntax.ExplicitVRLittleEndian, "explicit-le"),
            (TransferSyntax.ImplicitVRLittleEndian, "implicit-le"),
            (TransferSyntax.ExplicitVRBigEndian, "explicit-be"),
            (TransferSyntax.DeflatedExplicitVRLittleEndian, "deflated"),
        })
        {
            var part10 = DicomFile.Create(image, syntax).ToArray();
            yield return ($"image-{tag}.dcm", part10);
            if (!syntax.IsDeflated)
            {
                yield return ($"image-{tag}-no-preamble.dcm", part10[128..]);
                yield return ($"dataset-{tag}.dcm", Bare(image, syntax));
            }
        }

        yield return ("defined-length-sequences.dcm", DicomFile.Create(DefinedLengthSequences(), TransferSyntax.ExplicitVRLittleEndian).ToArray());
        yield return ("defined-length-sequences-implicit.dcm", DicomFile.Create(DefinedLengthSequences(), TransferSyntax.ImplicitVRLittleEndian).ToArray());
        yield return ("rle-fragments.dcm", DicomFile.Create(Encapsulated(), TransferSyntax.RleLossless).ToArray());
        yield return ("private-and-unknown.dcm", DicomFile.Create(PrivateAndUnknown(), TransferSyntax.ExplicitVRLittleEndian).ToArray());
        yield return ("private-and-unknown-implicit.dcm", DicomFile.Create(PrivateAndUnknown(), TransferSyntax.ImplicitVRLittleEndian).ToArray());
    }

    /// <summary>Writes every seed into <paramref name="directory"/>.</summary>
    public static int WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var count = 0;
        foreach (var (name, bytes) in Create())
        {
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
            count++;
        }

        return count;
    }

    private static byte[] Bare(DicomDataset dataset, TransferSyntax syntax)
    {
        using var stream = new MemoryStream();
        dataset.WriteTo(stream, syntax);
        return stream.ToArray();
    }

    private static DicomDataset Identity(string sopClass, string sop)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetStrings(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.SetString(DicomTags.SOPClassUID, sopClass);
        ds.SetString(DicomTags.SOPInstanceUID, sop);
        ds.SetString(DicomTags.StudyDate, "20240611");
        ds.SetString(DicomTags.Modality, "CT");
        ds.SetString(DicomTags.PatientName, "Núñez^Sofía");
        ds.SetString(DicomTags.PatientID, "P-001");
        ds.SetString(DicomTags.StudyInstanceUID, "2.25.11");
        ds.SetString(DicomTags.SeriesInstanceUID, "2.25.12");
        return ds;
    }

    private static DicomDataset Image()
    {
        var ds = Identity(DicomUids.CTImageStorage, "2.25.1001");
        ds.SetDecimalStrings(DicomTags.ImagePositionPatient, -125.5, 0.1, 1.0 / 3.0);
        ds.SetDecimalStrings(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        ds.SetDecimalStrings(DicomTags.PixelSpacing, 0.625, 0.625);
        ds.SetDecimalStrings(DicomTags.SliceThickness, 1.25);
        ds.SetDecimalStrings(DicomTags.RescaleIntercept, -1024);
        ds.SetDecimalStrings(DicomTags.RescaleSlope, 1);
        ds.SetIntegerString(DicomTags.InstanceNumber, 7);
        ds.SetUInt16(DicomTags.Rows, 2);
        ds.SetUInt16(DicomTags.Columns, 3);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 12);
        ds.SetUInt16(DicomTags.HighBit, 11);
        ds.SetUInt16(DicomTags.PixelRepresentation, 1);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        var nested = new DicomDataset();
        nested.SetString(DicomTags.CodeValue, "T-D0050");
        nested.SetString(DicomTags.CodeMeaning, "Tissue");
        var item = new DicomDataset();
        item.SetString(DicomTags.ReferencedSOPClassUID, DicomUids.CTImageStorage);
        item.SetString(DicomTags.ReferencedSOPInstanceUID, "2.25.99");
        item.SetSequence(DicomTags.PurposeOfReferenceCodeSequence, [nested]);
        ds.SetSequence(DicomTags.ReferencedImageSequence, [item, new DicomDataset()]);
        var pixels = new byte[12];
        short[] values = [-1000, 0, 1, 2, 300, 2047];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pixels.AsSpan(i * 2), values[i]);
        }

        ds.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        return ds;
    }

    private static DicomDataset DefinedLengthSequences()
    {
        var ds = Identity(DicomUids.CTImageStorage, "2.25.1002");
        var inner = new DicomDataset { HasUndefinedItemLength = false };
        inner.SetString(DicomTags.CodeValue, "113691");
        inner.SetString(DicomTags.CodingSchemeDesignator, "DCM");
        var item = new DicomDataset { HasUndefinedItemLength = false };
        item.SetString(DicomTags.ReferencedSOPInstanceUID, "2.25.98");
        item.Set(new DicomElement(DicomTags.PurposeOfReferenceCodeSequence, new DicomSequence([inner]) { HasUndefinedLength = false }));
        ds.Set(new DicomElement(DicomTags.ReferencedImageSequence, new DicomSequence([item, new DicomDataset { HasUndefinedItemLength = false }]) { HasUndefinedLength = false }));
        ds.Set(new DicomElement(DicomTags.ReferencedSeriesSequence, new DicomSequence([]) { HasUndefinedLength = false }));
        return ds;
    }

    private static DicomDataset Encapsulated()
    {
        var ds = Identity(DicomUids.CTImageStorage, "2.25.1003");
        ds.SetUInt16(DicomTags.Rows, 1);
        ds.SetUInt16(DicomTags.Columns, 4);
        ds.SetUInt16(DicomTags.BitsAllocated, 8);
        ds.SetUInt16(DicomTags.BitsStored, 8);
        ds.SetUInt16(DicomTags.HighBit, 7);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        // One RLE segment (PS3.5 annex G): header with one offset, then a literal run of 4 bytes.
        var frame = new byte[64 + 6];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 64);
        frame[64] = 3;
        frame[65] = 10;
        frame[66] = 20;
        frame[67] = 30;
        frame[68] = 40;
        var offsets = new byte[4];
        ds.Set(new DicomElement(DicomTags.PixelData, new DicomFragmentSequence(offsets, [frame])));
        return ds;
    }

    private static DicomDataset PrivateAndUnknown()
    {
        var ds = Identity("1.2.840.10008.5.1.4.1.1.7", "2.25.1004");
        ds.SetBytes(new DicomTag(0x0009, 0x0010), DicomVR.LO, "SELDINGER FUZZ "u8.ToArray());
        ds.SetBytes(new DicomTag(0x0009, 0x1001), DicomVR.UN, new byte[] { 1, 2, 3, 4 });
        ds.SetBytes(new DicomTag(0x0009, 0x1002), DicomVR.FD, BitConverter.GetBytes(Math.PI));
        ds.SetBytes(new DicomTag(0x0009, 0x1003), DicomVR.AT, new byte[] { 0x10, 0x00, 0x10, 0x00 });
        ds.SetBytes(new DicomTag(0x0009, 0x1004), DicomVR.UT, "free text with\\backslash "u8.ToArray());
        ds.SetBytes(new DicomTag(0x0009, 0x1005), DicomVR.OF, new byte[8]);
        ds.SetUInt16s(DicomTags.AcquisitionMatrix, 0, 512, 512, 0);
        ds.SetFloat64s(new DicomTag(0x0018, 0x9087), 1000.5);
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, "X");
        ds.Set(new DicomElement(new DicomTag(0x0009, 0x1010), new DicomSequence([item])));
        return ds;
    }
}
