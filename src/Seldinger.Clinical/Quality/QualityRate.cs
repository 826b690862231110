namespace Seldinger.Clinical.Quality;

/// <summary>A proportion: how many of how many.</summary>
/// <param name="Count">Episodes that meet the definition (the numerator).</param>
/// <param name="Total">Episodes it is counted among (the denominator).</param>
public sealed record QualityRate(int Count, int Total)
{
    /// <summary><see cref="Count"/> / <see cref="Total"/>, or null when there is nothing to count among.</summary>
    public double? Rate => Total > 0 ? (double)Count / Total : null;
}
