namespace Seldinger.Imaging.Vessels;

/// <summary>Settings of <see cref="CentrelineExtraction.Extract"/>.</summary>
public sealed record CentrelineOptions
{
    /// <summary>Centring weight of the minimal paths (see <see cref="CentredPathTree"/>), mm².</summary>
    public double CentringMm2 { get; init; } = 4;

    /// <summary>A traced path covers the lumen within <c>CoverScale · radius + CoverMarginMm</c> of each of its voxels.</summary>
    public double CoverScale { get; init; } = 2.0;

    /// <summary>Added to the covered radius, mm.</summary>
    public double CoverMarginMm { get; init; } = 1.0;

    /// <summary>
    /// A branch shorter than <c>CoverScale · (radius at its junction) + MinimumBranchLengthMm</c> is a bump of the wall,
    /// not a vessel, and is dropped.
    /// </summary>
    public double MinimumBranchLengthMm { get; init; } = 3.0;

    /// <summary>Stop after this many branches.</summary>
    public int MaximumBranches { get; init; } = 200;
}
