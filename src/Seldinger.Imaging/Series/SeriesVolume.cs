using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series;

/// <summary>A volume built from a DICOM series, with the identifiers it came from.</summary>
public sealed record SeriesVolume
{
    /// <summary>
    /// Voxel values in modality units — Hounsfield units for CT — (stored value × slope + intercept of
    /// each slice, rounded to the nearest integer).
    /// </summary>
    public required Volume<short> Hounsfield { get; init; }

    /// <summary>Series Instance UID shared by every slice.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>Study Instance UID.</summary>
    public required string StudyInstanceUid { get; init; }

    /// <summary>Patient ID.</summary>
    public required string PatientId { get; init; }

    /// <summary>Patient's Name as stored.</summary>
    public required string PatientName { get; init; }

    /// <summary>Modality, e.g. CT.</summary>
    public required string Modality { get; init; }

    /// <summary>Series Description.</summary>
    public required string SeriesDescription { get; init; }

    /// <summary>The files in volume order (index k), sorted along the slice normal.</summary>
    public required IReadOnlyList<SeriesSlice> Slices { get; init; }

    /// <summary>Frame of Reference UID of the series; empty when absent.</summary>
    public string FrameOfReferenceUid { get; init; } = "";

    /// <summary>
    /// Gantry tilt in degrees that was resampled away (see <see cref="SeriesReadOptions.ResampleGantryTilt"/>); 0 for an
    /// orthogonal stack.
    /// </summary>
    public double GantryTiltDegrees { get; init; }

    /// <summary>Geometry of the volume (shortcut to <c>Hounsfield.Geometry</c>).</summary>
    public VolumeGeometry Geometry => Hounsfield.Geometry;
}
