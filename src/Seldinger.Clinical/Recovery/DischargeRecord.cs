namespace Seldinger.Clinical.Recovery;

/// <summary>How the episode's recovery ended: same-day home or admitted, with a reason.</summary>
public sealed class DischargeRecord : IVersionedRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode); one per referral.</summary>
    public Guid ReferralId { get; set; }

    /// <summary>Disposition.</summary>
    public DischargeDisposition Disposition { get; set; }

    /// <summary>When the child left recovery.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Reason for admission (required when admitted).</summary>
    public string AdmissionReason { get; set; } = "";

    /// <summary>Whether the discharge criteria were met at discharge (computed and stored for the record).</summary>
    public bool CriteriaMet { get; set; }

    /// <summary>Who the child went home with.</summary>
    public string ReleasedTo { get; set; } = "";

    /// <summary>Whether aftercare instructions were given, and in which language.</summary>
    public Patients.FamilyLanguage? InstructionsLanguage { get; set; }

    /// <summary>User name of who discharged.</summary>
    public string DischargedBy { get; set; } = "";

    /// <inheritdoc />
    public int Version { get; set; } = 1;
}
