namespace Seldinger.Clinical.Referrals;

/// <summary>One step in a referral's history: who did what, when.</summary>
public sealed class ReferralEvent
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral.</summary>
    public Guid ReferralId { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>User name of who did it.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done.</summary>
    public ReferralAction Action { get; set; }

    /// <summary>Note (reason, question, answer).</summary>
    public string Note { get; set; } = "";
}
