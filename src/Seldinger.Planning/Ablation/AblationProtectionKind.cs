using System.Text.Json.Serialization;

namespace Seldinger.Planning.Ablation;

/// <summary>What a protection flag suggests the operator consider; a flag, never a treatment decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AblationProtectionKind>))]
public enum AblationProtectionKind
{
    /// <summary>Separate the structure from the zone with injected fluid (bowel, skin, nerve near the zone).</summary>
    Hydrodissection,

    /// <summary>Active thermal protection: warm or cold saline, temperature monitoring (nerve, physis, skin).</summary>
    ThermalProtection,

    /// <summary>A different approach or device: the structure lies inside the predicted zone.</summary>
    DifferentApproach,

    /// <summary>Expect a heat-sink effect: consider more power/time, a microwave device, or vascular occlusion.</summary>
    HeatSinkCompensation,
}
