namespace Seldinger.Planning.Ablation;

/// <summary>An ablation probe (electrode, antenna or cryoprobe) with its zone table.</summary>
/// <param name="Id">Stable identifier, lower-case with dashes.</param>
/// <param name="Name">Product name as printed on the device.</param>
/// <param name="Manufacturer">Maker.</param>
/// <param name="Modality">RF, microwave or cryo.</param>
/// <param name="Kind">How it is built.</param>
/// <param name="Gauge">Shaft gauge.</param>
/// <param name="ShaftLengthMm">Usable shaft length (mm).</param>
/// <param name="ActiveTipLengthMm">Length of the exposed electrode, antenna radiating section or freezing segment (mm); the physics model places its source there.</param>
/// <param name="ClusterSpacingMm">Cluster electrodes: spacing between the parallel electrodes (mm); null otherwise.</param>
/// <param name="ProbeTemperatureCelsius">Cryo only: the probe surface temperature while freezing (°C); null otherwise.</param>
/// <param name="Settings">The zone table, one row per power/time or protocol.</param>
/// <param name="Source">Key into the library's source list (the product's instructions for use or chart).</param>
public sealed record AblationDevice(
    string Id,
    string Name,
    string Manufacturer,
    AblationModality Modality,
    AblationDeviceKind Kind,
    double Gauge,
    double ShaftLengthMm,
    double ActiveTipLengthMm,
    double? ClusterSpacingMm,
    double? ProbeTemperatureCelsius,
    IReadOnlyList<AblationSetting> Settings,
    string Source)
{
    /// <summary>The setting with this id.</summary>
    /// <exception cref="KeyNotFoundException">The device has no such setting; the message lists the ones it has.</exception>
    public AblationSetting Setting(string settingId) =>
        Settings.FirstOrDefault(s => s.Id == settingId)
        ?? throw new KeyNotFoundException($"Device '{Id}' has no setting '{settingId}'; it has: {string.Join(", ", Settings.Select(s => s.Id))}.");
}
