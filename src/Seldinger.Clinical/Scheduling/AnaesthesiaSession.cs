namespace Seldinger.Clinical.Scheduling;

/// <summary>A period when an anaesthesia team is available to the IR service.</summary>
public sealed class AnaesthesiaSession
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>Start.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>End.</summary>
    public DateTimeOffset End { get; set; }

    /// <summary>How many children the team can have under anaesthesia at once (usually 1).</summary>
    public int Teams { get; set; } = 1;

    /// <summary>Note, e.g. the consultant's name.</summary>
    public string Note { get; set; } = "";
}
