using System.Buffers.Binary;
using System.Globalization;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series;

/// <summary>
/// Writes a Hounsfield volume as a CT Image Storage series: one Part 10 file per axial slice,
/// Explicit VR Little Endian, stored as unsigned 12-bit values with Rescale Intercept −1024
/// (the way most scanners store CT), with full patient geometry.
/// </summary>
public static class CtSeriesWriter
{
    /// <summary>Lowest HU representable (stored value 0).</summary>
    public const int RescaleIntercept = -1024;

    /// <summary>Largest stored value (12 bits stored).</summary>
    public const int MaxStoredValue = 4095;

    /// <summary>
    /// Writes the series into <paramref name="directory"/> (created if needed); returns the file paths
    /// in slice order. Each file is written atomically. HU outside [−1024, 3071] are clipped.
    /// </summary>
    public static IReadOnlyList<string> Write(Volume<short> hounsfield, CtSeriesDescription description, string directory)
    {
        ArgumentNullException.ThrowIfNull(hounsfield);
        ArgumentNullException.ThrowIfNull(description);
        var g = hounsfield.Geometry;
        if (!g.IsOrthonormal)
        {
            throw new ArgumentException("The volume's direction must be orthonormal to be written as DICOM slices.", nameof(hounsfield));
        }

        Directory.CreateDirectory(directory);
        var studyUid = description.StudyInstanceUid ?? DicomUid.Generate();
        var seriesUid = description.SeriesInstanceUid ?? DicomUid.Generate();
        var frameUid = description.FrameOfReferenceUid ?? DicomUid.Generate();
        var paths = new string[g.SizeK];
        Parallel.For(0, g.SizeK, k =>
        {
            var dataset = SliceDataset(hounsfield, k, description, studyUid, seriesUid, frameUid);
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"CT{k + 1:D4}.dcm"));
            DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian).Save(path);
            paths[k] = path;
        });
        return paths;
    }

    private static DicomDataset SliceDataset(
        Volume<short> hounsfield, int k, CtSeriesDescription d, string studyUid, string seriesUid, string frameUid)
    {
        var g = hounsfield.Geometry;
        var ds = new DicomDataset();
        var date = d.AcquisitionDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = d.AcquisitionDateTime.ToString("HHmmss", CultureInfo.InvariantCulture);

        // SOP Common
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetStrings(DicomTags.ImageType, "DERIVED", "SECONDARY", "AXIAL");
        ds.SetString(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
        ds.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        ds.SetString(DicomTags.StudyDate, date);
        ds.SetString(DicomTags.SeriesDate, date);
        ds.SetString(DicomTags.ContentDate, date);
        ds.SetString(DicomTags.StudyTime, time);
        ds.SetString(DicomTags.SeriesTime, time);
        ds.SetString(DicomTags.ContentTime, time);
        ds.SetString(DicomTags.AccessionNumber, "");
        ds.SetString(DicomTags.Modality, "CT");
        ds.SetString(DicomTags.Manufacturer, "Seldinger");
        ds.SetString(DicomTags.ReferringPhysicianName, "");
        ds.SetString(DicomTags.StudyDescription, d.StudyDescription);
        ds.SetString(DicomTags.SeriesDescription, d.SeriesDescription);
        ds.SetString(DicomTags.ManufacturerModelName, "Seldinger phantom");

        // Patient
        ds.SetString(DicomTags.PatientName, d.PatientName);
        ds.SetString(DicomTags.PatientID, d.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, d.PatientBirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
        ds.SetString(DicomTags.PatientSex, d.PatientSex);
        if (d.PatientAgeYears is { } age)
        {
            ds.SetString(DicomTags.PatientAge, FormatAge(age));
        }

        if (d.PatientWeightKg is { } weight)
        {
            ds.SetDecimalStrings(DicomTags.PatientWeight, weight);
        }

        // General Series / Equipment / Study
        ds.SetString(DicomTags.BodyPartExamined, d.BodyPartExamined);
        ds.SetString(DicomTags.KVP, "");
        ds.SetDecimalStrings(DicomTags.SliceThickness, g.SpacingK);
        ds.SetString(DicomTags.PatientPosition, "HFS");
        ds.SetString(DicomTags.StudyInstanceUID, studyUid);
        ds.SetString(DicomTags.SeriesInstanceUID, seriesUid);
        ds.SetString(DicomTags.StudyID, "1");
        ds.SetIntegerString(DicomTags.SeriesNumber, d.SeriesNumber);
        ds.SetString(DicomTags.AcquisitionNumber, "");
        ds.SetIntegerString(DicomTags.InstanceNumber, k + 1);

        // Image Plane: IPP is the centre of the first transmitted pixel of this slice.
        var position = g.IndexToWorld(new VoxelIndex(0, 0, k));
        var row = g.Direction.Column(0);
        var column = g.Direction.Column(1);
        ds.SetDecimalStrings(DicomTags.ImagePositionPatient, position.X, position.Y, position.Z);
        ds.SetDecimalStrings(DicomTags.ImageOrientationPatient, row.X, row.Y, row.Z, column.X, column.Y, column.Z);
        ds.SetString(DicomTags.FrameOfReferenceUID, frameUid);
        ds.SetString(DicomTags.PositionReferenceIndicator, "");
        ds.SetDecimalStrings(DicomTags.SliceLocation, position.Z);

        // Image Pixel: PixelSpacing is row spacing (between rows, along j) then column spacing (along i).
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.SetUInt16(DicomTags.Rows, (ushort)g.SizeJ);
        ds.SetUInt16(DicomTags.Columns, (ushort)g.SizeI);
        ds.SetDecimalStrings(DicomTags.PixelSpacing, g.SpacingJ, g.SpacingI);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 12);
        ds.SetUInt16(DicomTags.HighBit, 11);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
        ds.SetDecimalStrings(DicomTags.WindowCenter, d.WindowCenter);
        ds.SetDecimalStrings(DicomTags.WindowWidth, d.WindowWidth);
        ds.SetDecimalStrings(DicomTags.RescaleIntercept, RescaleIntercept);
        ds.SetDecimalStrings(DicomTags.RescaleSlope, 1);
        ds.SetString(DicomTags.RescaleType, "HU");

        var slice = hounsfield.SliceK(k);
        var pixels = new byte[slice.Length * 2];
        for (var p = 0; p < slice.Length; p++)
        {
            var stored = Math.Clamp(slice[p] - RescaleIntercept, 0, MaxStoredValue);
            BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(p * 2), (ushort)stored);
        }

        ds.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        return ds;
    }

    /// <summary>Patient's Age (AS): days, weeks or months for infants, years otherwise.</summary>
    public static string FormatAge(double years) => years switch
    {
        < 1.0 / 12 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)Math.Round(years * 365.25)):D3}D"),
        < 2 => string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Floor(years * 12):D3}M"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Floor(years):D3}Y"),
    };
}
