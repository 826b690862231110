using System.Runtime.ExceptionServices;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series.Internal;

namespace Seldinger.Imaging.Series;

/// <summary>
/// Builds a volume from the files of one single-frame series (CT, MR, cone-beam CT). Slices are
/// ordered by their position along the normal of Image Orientation (Patient) — never by file name
/// or Instance Number — and the geometry is checked before any pixel is trusted: one series, one
/// orientation, one size and pixel spacing, no two slices at one position, even spacing (a gap names
/// the missing slices), no shear (gantry tilt) unless resampling is asked for.
/// </summary>
/// <remarks>
/// Files are read on all cores. Each header is read with one small read and parsed up to the pixel
/// data; the pixels are then read straight into their slice of the volume and rescaled in place.
/// Unusual layouts (big endian, deflate, no Part 10 prefix) fall back to the full parser.
/// </remarks>
public static class DicomSeriesReader
{
    /// <summary>Largest relative deviation of a slice gap from the median gap that still counts as even (the default of <see cref="SeriesReadOptions.SpacingTolerance"/>).</summary>
    public const double SpacingTolerance = 0.01;

    private const double OrientationTolerance = 1e-4;

    /// <summary>Reads the files (any order) into a volume of 16-bit modality values (Hounsfield units for CT).</summary>
    /// <exception cref="SeriesGeometryException">The files do not form one regular volume, or a value does not fit 16 bits (use <see cref="ReadFloatVolume(IReadOnlyList{string}, SeriesReadOptions?)"/>).</exception>
    /// <exception cref="DicomException">A file is not DICOM or is corrupt.</exception>
    public static SeriesVolume ReadVolume(IReadOnlyList<string> files, SeriesReadOptions? options = null) =>
        ReadVolume(ReadLayout(files, options));

    /// <summary>Reads the pixels of a checked layout into a volume of 16-bit modality values.</summary>
    public static SeriesVolume ReadVolume(SeriesLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var volume = DecodeAll<short>(layout, (header, slice) => header.DecodeInto(slice) ? null : OutOfRange(header));
        return new SeriesVolume
        {
            Hounsfield = volume,
            SeriesInstanceUid = layout.SeriesInstanceUid,
            StudyInstanceUid = layout.StudyInstanceUid,
            FrameOfReferenceUid = layout.FrameOfReferenceUid,
            PatientId = layout.PatientId,
            PatientName = layout.PatientName,
            Modality = layout.Modality,
            SeriesDescription = layout.SeriesDescription,
            Slices = layout.Slices,
            GantryTiltDegrees = layout.GantryTiltDegrees,
        };
    }

    /// <summary>Reads the files (any order) into a volume of single-precision modality values (MR, PET, non-integer slopes).</summary>
    /// <exception cref="SeriesGeometryException">The files do not form one regular volume.</exception>
    /// <exception cref="DicomException">A file is not DICOM or is corrupt.</exception>
    public static FloatSeriesVolume ReadFloatVolume(IReadOnlyList<string> files, SeriesReadOptions? options = null) =>
        ReadFloatVolume(ReadLayout(files, options));

    /// <summary>Reads the pixels of a checked layout into a volume of single-precision modality values.</summary>
    public static FloatSeriesVolume ReadFloatVolume(SeriesLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var volume = DecodeAll<float>(layout, (header, slice) =>
        {
            header.DecodeInto(slice);
            return null;
        });
        return new FloatSeriesVolume
        {
            Values = volume,
            SeriesInstanceUid = layout.SeriesInstanceUid,
            StudyInstanceUid = layout.StudyInstanceUid,
            FrameOfReferenceUid = layout.FrameOfReferenceUid,
            PatientId = layout.PatientId,
            PatientName = layout.PatientName,
            Modality = layout.Modality,
            SeriesDescription = layout.SeriesDescription,
            Slices = layout.Slices,
            GantryTiltDegrees = layout.GantryTiltDegrees,
        };
    }

