namespace Seldinger.Server.Contracts;

/// <summary>An operator's probe in a request: device, setting, skin entry and tip (LPS mm).</summary>
/// <param name="DeviceId">Device id of the ablation device library.</param>
/// <param name="SettingId">Setting id of that device.</param>
/// <param name="Entry">Skin entry point.</param>
/// <param name="Tip">Probe tip.</param>
public sealed record AblationProbeInput(string? DeviceId, string? SettingId, PointInput? Entry, PointInput? Tip);
