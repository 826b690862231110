namespace Seldinger.Clinical.Patients;

/// <summary>
/// A child known to the IR service: identity, family, the weight history every dose is computed
/// from, and allergies.
/// </summary>
public sealed class Patient : IVersionedRecord
{
    /// <summary>Stable identifier used in URLs.</summary>
    public Guid Id { get; set; }

    /// <summary>The hospital's medical record number; unique.</summary>
    public required string MedicalRecordNumber { get; set; }

    /// <summary>Family name.</summary>
    public required string FamilyName { get; set; }

    /// <summary>Given name(s).</summary>
    public required string GivenName { get; set; }

    /// <summary>Date of birth.</summary>
    public DateOnly BirthDate { get; set; }

    /// <summary>Administrative sex.</summary>
    public AdministrativeSex Sex { get; set; }

    /// <summary>The language the family reads instructions in.</summary>
    public FamilyLanguage PreferredLanguage { get; set; }

    /// <summary>Free-text notes (e.g. "needle phobia, likes dinosaurs").</summary>
    public string Notes { get; set; } = "";

    /// <summary>When the record was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; } = 1;

    /// <summary>Parents or legal guardians.</summary>
    public List<Guardian> Guardians { get; set; } = [];

    /// <summary>Weight and height measurements, any order.</summary>
    public List<BodyMeasurement> Measurements { get; set; } = [];

    /// <summary>Known allergies.</summary>
    public List<Allergy> Allergies { get; set; } = [];

    /// <summary>Display name, "Given Family".</summary>
    public string DisplayName => $"{GivenName} {FamilyName}";

    /// <summary>Completed years of age on <paramref name="date"/>.</summary>
    public int AgeYearsOn(DateOnly date)
    {
        var years = date.Year - BirthDate.Year;
        if (date < BirthDate.AddYears(years))
        {
            years--;
        }

        return Math.Max(years, 0);
    }

    /// <summary>Age in months on <paramref name="date"/> (for infants' dosing and fasting).</summary>
    public int AgeMonthsOn(DateOnly date)
    {
        var months = ((date.Year - BirthDate.Year) * 12) + date.Month - BirthDate.Month;
        if (date.Day < BirthDate.Day)
        {
            months--;
        }

        return Math.Max(months, 0);
    }

    /// <summary>The latest measurement taken at or before <paramref name="at"/>, or null.</summary>
    public BodyMeasurement? LatestMeasurement(DateTimeOffset at) =>
        Measurements.Where(m => m.MeasuredAt <= at).MaxBy(m => m.MeasuredAt);
}
