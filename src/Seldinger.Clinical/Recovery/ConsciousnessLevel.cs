using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Recovery;

/// <summary>Level of consciousness after sedation (AVPU-like, as recovery scores use it).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ConsciousnessLevel>))]
public enum ConsciousnessLevel
{
    /// <summary>Fully awake, or at the child's usual baseline.</summary>
    Awake,

    /// <summary>Drowsy, rouses to voice.</summary>
    RousableToVoice,

    /// <summary>Rouses only to touch or stimulation.</summary>
    RousableToTouch,

    /// <summary>Not rousable.</summary>
    Unresponsive,
}
