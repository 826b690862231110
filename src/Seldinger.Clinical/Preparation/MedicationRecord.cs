namespace Seldinger.Clinical.Preparation;

/// <summary>A drug the child takes; the rules look for anticoagulants and antiplatelets among them.</summary>
public sealed class MedicationRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The patient.</summary>
    public Guid PatientId { get; set; }

    /// <summary>Generic drug name, lower case, as the rules file names it (e.g. "enoxaparin", "warfarin", "aspirin").</summary>
    public required string Drug { get; set; }

    /// <summary>Dose and frequency as prescribed, e.g. "1 mg/kg twice daily".</summary>
    public string Dose { get; set; } = "";

    /// <summary>When the last dose was taken, when known.</summary>
    public DateTimeOffset? LastDoseAt { get; set; }

    /// <summary>Whether the child still takes it.</summary>
    public bool Active { get; set; } = true;
}
