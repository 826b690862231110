namespace Seldinger.Imaging.Segmentation;

/// <summary>How <see cref="DicomSegWriter"/> encodes the segments (Segmentation Type (0062,0001)).</summary>
public enum SegmentationType
{
    /// <summary>
    /// BINARY (Segmentation Storage): one 1-bit frame per segment per slice that contains it; segments
    /// may overlap.
    /// </summary>
    Binary,

    /// <summary>
    /// LABELMAP (Label Map Segmentation Storage, PS3.3 2024+): one frame per slice whose unsigned pixel
    /// values are Segment Numbers, 0 the background; segments never overlap.
    /// </summary>
    LabelMap,
}
