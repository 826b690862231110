namespace Seldinger.Server.Contracts;

/// <summary>Answer of <c>GET /api/ablation/devices</c>: the device library in use.</summary>
/// <param name="Version">Version of the device data file.</param>
/// <param name="Devices">Every device with its zone table.</param>
/// <param name="Sources">Source key → full citation.</param>
/// <param name="Defaults">Ablation procedure id → the device planned with when none is asked.</param>
public sealed record AblationDevicesDto(
    int Version,
    IReadOnlyList<Planning.Ablation.AblationDevice> Devices,
    IReadOnlyDictionary<string, string> Sources,
    IReadOnlyDictionary<string, string> Defaults);
