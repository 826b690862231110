namespace Seldinger.Clinical.Preparation;

/// <summary>The last time the child ate or drank something of one kind before a procedure.</summary>
public sealed class IntakeRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode).</summary>
    public Guid ReferralId { get; set; }

    /// <summary>What was taken.</summary>
    public IntakeKind Kind { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>User name of who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}
