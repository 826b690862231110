using System.Text.Json.Serialization;

namespace Seldinger.Planning.Ablation;

/// <summary>How an ablation device is built; decides how its zone table and its physics source are read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AblationDeviceKind>))]
public enum AblationDeviceKind
{
    /// <summary>One internally cooled RF electrode with an exposed active tip.</summary>
    RadiofrequencyMonopolar,

    /// <summary>Three parallel cooled RF electrodes fired together (one probe position).</summary>
    RadiofrequencyCluster,

    /// <summary>Bipolar RF: both poles on one shaft, no grounding pads.</summary>
    RadiofrequencyBipolar,

    /// <summary>Microwave antenna.</summary>
    Microwave,

    /// <summary>Cryoprobe.</summary>
    Cryoprobe,
}
