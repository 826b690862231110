using System.Text.Json.Serialization;

namespace Seldinger.Planning.Ablation;

/// <summary>Which zone model evaluates the chosen layout.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AblationZoneModelKind>))]
public enum AblationZoneModelKind
{
    /// <summary>The device chart's ellipsoid at each tip (fast; what the layout search always uses).</summary>
    Table,

    /// <summary>The Pennes bioheat simulation on the patient's label map (heat sinks, tissue properties).</summary>
    Bioheat,
}
