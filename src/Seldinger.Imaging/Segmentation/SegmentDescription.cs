using Seldinger.Dicom.StructuredReporting;

namespace Seldinger.Imaging.Segmentation;

/// <summary>One segment of a DICOM Segmentation: what it is (coded) and which label value it stands for.</summary>
public sealed record SegmentDescription
{
    /// <summary>The label value of the label map (e.g. a <see cref="TissueLabel"/>), 1–255.</summary>
    public required byte LabelValue { get; init; }

    /// <summary>Segment Label (0062,0005), a short name for people.</summary>
    public required string Label { get; init; }

    /// <summary>Segmented Property Category (CID 7150), e.g. (85756007, SCT, "Tissue").</summary>
    public required DicomCode Category { get; init; }

    /// <summary>Segmented Property Type (CID 7151), e.g. (10200004, SCT, "Liver").</summary>
    public required DicomCode Type { get; init; }

    /// <summary>Segment Algorithm Type (0062,0008).</summary>
    public SegmentAlgorithmType AlgorithmType { get; init; } = SegmentAlgorithmType.Automatic;

    /// <summary>Segment Algorithm Name (0062,0009), required unless the segment was drawn by hand.</summary>
    public string AlgorithmName { get; init; } = "Seldinger";
}
