using Seldinger.Imaging;
using Seldinger.Imaging.Registration;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>Settings of <see cref="AblationConfirmation.Confirm"/>.</summary>
public sealed record AblationConfirmationOptions
{
    /// <summary>The tumor's label on the planning label map.</summary>
    public TissueLabel Target { get; init; } = TissueLabel.Lesion;

    /// <summary>The organ the registration aligns (its bounding box grown by <see cref="RegionMarginMm"/> is the region of interest).</summary>
    public TissueLabel Organ { get; init; } = TissueLabel.Liver;

    /// <summary>Growth (mm) of the organ's bounding box that makes the registration's region of interest.</summary>
    public double RegionMarginMm { get; init; } = 30;

    /// <summary>Registration settings; its mask is replaced by the organ's region of interest.</summary>
    public RigidRegistrationOptions Registration { get; init; } = new();

    /// <summary>Segmentation settings; its organ is replaced by <see cref="Organ"/>.</summary>
    public AblationZoneSegmentationOptions Segmentation { get; init; } = new();
}