    /// <summary>Decodes one slice; returns the error to report for it, or null.</summary>
    private delegate Exception? SliceDecoder<T>(SliceHeader header, Span<T> slice);

    /// <summary>Decodes every slice in parallel, reports the first failure in slice order, and undoes gantry tilt.</summary>
    private static Volume<T> DecodeAll<T>(SeriesLayout layout, SliceDecoder<T> decode)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var volume = new Volume<T>(layout.Geometry, GC.AllocateUninitializedArray<T>(checked((int)layout.Geometry.VoxelCount)));
        var failures = new Exception?[layout.Slices.Count];
        Parallel.For(0, layout.Slices.Count, k =>
        {
            try
            {
                failures[k] = decode(layout.Header(k), volume.SliceK(k));
            }
            catch (Exception e) when (e is IOException or DicomException or SeriesGeometryException or UnauthorizedAccessException)
            {
                failures[k] = e;
            }
        });
        ThrowFirst(failures);
        return layout.IsSheared ? GantryTiltResampler.Resample(volume, layout.InPlaneOffsets, layout.Geometry) : volume;
    }

    /// <summary>
    /// Reads only the headers of the files (any order), sorts them along the slice normal and checks the
    /// geometry. No pixel is read.
    /// </summary>
    /// <exception cref="SeriesGeometryException">The files do not form one regular volume.</exception>
    /// <exception cref="DicomException">A file is not DICOM or is corrupt.</exception>
    public static SeriesLayout ReadLayout(IReadOnlyList<string> files, SeriesReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= SeriesReadOptions.Default;
        if (files.Count == 0)
        {
            throw new SeriesGeometryException("No files were given.");
        }

        var headers = new SliceHeader[files.Count];
        var failures = new Exception?[files.Count];
        Parallel.For(0, files.Count, n =>
        {
            try
            {
                headers[n] = SliceHeader.Read(files[n]);
            }
            catch (Exception e) when (e is IOException or DicomException or SeriesGeometryException or UnauthorizedAccessException)
            {
                failures[n] = e;
            }
        });
        ThrowFirst(failures);
        return Arrange(headers, options);
    }

    internal static SeriesGeometryException OutOfRange(SliceHeader header) => new(
        $"{header.FileName}: rescaled values (slope {header.Slope}, intercept {header.Intercept}) fall outside the 16-bit range; "
        + "read this series with DicomSeriesReader.ReadFloatVolume.");

    private static void ThrowFirst(Exception?[] failures)
    {
        foreach (var failure in failures)
        {
            if (failure is not null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
    }

    internal static SeriesLayout Arrange(SliceHeader[] headers, SeriesReadOptions options)
    {
        var first = headers[0];
        foreach (var s in headers)
        {
            if (s.Frames > 1)
            {
                throw new SeriesGeometryException(
                    $"{s.FileName} is a multi-frame image ({s.Frames} frames); read it with EnhancedMultiFrameReader, not as one slice of a series.");
            }

            if (s.SeriesUid != first.SeriesUid)
            {
                throw new SeriesGeometryException($"{s.FileName} belongs to series {s.SeriesUid}, not {first.SeriesUid} like {first.FileName}.");
            }

            if (s.Rows != first.Rows || s.Columns != first.Columns)
            {
                throw new SeriesGeometryException(
                    $"{s.FileName} is {s.Columns}×{s.Rows}, {first.FileName} is {first.Columns}×{first.Rows}: the series mixes image sizes.");
            }

            if ((s.Row - first.Row).Length > OrientationTolerance || (s.Column - first.Column).Length > OrientationTolerance)
            {
                throw new SeriesGeometryException(
                    $"{s.FileName} has another Image Orientation (Patient) than {first.FileName}: the series mixes orientations (e.g. a localizer); group it with DicomSeriesGrouper.");
            }

            if (Math.Abs(s.RowSpacing - first.RowSpacing) > 1e-4 || Math.Abs(s.ColumnSpacing - first.ColumnSpacing) > 1e-4)
            {
                throw new SeriesGeometryException($"{s.FileName} has another Pixel Spacing than {first.FileName}.");
            }
        }

        var normal = first.Row.Cross(first.Column).Normalized;
        var keys = new double[headers.Length];
        for (var n = 0; n < headers.Length; n++)
        {
            keys[n] = (headers[n].Position - default(WorldPoint)).Dot(normal);
        }

        var ordered = (SliceHeader[])headers.Clone();
        Array.Sort(keys, ordered);
        var offsets = new Vector3D[ordered.Length];
        var (spacing, tilt) = CheckSpacing(ordered, keys, normal, offsets, options);

        var direction = Matrix3.FromColumns(first.Row, first.Column, normal);
        var geometry = new VolumeGeometry(first.Columns, first.Rows, ordered.Length, ordered[0].Position,
            first.ColumnSpacing, first.RowSpacing, spacing, direction);
        return new SeriesLayout(ordered, geometry, offsets, tilt);
    }

    private static (double Spacing, double TiltDegrees) CheckSpacing(
        SliceHeader[] ordered, double[] along, Vector3D normal, Vector3D[] offsets, SeriesReadOptions options)
    {
        if (ordered.Length == 1)
        {
            return (ordered[0].SliceThickness is > 0 and var t ? t : 1.0, 0);
        }

        var gaps = new double[ordered.Length - 1];
        var sheared = false;
        var maxShear = 0.0;
        for (var k = 1; k < ordered.Length; k++)
        {
            var gap = along[k] - along[k - 1];
            gaps[k - 1] = gap;
            if (gap < 1e-3)
            {
                throw new SeriesGeometryException(
                    $"{ordered[k - 1].FileName} and {ordered[k].FileName} lie at the same position along the slice normal "
                    + $"({along[k]:0.###} mm): duplicate slices, or two stacks in one series.");
            }

            // Any movement within the plane means the slices are sheared (gantry tilt).
            var step = ordered[k].Position - ordered[k - 1].Position;
            var inPlane = (step - (normal * gap)).Length;
            maxShear = Math.Max(maxShear, inPlane / gap);
            if (inPlane > (0.01 * gap) + 1e-3)
            {
                sheared = true;
            }
        }

        var sorted = (double[])gaps.Clone();
        Array.Sort(sorted);
        var median = sorted[sorted.Length / 2];

        // Judge each gap against the median, so one missing slice is named as such rather than
        // making every other gap look uneven against a skewed mean.
        for (var n = 0; n < gaps.Length; n++)
        {
            if (Math.Abs(gaps[n] - median) > options.SpacingTolerance * median)
            {
                var ratio = Math.Round(gaps[n] / median);
                var missing = ratio >= 2 && Math.Abs(gaps[n] - (ratio * median)) <= options.SpacingTolerance * median * ratio
                    ? $" (about {ratio - 1:0} slice(s) missing)"
                    : "";
                throw new SeriesGeometryException(
                    $"Uneven slice spacing: {gaps[n]:0.###} mm between {ordered[n].FileName} and "
                    + $"{ordered[n + 1].FileName}, {median:0.###} mm elsewhere{missing}.");
            }
        }

        var spacing = (along[^1] - along[0]) / gaps.Length;
        if (!sheared)
        {
            return (spacing, 0);
        }

        var tilt = Math.Atan(maxShear) * 180 / Math.PI;
        if (!options.ResampleGantryTilt)
        {
            throw new SeriesGeometryException(
                $"The slices are sheared by up to {maxShear * spacing:0.###} mm per slice (gantry tilt of about {tilt:0.#}°); "
                + "read with SeriesReadOptions.ResampleGantryTilt to resample onto an orthogonal grid.");
        }

        for (var k = 0; k < ordered.Length; k++)
        {
            var fromFirst = ordered[k].Position - ordered[0].Position;
            offsets[k] = fromFirst - (normal * (along[k] - along[0]));
        }

        return (spacing, tilt);
    }
}
