namespace Seldinger.Imaging.Series;

/// <summary>Patient, study and series attributes written into every slice of a CT series.</summary>
public sealed record CtSeriesDescription
{
    /// <summary>Patient's Name (0010,0010), DICOM PN form (Family^Given).</summary>
    public required string PatientName { get; init; }

    /// <summary>Patient ID (0010,0020).</summary>
    public required string PatientId { get; init; }

    /// <summary>Patient's Birth Date (0010,0030).</summary>
    public DateOnly? PatientBirthDate { get; init; }

    /// <summary>Patient's Sex (0010,0040): M, F or O.</summary>
    public string PatientSex { get; init; } = "O";

    /// <summary>Patient's age in years, written as Patient's Age (0010,1010).</summary>
    public double? PatientAgeYears { get; init; }

    /// <summary>Patient's Weight (0010,1030) in kg.</summary>
    public double? PatientWeightKg { get; init; }

    /// <summary>Study Instance UID; generated when null.</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID; generated when null.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>Frame of Reference UID; generated when null.</summary>
    public string? FrameOfReferenceUid { get; init; }

    /// <summary>Study Description (0008,1030).</summary>
    public string StudyDescription { get; init; } = "";

    /// <summary>Series Description (0008,103E).</summary>
    public string SeriesDescription { get; init; } = "";

    /// <summary>Series Number (0020,0011).</summary>
    public int SeriesNumber { get; init; } = 1;

    /// <summary>Study and series date and time.</summary>
    public DateTime AcquisitionDateTime { get; init; } = new(2026, 1, 5, 9, 30, 0, DateTimeKind.Unspecified);

    /// <summary>Body Part Examined (0018,0015).</summary>
    public string BodyPartExamined { get; init; } = "ABDOMEN";

    /// <summary>Default display window written as Window Center/Width.</summary>
    public double WindowCenter { get; init; } = 40;

    /// <inheritdoc cref="WindowCenter"/>
    public double WindowWidth { get; init; } = 400;
}
