namespace Seldinger.Server.Services;

/// <summary>An ablation overlay: the PNG and its legend.</summary>
/// <param name="Png">RGBA PNG on the plane's pixel grid.</param>
/// <param name="Legend">What each colour means, layer by layer.</param>
public sealed record AblationOverlayImage(byte[] Png, IReadOnlyList<AblationLegendEntry> Legend);
