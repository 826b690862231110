namespace Seldinger.Clinical.AdverseEvents;

/// <summary>An adverse event of an episode, graded by SIR 2017 and CIRSE 2017.</summary>
public sealed class AdverseEventRecord : IVersionedRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode).</summary>
    public Guid ReferralId { get; set; }

    /// <summary>When it began.</summary>
    public DateTimeOffset OnsetAt { get; set; }

    /// <summary>What happened, e.g. "subcapsular haematoma 2 cm".</summary>
    public required string Description { get; set; }

    /// <summary>SIR 2017 severity.</summary>
    public SirSeverity SirSeverity { get; set; }

    /// <summary>CIRSE 2017 grade.</summary>
    public CirseGrade CirseGrade { get; set; }

    /// <summary>Whether it is a sedation event (desaturation, apnoea, laryngospasm, vomiting…).</summary>
    public bool SedationRelated { get; set; }

    /// <summary>What was done about it.</summary>
    public string Management { get; set; } = "";

    /// <summary>User name of who recorded it.</summary>
    public string RecordedBy { get; set; } = "";

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; } = 1;
}
