namespace Seldinger.Clinical.Patients;

/// <summary>A recorded allergy or intolerance.</summary>
public sealed class Allergy
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The patient.</summary>
    public Guid PatientId { get; set; }

    /// <summary>Group of the allergen.</summary>
    public AllergyCategory Category { get; set; }

    /// <summary>The substance, e.g. "iohexol", "latex", "amoxicillin".</summary>
    public required string Substance { get; set; }

    /// <summary>The reaction seen, e.g. "urticaria".</summary>
    public string Reaction { get; set; } = "";

    /// <summary>Severity of the reaction.</summary>
    public AllergySeverity Severity { get; set; }
}
