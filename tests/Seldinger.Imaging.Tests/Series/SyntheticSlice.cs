using System.Buffers.Binary;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Series;

/// <summary>Writes one single-frame image with full control over geometry, pixel format and rescale.</summary>
public sealed record SyntheticSlice
{
    public string SeriesUid { get; init; } = "1.2.3.4";

    public string SopClassUid { get; init; } = DicomUids.CTImageStorage;

    public string Modality { get; init; } = "CT";

    public int Rows { get; init; } = 4;

    public int Columns { get; init; } = 5;

    public WorldPoint Position { get; init; }

    public Vector3D RowDirection { get; init; } = Vector3D.UnitX;

    public Vector3D ColumnDirection { get; init; } = Vector3D.UnitY;

    public double RowSpacing { get; init; } = 0.8;

    public double ColumnSpacing { get; init; } = 0.7;

    public int BitsAllocated { get; init; } = 16;

    public int BitsStored { get; init; } = 16;

    public bool IsSigned { get; init; }

    public double? Slope { get; init; }

    public double? Intercept { get; init; }

    public TransferSyntax Syntax { get; init; } = TransferSyntax.ExplicitVRLittleEndian;

    /// <summary>A private element of this many bytes before the pixels (0: none), to grow the header.</summary>
    public int PrivateBytes { get; init; }

    /// <summary>Stored values (as words, only the low BitsAllocated bits are written).</summary>
    public required int[] Stored { get; init; }

    public string Write(string path)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SOPClassUID, SopClassUid);
        ds.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        ds.SetString(DicomTags.Modality, Modality);
        ds.SetString(DicomTags.PatientID, "P1");
        ds.SetString(DicomTags.PatientName, "Test^Patient");
        ds.SetString(DicomTags.StudyInstanceUID, "1.2.3");
        ds.SetString(DicomTags.SeriesInstanceUID, SeriesUid);
        ds.SetString(DicomTags.FrameOfReferenceUID, "1.2.3.9");
        ds.SetIntegerString(DicomTags.InstanceNumber, 1);
        ds.SetDecimalStrings(DicomTags.ImagePositionPatient, Position.X, Position.Y, Position.Z);
        ds.SetDecimalStrings(DicomTags.ImageOrientationPatient,
            RowDirection.X, RowDirection.Y, RowDirection.Z, ColumnDirection.X, ColumnDirection.Y, ColumnDirection.Z);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.SetUInt16(DicomTags.Rows, (ushort)Rows);
        ds.SetUInt16(DicomTags.Columns, (ushort)Columns);
        ds.SetDecimalStrings(DicomTags.PixelSpacing, RowSpacing, ColumnSpacing);
        ds.SetUInt16(DicomTags.BitsAllocated, (ushort)BitsAllocated);
        ds.SetUInt16(DicomTags.BitsStored, (ushort)BitsStored);
        ds.SetUInt16(DicomTags.HighBit, (ushort)(BitsStored - 1));
        ds.SetUInt16(DicomTags.PixelRepresentation, (ushort)(IsSigned ? 1 : 0));
        if (Slope is { } slope)
        {
            ds.SetDecimalStrings(DicomTags.RescaleSlope, slope);
        }

        if (Intercept is { } intercept)
        {
            ds.SetDecimalStrings(DicomTags.RescaleIntercept, intercept);
        }

        if (PrivateBytes > 0)
        {
            ds.SetString(new DicomTag(0x0029, 0x0010), DicomVR.LO, "SELDINGER TEST");
            ds.SetBytes(new DicomTag(0x0029, 0x1010), DicomVR.OB, new byte[PrivateBytes]);
        }

        var bytes = new byte[Rows * Columns * BitsAllocated / 8];
        for (var p = 0; p < Rows * Columns; p++)
        {
            if (BitsAllocated == 16)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(p * 2), (ushort)Stored[p]);
            }
            else
            {
                bytes[p] = (byte)Stored[p];
            }
        }

        ds.SetBytes(DicomTags.PixelData, BitsAllocated == 16 ? DicomVR.OW : DicomVR.OB, bytes);
        DicomFile.Create(ds, Syntax).Save(path);
        return path;
    }
}
