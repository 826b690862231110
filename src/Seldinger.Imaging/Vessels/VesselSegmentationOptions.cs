using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Vessels;

/// <summary>Settings of <see cref="VesselSegmentation"/>.</summary>
/// <remarks>
/// The defaults suit an arterial-phase CT angiogram: enhanced arterial blood is about 250–450 HU, the brightest
/// soft tissues in that phase (enhancing kidney cortex, myocardium, red marrow) about 150–220 HU and cortical
/// bone over 700 HU. A lower bound of 250 HU keeps soft tissue out with a margin of several noise standard
/// deviations at pediatric doses (σ ≈ 10–20 HU); an upper bound of 700 HU keeps cortical bone and calcifications out.
/// Change them for other protocols (a venous phase needs about 120 HU).
/// </remarks>
public sealed record VesselSegmentationOptions
{
    /// <summary>Lowest CT number of contrast-filled lumen, HU.</summary>
    public short LowerHu { get; init; } = 250;

    /// <summary>Highest CT number of contrast-filled lumen, HU.</summary>
    public short UpperHu { get; init; } = 700;

    /// <summary>
    /// Neighbourhood of the growth. 26 keeps a tight stenosis or a thin oblique artery connected when it is only one or
    /// two voxels wide; the CT-number window, not the neighbourhood, is what keeps other tissue out.
    /// </summary>
    public Connectivity Connectivity { get; init; } = Connectivity.TwentySix;

    /// <summary>How far from the given seed point an in-range voxel is looked for, mm.</summary>
    public double SeedSearchRadiusMm { get; init; } = 3;

    /// <summary>Largest region, voxels (a leak into the whole body stops here).</summary>
    public long MaximumVoxels { get; init; } = 50_000_000;
}
