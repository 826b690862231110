using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series;

/// <summary>
/// A volume of single-precision modality values built from a DICOM series: MR, PET, or CT whose
/// rescale slope is not an integer. Values are stored value × slope + intercept of each slice, unrounded.
/// </summary>
public sealed record FloatSeriesVolume
{
    /// <summary>The rescaled voxel values.</summary>
    public required Volume<float> Values { get; init; }

    /// <summary>Series Instance UID shared by every slice.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>Study Instance UID.</summary>
    public required string StudyInstanceUid { get; init; }

    /// <summary>Frame of Reference UID; empty when absent.</summary>
    public required string FrameOfReferenceUid { get; init; }

    /// <summary>Patient ID.</summary>
    public required string PatientId { get; init; }

    /// <summary>Patient's Name as stored.</summary>
    public required string PatientName { get; init; }

    /// <summary>Modality, e.g. MR.</summary>
    public required string Modality { get; init; }

    /// <summary>Series Description.</summary>
    public required string SeriesDescription { get; init; }

    /// <summary>The files in volume order (index k), sorted along the slice normal.</summary>
    public required IReadOnlyList<SeriesSlice> Slices { get; init; }

    /// <summary>Gantry tilt in degrees that was resampled away; 0 for an orthogonal stack.</summary>
    public double GantryTiltDegrees { get; init; }

    /// <summary>Geometry of the volume (shortcut to <c>Values.Geometry</c>).</summary>
    public VolumeGeometry Geometry => Values.Geometry;
}
