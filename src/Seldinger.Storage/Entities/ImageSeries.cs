namespace Seldinger.Storage.Entities;

/// <summary>A DICOM series held in the image store, indexed by its Series Instance UID.</summary>
public sealed class ImageSeries
{
    /// <summary>Series Instance UID (0020,000E).</summary>
    public required string SeriesInstanceUid { get; set; }

    /// <summary>Study Instance UID (0020,000D).</summary>
    public required string StudyInstanceUid { get; set; }

    /// <summary>Patient ID (0010,0020).</summary>
    public required string PatientId { get; set; }

    /// <summary>Modality (0008,0060), e.g. CT.</summary>
    public required string Modality { get; set; }

    /// <summary>Series Description (0008,103E).</summary>
    public string Description { get; set; } = "";

    /// <summary>Rows of each image.</summary>
    public int Rows { get; set; }

    /// <summary>Columns of each image.</summary>
    public int Columns { get; set; }

    /// <summary>Number of slices in the volume built from the series.</summary>
    public int SliceCount { get; set; }

    /// <summary>
    /// Volume geometry as JSON: <c>{"origin":[x,y,z],"spacing":[i,j,k],"direction":[9 row-major]}</c>,
    /// computed once at import from the sorted slices.
    /// </summary>
    public string GeometryJson { get; set; } = "{}";

    /// <summary>Folder of the series inside the image store, relative to its root.</summary>
    public required string StoragePath { get; set; }

    /// <summary>Label map (NRRD) of the series inside the image store, when one exists.</summary>
    public string? LabelMapPath { get; set; }

    /// <summary>When the series was imported.</summary>
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The instances (one per slice), in no particular order.</summary>
    public List<ImageInstance> Instances { get; set; } = [];
}
