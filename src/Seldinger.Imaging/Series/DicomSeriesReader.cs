using System.Buffers.Binary;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series;

/// <summary>
/// Builds a volume from the files of one single-frame series (CT, MR, cone-beam CT). Slices are
/// ordered by their position along the normal of Image Orientation (Patient) — never by file name
/// or Instance Number — and the geometry is checked before any pixel is trusted.
/// </summary>
public static class DicomSeriesReader
{
    /// <summary>Largest relative deviation of a slice gap from the mean gap that still counts as even.</summary>
    public const double SpacingTolerance = 0.01;

    /// <summary>Reads the files (any order) into one volume; throws <see cref="SeriesGeometryException"/> or <see cref="DicomException"/>.</summary>
    public static SeriesVolume ReadVolume(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new SeriesGeometryException("No files were given.");
        }

        var slices = new SliceInfo[files.Count];
        Parallel.For(0, files.Count, n => slices[n] = SliceInfo.Read(files[n]));

        var first = slices[0];
        foreach (var s in slices)
        {
            if (s.SeriesUid != first.SeriesUid)
            {
                throw new SeriesGeometryException($"{Path.GetFileName(s.Path)} belongs to series {s.SeriesUid}, not {first.SeriesUid}.");
            }

            if (s.Rows != first.Rows || s.Columns != first.Columns)
            {
                throw new SeriesGeometryException(
                    $"{Path.GetFileName(s.Path)} is {s.Columns}×{s.Rows}, the series is {first.Columns}×{first.Rows}.");
            }

            if ((s.Row - first.Row).Length > 1e-4 || (s.Column - first.Column).Length > 1e-4)
            {
                throw new SeriesGeometryException($"{Path.GetFileName(s.Path)} has another Image Orientation (Patient) than the rest of the series.");
            }

            if (Math.Abs(s.RowSpacing - first.RowSpacing) > 1e-4 || Math.Abs(s.ColumnSpacing - first.ColumnSpacing) > 1e-4)
            {
                throw new SeriesGeometryException($"{Path.GetFileName(s.Path)} has another Pixel Spacing than the rest of the series.");
            }
        }

        var normal = first.Row.Cross(first.Column).Normalized;
        var ordered = slices.OrderBy(s => Along(s.Position, normal)).ToArray();
        var sliceSpacing = CheckSpacing(ordered, normal);

        var direction = Matrix3.FromColumns(first.Row, first.Column, normal);
        var geometry = new VolumeGeometry(first.Columns, first.Rows, ordered.Length, ordered[0].Position,
            first.ColumnSpacing, first.RowSpacing, sliceSpacing, direction);
        var volume = new Volume<short>(geometry);
        Parallel.For(0, ordered.Length, k => ordered[k].DecodeInto(volume.SliceK(k)));

