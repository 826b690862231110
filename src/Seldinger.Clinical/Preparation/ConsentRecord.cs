namespace Seldinger.Clinical.Preparation;

/// <summary>Consent by a guardian, or assent by the child, for one episode.</summary>
public sealed class ConsentRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode).</summary>
    public Guid ReferralId { get; set; }

    /// <summary>What it covers.</summary>
    public ConsentKind Kind { get; set; }

    /// <summary>Who gave it (guardian's or child's name).</summary>
    public required string GivenBy { get; set; }

    /// <summary>Their relationship to the child ("self" for assent).</summary>
    public string Relationship { get; set; } = "";

    /// <summary>Whether it was given (false records a refusal).</summary>
    public bool Granted { get; set; } = true;

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Interpreter used, if any (e.g. "Spanish, phone interpreter 4411").</summary>
    public string Interpreter { get; set; } = "";

    /// <summary>User name of the clinician who took it.</summary>
    public string RecordedBy { get; set; } = "";
}
