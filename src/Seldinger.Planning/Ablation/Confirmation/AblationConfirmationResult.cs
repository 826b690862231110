using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Registration;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>What the post-ablation CT shows: the achieved zone and its margin around the tumor.</summary>
/// <param name="Registration">The planning → post-ablation CT registration, with its metric and residuals.</param>
/// <param name="RegisteredPostCt">The post-ablation CT resampled onto the planning grid.</param>
/// <param name="Segmentation">The segmented zone (on the planning grid) and the attenuations that defined it.</param>
/// <param name="Margins">The margin of the segmented zone around the planning tumor.</param>
public sealed record AblationConfirmationResult(
    RigidRegistrationResult Registration,
    Volume<short> RegisteredPostCt,
    AblationZoneSegmentationResult Segmentation,
    AblationMarginResult Margins)
{
    /// <summary>The segmented zone.</summary>
    public AblationZone Zone => Segmentation.Zone;

    /// <summary>The achieved minimal ablative margin (mm); negative when tumor lies outside the zone.</summary>
    public double MinimalMarginMm => Margins.MinimalMarginMm;

    /// <summary>Where the minimal margin is (tumor voxel centre, LPS mm, planning space).</summary>
    public WorldPoint MinimalMarginAt => Margins.MinimalMarginAt;

    /// <summary>Fraction of the tumor inside the zone.</summary>
    public double TargetCoveredFraction => Margins.TargetCoveredFraction;

    /// <summary>Volume of the segmented zone (mL).</summary>
    public double ZoneVolumeMl => Zone.LethalVolumeMl;
}
