using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.AdverseEvents;

/// <summary>
/// The legacy SIR complication classes A–F (Sacks et al., JVIR 2003), still found in older registries:
/// A and B are minor, C to F major.
/// </summary>
[JsonConverter(typeof(CamelCaseEnumConverter<LegacySirClass>))]
public enum LegacySirClass
{
    /// <summary>A: no therapy, no consequence (minor).</summary>
    A,

    /// <summary>B: nominal therapy, no consequence; includes overnight admission for observation only (minor).</summary>
    B,

    /// <summary>C: therapy needed, minor hospitalisation under 48 h (major).</summary>
    C,

    /// <summary>D: major therapy, unplanned increase in level of care, prolonged hospitalisation over 48 h (major).</summary>
    D,

    /// <summary>E: permanent adverse sequelae (major).</summary>
    E,

    /// <summary>F: death (major).</summary>
    F,
}