        return new SeriesVolume
        {
            Hounsfield = volume,
            SeriesInstanceUid = first.SeriesUid,
            StudyInstanceUid = first.StudyUid,
            PatientId = first.PatientId,
            PatientName = first.PatientName,
            Modality = first.Modality,
            SeriesDescription = first.SeriesDescription,
            Slices = ordered.Select(s => new SeriesSlice(s.Path, s.SopInstanceUid, s.InstanceNumber)).ToList(),
        };
    }

    private static double Along(WorldPoint p, Vector3D normal) => (p - default(WorldPoint)).Dot(normal);

    private static double CheckSpacing(SliceInfo[] ordered, Vector3D normal)
    {
        if (ordered.Length == 1)
        {
            return ordered[0].SliceThickness is > 0 and var t ? t : 1.0;
        }

        var gaps = new double[ordered.Length - 1];
        for (var k = 1; k < ordered.Length; k++)
        {
            var step = ordered[k].Position - ordered[k - 1].Position;
            gaps[k - 1] = step.Dot(normal);
            if (gaps[k - 1] < 1e-3)
            {
                throw new SeriesGeometryException(
                    $"{Path.GetFileName(ordered[k - 1].Path)} and {Path.GetFileName(ordered[k].Path)} have the same position along the slice normal.");
            }

            // Any movement within the plane means the slices are sheared (gantry tilt).
            var inPlane = (step - (normal * gaps[k - 1])).Length;
            if (inPlane > 0.01 * gaps[k - 1] + 1e-3)
            {
                throw new SeriesGeometryException(
                    $"The slices are sheared by {inPlane:0.###} mm per slice (gantry tilt); this series cannot be stacked without resampling.");
            }
        }

        // Judge each gap against the median, so one missing slice is named as such rather than
        // making every other gap look uneven against a skewed mean.
        var median = gaps.Order().ElementAt(gaps.Length / 2);
        for (var n = 0; n < gaps.Length; n++)
        {
            if (Math.Abs(gaps[n] - median) > SpacingTolerance * median)
            {
                var missing = Math.Round(gaps[n] / median) >= 2 ? $" (about {Math.Round(gaps[n] / median) - 1:0} slice(s) missing)" : "";
                throw new SeriesGeometryException(
                    $"Uneven slice spacing: {gaps[n]:0.###} mm between {Path.GetFileName(ordered[n].Path)} and "
                    + $"{Path.GetFileName(ordered[n + 1].Path)}, {median:0.###} mm elsewhere{missing}.");
            }
        }

        var mean = (Along(ordered[^1].Position, normal) - Along(ordered[0].Position, normal)) / gaps.Length;
        return mean;
    }

    private sealed class SliceInfo
    {
        public required string Path { get; init; }

        public required DicomDataset Dataset { get; init; }

        public required string SeriesUid { get; init; }

        public required string SopInstanceUid { get; init; }

        public int? InstanceNumber { get; init; }

        public required string StudyUid { get; init; }

        public required string PatientId { get; init; }

        public required string PatientName { get; init; }

        public required string Modality { get; init; }

        public required string SeriesDescription { get; init; }

        public required int Rows { get; init; }

        public required int Columns { get; init; }

        public required WorldPoint Position { get; init; }

        public required Vector3D Row { get; init; }

        public required Vector3D Column { get; init; }

        public required double RowSpacing { get; init; }

        public required double ColumnSpacing { get; init; }

        public double? SliceThickness { get; init; }

        public static SliceInfo Read(string path)
        {
            var ds = DicomFile.Open(path).Dataset;
            var ipp = ds.GetDoubles(DicomTags.ImagePositionPatient);
            var iop = ds.GetDoubles(DicomTags.ImageOrientationPatient);
            var spacing = ds.GetDoubles(DicomTags.PixelSpacing);
            if (ipp.Length != 3 || iop.Length != 6 || spacing.Length != 2)
            {
                throw new SeriesGeometryException(
                    $"{System.IO.Path.GetFileName(path)}: Image Position/Orientation (Patient) or Pixel Spacing has the wrong number of values.");
            }

            var row = new Vector3D(iop[0], iop[1], iop[2]);
            var column = new Vector3D(iop[3], iop[4], iop[5]);
            if (Math.Abs(row.Length - 1) > 1e-3 || Math.Abs(column.Length - 1) > 1e-3 || Math.Abs(row.Dot(column)) > 1e-3)
            {
                throw new SeriesGeometryException($"{System.IO.Path.GetFileName(path)}: Image Orientation (Patient) is not two orthonormal vectors.");
            }

            if (spacing[0] <= 0 || spacing[1] <= 0)
            {
                throw new SeriesGeometryException($"{System.IO.Path.GetFileName(path)}: Pixel Spacing must be positive.");
            }

            return new SliceInfo
            {
                Path = path,
                Dataset = ds,
                SeriesUid = ds.GetString(DicomTags.SeriesInstanceUID),
                SopInstanceUid = ds.GetString(DicomTags.SOPInstanceUID),
                InstanceNumber = ds.TryGetString(DicomTags.InstanceNumber, out var number)
                    && int.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null,
                StudyUid = ds.GetString(DicomTags.StudyInstanceUID),
                PatientId = ds.TryGetString(DicomTags.PatientID, out var pid) ? pid : "",
                PatientName = ds.TryGetString(DicomTags.PatientName, out var pn) ? pn : "",
                Modality = ds.TryGetString(DicomTags.Modality, out var mod) ? mod : "",
                SeriesDescription = ds.TryGetString(DicomTags.SeriesDescription, out var sd) ? sd : "",
                Rows = ds.GetUInt16(DicomTags.Rows),
                Columns = ds.GetUInt16(DicomTags.Columns),
                Position = new WorldPoint(ipp[0], ipp[1], ipp[2]),
                Row = row.Normalized,
                Column = column.Normalized,
                RowSpacing = spacing[0],
                ColumnSpacing = spacing[1],
                SliceThickness = ds.Contains(DicomTags.SliceThickness) && ds.GetDoubles(DicomTags.SliceThickness) is [var t] ? t : null,
            };
        }

        /// <summary>Decodes native grayscale pixels and applies the modality rescale.</summary>
        public void DecodeInto(Span<short> target)
        {
            var ds = Dataset;
            if (ds.GetUInt16(DicomTags.SamplesPerPixel) != 1)
            {
                throw new SeriesGeometryException($"{System.IO.Path.GetFileName(Path)}: only single-sample (grayscale) images form a volume.");
            }

            int bitsAllocated = ds.GetUInt16(DicomTags.BitsAllocated);
            int bitsStored = ds.GetUInt16(DicomTags.BitsStored);
            var signed = ds.GetUInt16(DicomTags.PixelRepresentation) == 1;
            var slope = ds.Contains(DicomTags.RescaleSlope) ? ds.GetDoubles(DicomTags.RescaleSlope)[0] : 1.0;
            var intercept = ds.Contains(DicomTags.RescaleIntercept) ? ds.GetDoubles(DicomTags.RescaleIntercept)[0] : 0.0;
            var pixels = ds.GetBytes(DicomTags.PixelData).Span;
            var count = target.Length;
            if (bitsAllocated != 16 || bitsStored is < 1 or > 16)
            {
                throw new SeriesGeometryException(
                    $"{System.IO.Path.GetFileName(Path)}: {bitsAllocated}-bit pixels are not read into volumes yet (16-bit only).");
            }

            if (pixels.Length < count * 2)
            {
                throw new SeriesGeometryException(
                    $"{System.IO.Path.GetFileName(Path)}: Pixel Data holds {pixels.Length} bytes, {count * 2} expected for {Columns}×{Rows}.");
            }

            var mask = bitsStored == 16 ? 0xFFFF : (1 << bitsStored) - 1;
            var signBit = 1 << (bitsStored - 1);
            for (var p = 0; p < count; p++)
            {
                int raw = BinaryPrimitives.ReadUInt16LittleEndian(pixels.Slice(p * 2, 2)) & mask;
                if (signed && (raw & signBit) != 0)
                {
                    raw -= 1 << bitsStored;
                }

                var hu = Math.Round((raw * slope) + intercept);
                target[p] = (short)Math.Clamp(hu, short.MinValue, short.MaxValue);
            }
        }
    }
}
