using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;

namespace Seldinger.Imaging.Segmentation;

/// <summary>
/// The image series a segmentation is drawn on: its grid (one source instance per slice k) and the
/// identifiers the segmentation copies (patient, study, frame of reference) or references (series, instances).
/// </summary>
public sealed record SegmentationSource
{
    /// <summary>The grid of the source volume; slice k is the instance <see cref="SopInstanceUids"/>[k].</summary>
    public required VolumeGeometry Geometry { get; init; }

    /// <summary>Study Instance UID (the segmentation joins the study).</summary>
    public required string StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID of the source images.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>Frame of Reference UID of the source images.</summary>
    public required string FrameOfReferenceUid { get; init; }

    /// <summary>SOP Class UID of the source images.</summary>
    public required string SopClassUid { get; init; }

    /// <summary>SOP Instance UID of each source slice, by k.</summary>
    public required IReadOnlyList<string> SopInstanceUids { get; init; }

    /// <summary>Patient's Name.</summary>
    public string PatientName { get; init; } = "";

    /// <summary>Patient ID.</summary>
    public string PatientId { get; init; } = "";

    /// <summary>Patient's Birth Date (DA), or empty.</summary>
    public string PatientBirthDate { get; init; } = "";

    /// <summary>Patient's Sex, or empty.</summary>
    public string PatientSex { get; init; } = "";

    /// <summary>Study Date (DA), or empty.</summary>
    public string StudyDate { get; init; } = "";

    /// <summary>Study Time (TM), or empty.</summary>
    public string StudyTime { get; init; } = "";

    /// <summary>Study ID, or empty.</summary>
    public string StudyId { get; init; } = "";

    /// <summary>Accession Number, or empty.</summary>
    public string AccessionNumber { get; init; } = "";

    /// <summary>Referring Physician's Name, or empty.</summary>
    public string ReferringPhysicianName { get; init; } = "";

    /// <summary>The source as read by <see cref="DicomSeriesReader.ReadLayout"/>, with the study attributes of its first slice.</summary>
    public static SegmentationSource FromLayout(SeriesLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.IsSheared)
        {
            throw new ArgumentException("A gantry-tilted series has no source instance per slice of its resampled grid.", nameof(layout));
        }

        var ds = layout.Header(0).Dataset;
        var uids = new string[layout.Slices.Count];
        for (var k = 0; k < uids.Length; k++)
        {
            uids[k] = layout.Slices[k].SopInstanceUid;
        }

        return new SegmentationSource
        {
            Geometry = layout.Geometry,
            StudyInstanceUid = layout.StudyInstanceUid,
            SeriesInstanceUid = layout.SeriesInstanceUid,
            FrameOfReferenceUid = layout.FrameOfReferenceUid,
            SopClassUid = layout.SopClassUid,
            SopInstanceUids = uids,
            PatientName = layout.PatientName,
            PatientId = layout.PatientId,
            PatientBirthDate = Text(ds, DicomTags.PatientBirthDate),
            PatientSex = Text(ds, DicomTags.PatientSex),
            StudyDate = Text(ds, DicomTags.StudyDate),
            StudyTime = Text(ds, DicomTags.StudyTime),
            StudyId = Text(ds, DicomTags.StudyID),
            AccessionNumber = Text(ds, DicomTags.AccessionNumber),
            ReferringPhysicianName = Text(ds, DicomTags.ReferringPhysicianName),
        };
    }

    private static string Text(DicomDataset ds, DicomTag tag) => ds.TryGetString(tag, out var value) ? value : "";
}
