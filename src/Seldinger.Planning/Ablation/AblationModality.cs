using System.Text.Json.Serialization;

namespace Seldinger.Planning.Ablation;

/// <summary>The energy an ablation device uses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AblationModality>))]
public enum AblationModality
{
    /// <summary>Radiofrequency: alternating current heats tissue around the electrode (monopolar, cluster or bipolar).</summary>
    Radiofrequency,

    /// <summary>Microwave: an antenna heats tissue by dielectric hysteresis, less limited by charring and heat sink.</summary>
    Microwave,

    /// <summary>Cryoablation: argon (Joule–Thomson) freezes tissue around the probe; cells die below the lethal isotherm.</summary>
    Cryo,
}
