using System.Text.Json.Serialization;

namespace Seldinger.Planning.Needles;

/// <summary>How the patient lies so that a needle entry faces up (reachable on the CT table).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatientPosition>))]
public enum PatientPosition
{
    /// <summary>On the back: anterior entries.</summary>
    Supine,

    /// <summary>On the front: posterior entries.</summary>
    Prone,

    /// <summary>On the left side, right side up: entries on the patient's right flank.</summary>
    LeftLateralDecubitus,

    /// <summary>On the right side, left side up: entries on the patient's left flank.</summary>
    RightLateralDecubitus,
}
