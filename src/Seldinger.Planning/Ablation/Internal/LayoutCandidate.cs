using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>One probe placement of the search with what its zone covers in the crop.</summary>
internal sealed class LayoutCandidate
{
    public required AblationProbe Probe { get; init; }

    /// <summary>Which approach and mode (parallel or convergent) it belongs to; layouts take all probes from one group.</summary>
    public required int Group { get; init; }

    /// <summary>Bit set over the tumor + margin numbering: the voxels its zone covers.</summary>
    public required ulong[] Covered { get; init; }

    /// <summary>Zone voxels outside tumor + margin.</summary>
    public required long Healthy { get; init; }

    /// <summary>Zone voxels of a protected structure.</summary>
    public required long Inside { get; init; }

    /// <summary>Largest clearance deficit inside the zone (mm); ≤ 0 when the zone keeps every clearance.</summary>
    public required double Deficit { get; init; }

    public WorldPoint Tip => Probe.Tip;
}
