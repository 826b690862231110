namespace Seldinger.Imaging.Segmentation;

/// <summary>A DICOM Segmentation read back onto the grid of its source series.</summary>
public sealed record SegmentationVolume
{
    /// <summary>The label map: each voxel holds the <see cref="SegmentDescription.LabelValue"/> of its segment, 0 where none.</summary>
    public required Volume<byte> Labels { get; init; }

    /// <summary>The segments in Segment Number order (segment n is at index n − 1).</summary>
    public required IReadOnlyList<SegmentDescription> Segments { get; init; }

    /// <summary>Segmentation Type: BINARY or LABELMAP.</summary>
    public required string SegmentationType { get; init; }

    /// <summary>Series Instance UID of the referenced source series, or empty.</summary>
    public required string ReferencedSeriesInstanceUid { get; init; }

    /// <summary>SOP Instance UID of the segmentation.</summary>
    public required string SopInstanceUid { get; init; }
}
