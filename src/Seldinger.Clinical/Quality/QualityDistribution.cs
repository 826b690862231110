namespace Seldinger.Clinical.Quality;

/// <summary>
/// Median and quartiles of a set of values. Quantiles interpolate linearly between order statistics
/// (Hyndman and Fan 1996, definition 7: the default of R and of spreadsheet PERCENTILE.INC).
/// </summary>
/// <param name="N">How many values.</param>
/// <param name="Median">The median, or null when <paramref name="N"/> is 0.</param>
/// <param name="Q1">The 25th percentile, or null.</param>
/// <param name="Q3">The 75th percentile (P75), or null.</param>
public sealed record QualityDistribution(int N, double? Median, double? Q1, double? Q3)
{
    /// <summary>The distribution of <paramref name="values"/> (non-finite values are ignored).</summary>
    public static QualityDistribution Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0
            ? new QualityDistribution(0, null, null, null)
            : new QualityDistribution(sorted.Length, Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75));
    }

    /// <summary>The <paramref name="p"/>-quantile (0–1) of ascending <paramref name="sorted"/> values, by linear interpolation.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The interquartile range Q3 − Q1, or null.</summary>
    public double? InterquartileRange => Q3 - Q1;
}
