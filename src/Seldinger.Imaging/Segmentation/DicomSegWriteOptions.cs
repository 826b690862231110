namespace Seldinger.Imaging.Segmentation;

/// <summary>Series attributes and segment meanings for <see cref="DicomSegWriter"/>.</summary>
public sealed record DicomSegWriteOptions
{
    /// <summary>
    /// The encoding: <see cref="SegmentationType.Binary"/> (the default, Segmentation Storage) or
    /// <see cref="SegmentationType.LabelMap"/> (Label Map Segmentation Storage, one 8-bit frame per slice).
    /// </summary>
    public SegmentationType Type { get; init; } = SegmentationType.Binary;

    /// <summary>What each label value means; every value present in the label map needs one. Defaults to <see cref="TissueSegments.All"/>.</summary>
    public IReadOnlyList<SegmentDescription> Segments { get; init; } = TissueSegments.All;

    /// <summary>Series Description, also written as Content Description.</summary>
    public string SeriesDescription { get; init; } = "Segmentation";

    /// <summary>Series Number.</summary>
    public int SeriesNumber { get; init; } = 100;

    /// <summary>Content Label (CS: upper case, at most 16 characters).</summary>
    public string ContentLabel { get; init; } = "SEGMENTATION";

    /// <summary>Content Creator's Name (PN), or empty.</summary>
    public string ContentCreatorName { get; init; } = "";

    /// <summary>Series and content date and time.</summary>
    public DateTime ContentDateTime { get; init; } = DateTime.Now;

    /// <summary>Series Instance UID of the segmentation; generated when null.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>SOP Instance UID of the segmentation; generated when null.</summary>
    public string? SopInstanceUid { get; init; }
}
