using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using Seldinger.Dicom;
using Seldinger.Dicom.Pixels;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series.Internal;

/// <summary>
/// What a series read needs from one single-frame image: identity, plane geometry, pixel format,
/// modality rescale and where the pixel bytes lie. Read from the header bytes only; the pixels are
/// read later straight into their slice of the volume.
/// </summary>
internal sealed class SliceHeader
{
    private const int FirstChunk = 16 * 1024;

    public required string Path { get; init; }

    public required string FileName { get; init; }

    public required DicomDataset Dataset { get; init; }

    public required string SeriesUid { get; init; }

    public required string SopInstanceUid { get; init; }

    public required string SopClassUid { get; init; }

    public int? InstanceNumber { get; init; }

    public required string StudyUid { get; init; }

    public required string FrameOfReferenceUid { get; init; }

    public required string PatientId { get; init; }

    public required string PatientName { get; init; }

    public required string Modality { get; init; }

    public required string SeriesDescription { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public required int Frames { get; init; }

    public required WorldPoint Position { get; init; }

    public required Vector3D Row { get; init; }

    public required Vector3D Column { get; init; }

    public required double RowSpacing { get; init; }

    public required double ColumnSpacing { get; init; }

    public double? SliceThickness { get; init; }

    public required PixelFormat Format { get; init; }

    public required double Slope { get; init; }

    public required double Intercept { get; init; }

    /// <summary>Offset of the pixel bytes in the file, when the fast path found them; -1 otherwise.</summary>
    public long PixelOffset { get; init; } = -1;

    /// <summary>Length of the pixel bytes in the file.</summary>
    public long PixelLength { get; init; }

    /// <summary>Pixel bytes held in memory (full-parse path), when <see cref="PixelOffset"/> is -1.</summary>
    public ReadOnlyMemory<byte> Pixels { get; init; }

    public int PixelCount => Rows * Columns;

    /// <summary>Reads the header of one file: a first chunk, grown while the header goes on; the full parser for unusual layouts.</summary>
    public static SliceHeader Read(string path)
    {
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var length = RandomAccess.GetLength(handle);
            var size = (int)Math.Min(length, FirstChunk);
            while (size > 0)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(size);
                try
                {
                    var head = buffer.AsSpan(0, size);
                    ReadFully(handle, head, 0, path);
                    switch (PixelDataScanner.Scan(head, length, out var location))
                    {
                        case ScanOutcome.Found:
                            var file = DicomFile.Read(new MemoryStream(buffer, 0, location.ElementOffset, false), null, path);
                            return FromDataset(path, file.Dataset, location.ValueOffset, location.ValueLength, default);
                        case ScanOutcome.NeedMoreData:
                            size = (int)Math.Min(length, (long)size * 4);
                            continue;
                        default:
                            size = 0;
                            break;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        // Unusual layouts (big endian, deflate, no Part 10 prefix, encapsulated pixels) take the full parser;
        // compressed frames are decoded to the native little-endian layout the slice decoder reads.
        var full = DicomFile.Open(path);
        ReadOnlyMemory<byte> pixels;
        try
        {
            pixels = full.TransferSyntax.IsEncapsulated
                ? DicomPixelData.Create(full).GetFrameBytes(0)
                : full.GetNativePixelData();
        }
        catch (DicomException e)
        {
            throw new SeriesGeometryException($"{System.IO.Path.GetFileName(path)}: {e.Message}", e);
        }

        return FromDataset(path, full.Dataset, -1, pixels.Length, pixels);
    }

    private static SliceHeader FromDataset(string path, DicomDataset ds, long pixelOffset, long pixelLength, ReadOnlyMemory<byte> pixels)
    {
        var name = System.IO.Path.GetFileName(path);
        var frames = ds.TryGetString(DicomTags.NumberOfFrames, out var nf) && int.TryParse(nf, CultureInfo.InvariantCulture, out var f) ? f : 1;
        if (frames > 1)
        {
            throw new SeriesGeometryException(
                $"{name} is a multi-frame image ({frames} frames); read it with EnhancedMultiFrameReader, not as one slice of a series.");
        }

        var ipp = Numbers(ds, DicomTags.ImagePositionPatient, 3, name);
        var iop = Numbers(ds, DicomTags.ImageOrientationPatient, 6, name);
        var spacing = Numbers(ds, DicomTags.PixelSpacing, 2, name);
        var row = new Vector3D(iop[0], iop[1], iop[2]);
        var column = new Vector3D(iop[3], iop[4], iop[5]);
        if (Math.Abs(row.Length - 1) > 1e-3 || Math.Abs(column.Length - 1) > 1e-3 || Math.Abs(row.Dot(column)) > 1e-3)
        {
            throw new SeriesGeometryException($"{name}: Image Orientation (Patient) (0020,0037) is not two orthonormal vectors.");
        }

        if (spacing[0] <= 0 || spacing[1] <= 0)
        {
            throw new SeriesGeometryException($"{name}: Pixel Spacing (0028,0030) must be positive.");
        }

        var rows = Required(ds, DicomTags.Rows, name);
        var columns = Required(ds, DicomTags.Columns, name);
        var samples = ds.Contains(DicomTags.SamplesPerPixel) ? ds.GetUInt16(DicomTags.SamplesPerPixel) : 1;
        if (samples != 1)
        {
            throw new SeriesGeometryException($"{name}: Samples per Pixel (0028,0002) is {samples}; only grayscale images form a volume.");
        }

        var bitsAllocated = Required(ds, DicomTags.BitsAllocated, name);
        var bitsStored = ds.Contains(DicomTags.BitsStored) ? ds.GetUInt16(DicomTags.BitsStored) : bitsAllocated;
        var signed = ds.Contains(DicomTags.PixelRepresentation) && ds.GetUInt16(DicomTags.PixelRepresentation) == 1;
        if (bitsAllocated is not (8 or 16) || bitsStored < 1 || bitsStored > bitsAllocated)
        {
            throw new SeriesGeometryException(
                $"{name}: Bits Allocated {bitsAllocated}, Bits Stored {bitsStored}; volumes are read from 8- or 16-bit pixels.");
        }

        var format = new PixelFormat(bitsAllocated, bitsStored, signed);
        var expected = (long)rows * columns * format.BytesPerPixel;
        if (pixelLength < expected)
        {
            throw new SeriesGeometryException(
                $"{name}: Pixel Data (7FE0,0010) holds {pixelLength} bytes, {expected} expected for {columns}×{rows} at {bitsAllocated} bits.");
        }

        return new SliceHeader
        {
            Path = path,
            FileName = name,
            Dataset = ds,
            SeriesUid = Text(ds, DicomTags.SeriesInstanceUID),
            SopInstanceUid = Text(ds, DicomTags.SOPInstanceUID),
            SopClassUid = Text(ds, DicomTags.SOPClassUID),
            InstanceNumber = ds.TryGetString(DicomTags.InstanceNumber, out var number)
                && int.TryParse(number, CultureInfo.InvariantCulture, out var n) ? n : null,
            StudyUid = Text(ds, DicomTags.StudyInstanceUID),
            FrameOfReferenceUid = Text(ds, DicomTags.FrameOfReferenceUID),
            PatientId = Text(ds, DicomTags.PatientID),
            PatientName = Text(ds, DicomTags.PatientName),
            Modality = Text(ds, DicomTags.Modality),
            SeriesDescription = Text(ds, DicomTags.SeriesDescription),
            Rows = rows,
            Columns = columns,
            Frames = frames,
            Position = new WorldPoint(ipp[0], ipp[1], ipp[2]),
            Row = row.Normalized,
            Column = column.Normalized,
            RowSpacing = spacing[0],
            ColumnSpacing = spacing[1],
            SliceThickness = ds.Contains(DicomTags.SliceThickness) && ds.GetDoubles(DicomTags.SliceThickness) is [var t] ? t : null,
            Format = format,
            Slope = FirstOr(ds, DicomTags.RescaleSlope, 1.0),
            Intercept = FirstOr(ds, DicomTags.RescaleIntercept, 0.0),
            PixelOffset = pixelOffset,
            PixelLength = pixelLength,
            Pixels = pixels,
        };
    }

    /// <summary>Reads the slice's stored pixel values as bytes into <paramref name="target"/> (exactly <see cref="PixelCount"/> × bytes per pixel).</summary>
    public void ReadStoredBytes(Span<byte> target)
    {
        if (PixelOffset < 0)
        {
            Pixels.Span[..target.Length].CopyTo(target);
            return;
        }

        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        ReadFully(handle, target, PixelOffset, Path);
    }

    /// <summary>Decodes and rescales the pixels into <paramref name="target"/>; false when a value did not fit 16 bits.</summary>
    public bool DecodeInto(Span<short> target)
    {
        if (Format.BitsAllocated == 16 && BitConverter.IsLittleEndian)
        {
            // The stored bytes go straight into the slice and are rescaled in place.
            var bytes = MemoryMarshal.AsBytes(target);
            ReadStoredBytes(bytes);
            return PixelRescaler.ToInt16(bytes, target, Format, Slope, Intercept);
        }

        var size = PixelCount * Format.BytesPerPixel;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var raw = buffer.AsSpan(0, size);
            ReadStoredBytes(raw);
            return PixelRescaler.ToInt16(raw, target, Format, Slope, Intercept);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes and rescales the pixels into <paramref name="target"/> exactly (no rounding).</summary>
    public void DecodeInto(Span<float> target)
    {
        var size = PixelCount * Format.BytesPerPixel;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var raw = buffer.AsSpan(0, size);
            ReadStoredBytes(raw);
            PixelRescaler.ToSingle(raw, target, Format, Slope, Intercept);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> target, long offset, string path)
    {
        while (!target.IsEmpty)
        {
            var read = RandomAccess.Read(handle, target, offset);
            if (read == 0)
            {
                throw new SeriesGeometryException($"{System.IO.Path.GetFileName(path)}: the file ended at byte {offset} while reading it.");
            }

            target = target[read..];
            offset += read;
        }
    }

    private static double[] Numbers(DicomDataset ds, DicomTag tag, int count, string name)
    {
        if (!ds.Contains(tag))
        {
            throw new SeriesGeometryException($"{name}: {tag.ToDisplayString()} is missing; the image cannot be placed in a volume.");
        }

        var values = ds.GetDoubles(tag);
        return values.Length == count
            ? values
            : throw new SeriesGeometryException($"{name}: {tag.ToDisplayString()} has {values.Length} values, {count} expected.");
    }

    private static int Required(DicomDataset ds, DicomTag tag, string name) => ds.Contains(tag)
        ? ds.GetUInt16(tag)
        : throw new SeriesGeometryException($"{name}: {tag.ToDisplayString()} is missing.");

    private static string Text(DicomDataset ds, DicomTag tag) => ds.TryGetString(tag, out var value) ? value : "";

    private static double FirstOr(DicomDataset ds, DicomTag tag, double fallback) =>
        ds.Contains(tag) && ds.GetDoubles(tag) is [var first, ..] ? first : fallback;
}
