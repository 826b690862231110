namespace Seldinger.Planning.Ablation;

/// <summary>
/// One row of a device's zone table: a power and time (RF, microwave) or a freeze–thaw protocol (cryo), with the zone
/// the manufacturer measured for it and where that number comes from.
/// </summary>
/// <param name="Id">Unique within the device, e.g. <c>100W-10min</c> or <c>freeze10-thaw8-freeze10</c>.</param>
/// <param name="PowerWatts">Generator power (RF, microwave); null for cryo.</param>
/// <param name="DurationMinutes">Total energy-on (or freezing) time in minutes.</param>
/// <param name="FreezeThawMinutes">Cryo only: alternating freeze, thaw, freeze… minutes; empty otherwise.</param>
/// <param name="Zone">The lethal zone (RF, microwave: the chart's ablation zone; cryo: the lethal isotherm, −20 or −40 °C as the library says).</param>
/// <param name="Isotherms">Cryo only: the 0, −20 and −40 °C isotherms; empty otherwise.</param>
/// <param name="Tissue">Where the chart was measured, e.g. <c>ex-vivo bovine liver</c>.</param>
/// <param name="Source">Key into the library's source list.</param>
/// <param name="Verify">True when the number needs a clinician's or physicist's check before clinical use.</param>
public sealed record AblationSetting(
    string Id,
    double? PowerWatts,
    double DurationMinutes,
    IReadOnlyList<double> FreezeThawMinutes,
    AblationZoneShape Zone,
    IReadOnlyList<AblationIsotherm> Isotherms,
    string Tissue,
    string Source,
    bool Verify);
