namespace Seldinger.Imaging.Labels;

/// <summary>Which grid neighbours of a voxel count as adjacent.</summary>
public enum Connectivity
{
    /// <summary>Face neighbours only (6).</summary>
    Six = 6,

    /// <summary>Face and edge neighbours (18).</summary>
    Eighteen = 18,

    /// <summary>Face, edge and corner neighbours (26).</summary>
    TwentySix = 26,
}
