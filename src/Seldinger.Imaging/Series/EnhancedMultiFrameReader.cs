using System.Globalization;
using Seldinger.Dicom;
using Seldinger.Dicom.Pixels;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series.Internal;

namespace Seldinger.Imaging.Series;

/// <summary>
/// Builds a volume from one enhanced multi-frame image (Enhanced CT 1.2.840.10008.5.1.4.1.1.2.1,
/// Enhanced MR 1.2.840.10008.5.1.4.1.1.4.1, or any image with Shared and Per-frame Functional Groups).
/// Each frame's geometry comes from its functional groups — Plane Position (Patient), Plane
/// Orientation (Patient), Pixel Measures, Pixel Value Transformation — per frame where present, shared
/// otherwise. Frames are then sorted along the slice normal and checked exactly like the slices of a
/// single-frame series (<see cref="DicomSeriesReader"/>), never taken in frame order.
/// </summary>
public static class EnhancedMultiFrameReader
{
    /// <summary>Reads the frames' geometry and checks it; no pixel is decoded yet.</summary>
    /// <exception cref="SeriesGeometryException">The frames do not form one regular volume, or a functional group is missing.</exception>
    /// <exception cref="DicomException">The file is not DICOM or is corrupt.</exception>
    public static SeriesLayout ReadLayout(string path, SeriesReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = DicomFile.Open(path);
        ReadOnlyMemory<byte> pixels;
        try
        {
            pixels = file.TransferSyntax.IsEncapsulated ? DecodeAllFrames(file) : file.GetNativePixelData();
        }
        catch (DicomException e)
        {
            throw new SeriesGeometryException($"{Path.GetFileName(path)}: {e.Message}", e);
        }

        return DicomSeriesReader.Arrange(Frames(path, file.Dataset, pixels), options ?? SeriesReadOptions.Default);
    }

    /// <summary>Compressed frames decoded one by one into the native little-endian layout, back to back.</summary>
    private static byte[] DecodeAllFrames(DicomFile file)
    {
        var data = DicomPixelData.Create(file);
        var frameLength = checked((int)data.FrameInfo.DecodedLength);
        var all = new byte[checked((long)frameLength * data.NumberOfFrames)];
        for (var f = 0; f < data.NumberOfFrames; f++)
        {
            data.GetFrameBytes(f).CopyTo(all, (long)f * frameLength);
        }

        return all;
    }

    /// <summary>Reads the image into a volume of 16-bit modality values (Hounsfield units for CT).</summary>
    public static SeriesVolume ReadVolume(string path, SeriesReadOptions? options = null) =>
        DicomSeriesReader.ReadVolume(ReadLayout(path, options));

    /// <summary>Reads the image into a volume of single-precision modality values (MR).</summary>
    public static FloatSeriesVolume ReadFloatVolume(string path, SeriesReadOptions? options = null) =>
        DicomSeriesReader.ReadFloatVolume(ReadLayout(path, options));

