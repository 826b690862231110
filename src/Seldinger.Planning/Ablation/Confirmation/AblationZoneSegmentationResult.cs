namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>A segmented post-ablation zone with the attenuations its threshold came from.</summary>
/// <param name="Zone">The zone (model name <c>segmented</c>, no probes) on the registered CT's grid.</param>
/// <param name="ZoneHu">Median attenuation of the zone (HU, after a 3×3×3 mean).</param>
/// <param name="ParenchymaHu">Median attenuation of the enhancing parenchyma in the shell around the zone (HU).</param>
/// <param name="ThresholdHu">The upper bound of the grown window: halfway between zone and parenchyma (HU).</param>
public sealed record AblationZoneSegmentationResult(AblationZone Zone, double ZoneHu, double ParenchymaHu, double ThresholdHu);
