using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Preparation;

/// <summary>Depth of sedation planned or given (AAP/AAPD 2019 continuum).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<SedationLevel>))]
public enum SedationLevel
{
    /// <summary>No sedation (local anaesthesia, child-life support).</summary>
    None,

    /// <summary>Minimal sedation (anxiolysis).</summary>
    Minimal,

    /// <summary>Moderate sedation.</summary>
    Moderate,

    /// <summary>Deep sedation.</summary>
    Deep,

    /// <summary>General anaesthesia.</summary>
    GeneralAnaesthesia,
}
