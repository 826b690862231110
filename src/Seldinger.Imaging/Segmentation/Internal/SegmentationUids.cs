namespace Seldinger.Imaging.Segmentation.Internal;

/// <summary>SOP Class UIDs of the Segmentation IOD the Dicom layer does not name.</summary>
internal static class SegmentationUids
{
    /// <summary>Label Map Segmentation Storage (PS3.4 B.5.1.25), for Segmentation Type LABELMAP.</summary>
    public const string LabelMapSegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.7";
}
