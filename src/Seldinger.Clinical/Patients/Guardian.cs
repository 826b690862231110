namespace Seldinger.Clinical.Patients;

/// <summary>A parent or legal guardian of a patient.</summary>
public sealed class Guardian
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The patient.</summary>
    public Guid PatientId { get; set; }

    /// <summary>Full name.</summary>
    public required string Name { get; set; }

    /// <summary>Relationship to the child, e.g. "mother", "father", "legal guardian".</summary>
    public required string Relationship { get; set; }

    /// <summary>Telephone number, when given.</summary>
    public string? Phone { get; set; }

    /// <summary>The language this guardian reads.</summary>
    public FamilyLanguage Language { get; set; }

    /// <summary>Whether this guardian may give consent.</summary>
    public bool HasLegalAuthority { get; set; } = true;
}
