namespace Seldinger.Storage.Entities;

/// <summary>
/// One patient episode in the IR service: who the child is, what is asked for, and the images
/// and plans that belong to it.
/// </summary>
public sealed class PatientCase
{
    /// <summary>Stable identifier used in URLs.</summary>
    public Guid Id { get; set; }

    /// <summary>Hospital patient identifier (DICOM PatientID).</summary>
    public required string PatientId { get; set; }

    /// <summary>Patient name as DICOM writes it (family^given).</summary>
    public required string PatientName { get; set; }

    /// <summary>Age in years at the time of the study.</summary>
    public double? AgeYears { get; set; }

    /// <summary>Body weight in kilograms, when known.</summary>
    public double? WeightKg { get; set; }

    /// <summary>Requested procedure, e.g. "CT-guided liver biopsy".</summary>
    public required string Procedure { get; set; }

    /// <summary>Free-text clinical indication.</summary>
    public string Indication { get; set; } = "";

    /// <summary>Workflow status, e.g. "planned".</summary>
    public required string Status { get; set; }

    /// <summary>When the case was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The planning image series, when one is attached.</summary>
    public string? SeriesInstanceUid { get; set; }

    /// <summary>Navigation to the planning series.</summary>
    public ImageSeries? Series { get; set; }

    /// <summary>Target point chosen for the procedure (LPS mm), when set.</summary>
    public double? TargetX { get; set; }

    /// <inheritdoc cref="TargetX"/>
    public double? TargetY { get; set; }

    /// <inheritdoc cref="TargetX"/>
    public double? TargetZ { get; set; }

    /// <summary>
    /// Named anatomical points of the case as JSON (<c>[{"name","point":{"x","y","z"},"diameterMm","label"}]</c>),
    /// e.g. from the phantom library; null when none are known.
    /// </summary>
    public string? LandmarksJson { get; set; }

    /// <summary>The phantom library case the case was generated from, e.g. <c>liver-tumor</c>; null for a patient's images.</summary>
    public string? LibraryCase { get; set; }

    /// <summary>Needle plans made for this case, newest last.</summary>
    public List<NeedlePlanRecord> Plans { get; set; } = [];

    /// <summary>Procedure plans made for this case.</summary>
    public List<ProcedurePlanRecord> ProcedurePlans { get; set; } = [];
}