    private static SliceHeader[] Frames(string path, DicomDataset ds, ReadOnlyMemory<byte> pixels)
    {
        var name = Path.GetFileName(path);
        var frames = ds.TryGetString(DicomTags.NumberOfFrames, out var nf) && int.TryParse(nf, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var shared = Item(ds, DicomTags.SharedFunctionalGroupsSequence) ?? new DicomDataset();
        var perFrame = ds.Find(DicomTags.PerFrameFunctionalGroupsSequence)?.Sequence;
        if (perFrame is null || perFrame.Count != frames)
        {
            throw new SeriesGeometryException(
                $"{name}: Per-frame Functional Groups Sequence (5200,9230) has {perFrame?.Count ?? 0} items for {frames} frames.");
        }

        int rows = ds.GetUInt16(DicomTags.Rows);
        int columns = ds.GetUInt16(DicomTags.Columns);
        int bitsAllocated = ds.GetUInt16(DicomTags.BitsAllocated);
        var bitsStored = ds.Contains(DicomTags.BitsStored) ? ds.GetUInt16(DicomTags.BitsStored) : bitsAllocated;
        var signed = ds.Contains(DicomTags.PixelRepresentation) && ds.GetUInt16(DicomTags.PixelRepresentation) == 1;
        var samples = ds.Contains(DicomTags.SamplesPerPixel) ? ds.GetUInt16(DicomTags.SamplesPerPixel) : 1;
        if (samples != 1 || bitsAllocated is not (8 or 16) || bitsStored < 1 || bitsStored > bitsAllocated)
        {
            throw new SeriesGeometryException($"{name}: {samples} sample(s) of {bitsAllocated} bits; volumes are read from 8- or 16-bit grayscale frames.");
        }

        var format = new PixelFormat(bitsAllocated, bitsStored, signed);
        var frameBytes = rows * columns * format.BytesPerPixel;
        if (pixels.Length < (long)frameBytes * frames)
        {
            throw new SeriesGeometryException($"{name}: Pixel Data holds {pixels.Length} bytes, {(long)frameBytes * frames} expected for {frames} frames of {columns}×{rows}.");
        }

        var headers = new SliceHeader[frames];
        for (var f = 0; f < frames; f++)
        {
            var item = perFrame[f];
            var frameName = string.Create(CultureInfo.InvariantCulture, $"{name} frame {f + 1}");
            var ipp = Values(item, shared, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient, 3, frameName);
            var iop = Values(item, shared, DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient, 6, frameName);
            var spacing = Values(item, shared, DicomTags.PixelMeasuresSequence, DicomTags.PixelSpacing, 2, frameName);
            var measures = Group(item, shared, DicomTags.PixelMeasuresSequence, DicomTags.SliceThickness);
            var transform = Group(item, shared, DicomTags.PixelValueTransformationSequence, DicomTags.RescaleSlope);
            var row = new Vector3D(iop[0], iop[1], iop[2]);
            var column = new Vector3D(iop[3], iop[4], iop[5]);
            if (Math.Abs(row.Length - 1) > 1e-3 || Math.Abs(column.Length - 1) > 1e-3 || Math.Abs(row.Dot(column)) > 1e-3)
            {
                throw new SeriesGeometryException($"{frameName}: Image Orientation (Patient) is not two orthonormal vectors.");
            }

            headers[f] = new SliceHeader
            {
                Path = path,
                FileName = frameName,
                Dataset = ds,
                SeriesUid = Text(ds, DicomTags.SeriesInstanceUID),
                SopInstanceUid = Text(ds, DicomTags.SOPInstanceUID),
                SopClassUid = Text(ds, DicomTags.SOPClassUID),
                InstanceNumber = f + 1,
                StudyUid = Text(ds, DicomTags.StudyInstanceUID),
                FrameOfReferenceUid = Text(ds, DicomTags.FrameOfReferenceUID),
                PatientId = Text(ds, DicomTags.PatientID),
                PatientName = Text(ds, DicomTags.PatientName),
                Modality = Text(ds, DicomTags.Modality),
                SeriesDescription = Text(ds, DicomTags.SeriesDescription),
                Rows = rows,
                Columns = columns,
                Frames = 1,
                Position = new WorldPoint(ipp[0], ipp[1], ipp[2]),
                Row = row.Normalized,
                Column = column.Normalized,
                RowSpacing = spacing[0],
                ColumnSpacing = spacing[1],
                SliceThickness = measures is not null && measures.GetDoubles(DicomTags.SliceThickness) is [var t] ? t : null,
                Format = format,
                Slope = transform is not null ? transform.GetDouble(DicomTags.RescaleSlope) : 1.0,
                Intercept = transform is not null && transform.Contains(DicomTags.RescaleIntercept) ? transform.GetDouble(DicomTags.RescaleIntercept) : 0.0,
                PixelLength = frameBytes,
                Pixels = pixels.Slice(f * frameBytes, frameBytes),
            };
        }

        return headers;
    }

    private static DicomDataset? Item(DicomDataset ds, DicomTag sequence) =>
        ds.Find(sequence)?.Sequence is { Count: > 0 } items ? items[0] : null;

    /// <summary>The functional group item giving <paramref name="attribute"/>: the frame's own, else the shared one, else null.</summary>
    private static DicomDataset? Group(DicomDataset perFrame, DicomDataset shared, DicomTag sequence, DicomTag attribute)
    {
        if (Item(perFrame, sequence) is { } own && own.Contains(attribute))
        {
            return own;
        }

        return Item(shared, sequence) is { } common && common.Contains(attribute) ? common : null;
    }

    private static double[] Values(DicomDataset perFrame, DicomDataset shared, DicomTag sequence, DicomTag attribute, int count, string frameName)
    {
        var group = Group(perFrame, shared, sequence, attribute)
            ?? throw new SeriesGeometryException($"{frameName}: no {attribute.ToDisplayString()} in the per-frame or shared {sequence.ToDisplayString()}.");
        var values = group.GetDoubles(attribute);
        return values.Length == count
            ? values
            : throw new SeriesGeometryException($"{frameName}: {attribute.ToDisplayString()} has {values.Length} values, {count} expected.");
    }

    private static string Text(DicomDataset ds, DicomTag tag) => ds.TryGetString(tag, out var value) ? value : "";
}
