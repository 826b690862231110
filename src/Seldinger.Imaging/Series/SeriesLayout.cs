using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series.Internal;

namespace Seldinger.Imaging.Series;

/// <summary>
/// A single-frame series whose headers have been read and whose geometry has been checked: the
/// slices sorted along the slice normal and the volume grid they form. No pixel has been read yet;
/// <see cref="DicomSeriesReader.ReadVolume(SeriesLayout)"/> reads them, or <see cref="ReadSlice(int, Span{short})"/>
/// one slice at a time.
/// </summary>
public sealed class SeriesLayout
{
    private readonly SliceHeader[] _headers;

    internal SeriesLayout(SliceHeader[] ordered, VolumeGeometry geometry, Vector3D[] inPlaneOffsets, double tiltDegrees)
    {
        _headers = ordered;
        Geometry = geometry;
        InPlaneOffsets = inPlaneOffsets;
        GantryTiltDegrees = tiltDegrees;
        var first = ordered[0];
        var slices = new SeriesSlice[ordered.Length];
        for (var k = 0; k < ordered.Length; k++)
        {
            var h = ordered[k];
            slices[k] = new SeriesSlice(h.Path, h.SopInstanceUid, h.InstanceNumber)
            {
                Position = h.Position,
                RescaleSlope = h.Slope,
                RescaleIntercept = h.Intercept,
            };
        }

        Slices = slices;
        SeriesInstanceUid = first.SeriesUid;
        StudyInstanceUid = first.StudyUid;
        FrameOfReferenceUid = first.FrameOfReferenceUid;
        PatientId = first.PatientId;
        PatientName = first.PatientName;
        Modality = first.Modality;
        SeriesDescription = first.SeriesDescription;
        SopClassUid = first.SopClassUid;
    }

    /// <summary>The grid of the volume: orthogonal, origin at the first slice's first pixel, k along the slice normal.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>The files in volume order.</summary>
    public IReadOnlyList<SeriesSlice> Slices { get; }

    /// <summary>Series Instance UID.</summary>
    public string SeriesInstanceUid { get; }

    /// <summary>Study Instance UID.</summary>
    public string StudyInstanceUid { get; }

    /// <summary>Frame of Reference UID; empty when absent.</summary>
    public string FrameOfReferenceUid { get; }

    /// <summary>Patient ID.</summary>
    public string PatientId { get; }

    /// <summary>Patient's Name as stored.</summary>
    public string PatientName { get; }

    /// <summary>Modality.</summary>
    public string Modality { get; }

    /// <summary>Series Description.</summary>
    public string SeriesDescription { get; }

    /// <summary>SOP Class UID of the images.</summary>
    public string SopClassUid { get; }

    /// <summary>Gantry tilt in degrees (0 for an orthogonal stack); non-zero only when resampling was asked for.</summary>
    public double GantryTiltDegrees { get; }

    /// <summary>Whether the slices are sheared and <see cref="DicomSeriesReader.ReadVolume(SeriesLayout)"/> resamples them.</summary>
    public bool IsSheared => GantryTiltDegrees != 0;

    /// <summary>Per slice, the in-plane offset (mm) of its first pixel from the orthogonal grid; zero vectors unless sheared.</summary>
    internal Vector3D[] InPlaneOffsets { get; }

    internal SliceHeader Header(int k) => _headers[k];

    /// <summary>
    /// Reads slice <paramref name="k"/> as acquired (not resampled) into <paramref name="target"/> in modality
    /// units rounded to integers; throws <see cref="SeriesGeometryException"/> when a value does not fit 16 bits.
    /// </summary>
    public void ReadSlice(int k, Span<short> target)
    {
        CheckTarget(k, target.Length);
        if (!_headers[k].DecodeInto(target))
        {
            throw DicomSeriesReader.OutOfRange(_headers[k]);
        }
    }

    /// <summary>Reads slice <paramref name="k"/> as acquired (not resampled) into <paramref name="target"/> in modality units.</summary>
    public void ReadSlice(int k, Span<float> target)
    {
        CheckTarget(k, target.Length);
        _headers[k].DecodeInto(target);
    }

    private void CheckTarget(int k, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, _headers.Length);
        var plane = Geometry.SizeI * Geometry.SizeJ;
        if (length != plane)
        {
            throw new ArgumentException($"The target holds {length} values; a slice has {plane}.", nameof(length));
        }
    }
}
