using Seldinger.Imaging;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>Settings of <see cref="AblationZoneSegmentation"/> (image-processing settings, not clinical thresholds).</summary>
public sealed record AblationZoneSegmentationOptions
{
    /// <summary>The organ whose enhancing parenchyma surrounds the zone.</summary>
    public TissueLabel Organ { get; init; } = TissueLabel.Liver;

    /// <summary>The zone is looked for within this distance (mm) of the seeds; it bounds the work and the largest zone.</summary>
    public double SearchRadiusMm { get; init; } = 50;

    /// <summary>Radius (mm) of the sphere around the seeds whose median is the zone's attenuation.</summary>
    public double SeedRadiusMm { get; init; } = 4;

    /// <summary>The parenchyma is measured in a shell this far (mm) outside the grown zone: inner radius.</summary>
    public double ShellInnerMm { get; init; } = 3;

    /// <summary>Outer radius (mm) of the parenchyma shell.</summary>
    public double ShellOuterMm { get; init; } = 10;

    /// <summary>Radius (mm) of the morphological closing that bridges noise and small vessels.</summary>
    public double ClosingRadiusMm { get; init; } = 4;

    /// <summary>Below this difference (HU) between parenchyma and seed there is no visible zone to segment.</summary>
    public double MinimumContrastHu { get; init; } = 20;

    /// <summary>Rounds of measuring parenchyma and zone and re-growing.</summary>
    public int Refinements { get; init; } = 2;
}
