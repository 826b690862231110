namespace Seldinger.Storage.Entities;

/// <summary>One stored DICOM instance (a file in the image store).</summary>
public sealed class ImageInstance
{
    /// <summary>SOP Instance UID (0008,0018).</summary>
    public required string SopInstanceUid { get; set; }

    /// <summary>The series it belongs to.</summary>
    public required string SeriesInstanceUid { get; set; }

    /// <summary>Instance Number (0020,0013); informative only, never used for ordering.</summary>
    public int? InstanceNumber { get; set; }

    /// <summary>Path of the file relative to the image store root.</summary>
    public required string RelativePath { get; set; }

    /// <summary>File size in bytes.</summary>
    public long SizeBytes { get; set; }
}
