using Seldinger.Planning;

namespace Seldinger.Clinical.Scheduling;

/// <summary>A room where procedures are done, with the imaging it has.</summary>
public sealed class ProcedureRoom
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>Name, e.g. "IR suite 1".</summary>
    public required string Name { get; set; }

    /// <summary>Guidance modalities available in the room.</summary>
    public List<GuidanceModality> Modalities { get; set; } = [];

    /// <summary>Whether general anaesthesia can be given in the room.</summary>
    public bool AnaesthesiaCapable { get; set; }

    /// <summary>Whether the room takes bookings.</summary>
    public bool Active { get; set; } = true;
}
