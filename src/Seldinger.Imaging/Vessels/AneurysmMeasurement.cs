using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Size and shape of a saccular aneurysm relative to its parent artery.</summary>
/// <param name="MaximumDiameterMm">Largest distance between two voxel centres of the aneurysm, mm.</param>
/// <param name="VolumeMl">Volume of the aneurysm voxels, mL (including any parent lumen running through it).</param>
/// <param name="SacVolumeMl">Volume of the sac outside the parent artery's virtual lumen, mL.</param>
/// <param name="NeckWidthMm">Largest distance between two neck voxels (sac voxels touching the virtual parent lumen), mm.</param>
/// <param name="DomeHeightMm">Farthest reach of the sac from the parent artery's wall, perpendicular to the parent axis, mm.</param>
/// <param name="ParentDiameterMm">Parent artery diameter the virtual lumen was built with, mm.</param>
/// <param name="DomeTip">The sac voxel farthest from the parent axis, LPS mm.</param>
/// <param name="NeckVoxels">How many voxels form the neck.</param>
public sealed record AneurysmMeasurement(
    double MaximumDiameterMm,
    double VolumeMl,
    double SacVolumeMl,
    double NeckWidthMm,
    double DomeHeightMm,
    double ParentDiameterMm,
    WorldPoint DomeTip,
    int NeckVoxels)
{
    /// <summary>Dome height over neck width (aspect ratio); larger ratios favour rupture and coil packing is easier with a narrow neck.</summary>
    public double AspectRatio => NeckWidthMm > 0 ? DomeHeightMm / NeckWidthMm : double.PositiveInfinity;
}
