using Seldinger.Imaging.Registration.Internal;

namespace Seldinger.Imaging.Registration;

/// <summary>
/// The similarity measures of <see cref="RigidRegistration"/> on paired samples, exposed so a caller (or a test) can
/// score an alignment directly.
/// </summary>
public static class RegistrationMetrics
{
    /// <summary>
    /// Mattes mutual information (nats) of paired samples: a joint histogram of <paramref name="bins"/>² bins, the fixed
    /// values binned by a box window and the moving values by a cubic B-spline Parzen window (Mattes et al., IEEE TMI
    /// 2003), each over its own value range [min, max] (values outside are clamped).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty, fewer than 8 bins, or a range that is empty or not finite.</exception>
    public static double MattesMutualInformation(
        ReadOnlySpan<double> fixedValues, ReadOnlySpan<double> movingValues, int bins, double fixedMin, double fixedMax, double movingMin, double movingMax)
    {
        CheckPairs(fixedValues, movingValues);
        var histogram = new JointHistogram(bins, fixedMin, fixedMax, movingMin, movingMax);
        var counts = new double[bins * bins];
        for (var n = 0; n < fixedValues.Length; n++)
        {
            histogram.Add(counts, fixedValues[n], movingValues[n]);
        }

        return JointHistogram.MutualInformation(counts, bins);
    }

    /// <summary>Mattes mutual information with each range taken as the samples' own minimum and maximum.</summary>
    /// <inheritdoc cref="MattesMutualInformation(ReadOnlySpan{double}, ReadOnlySpan{double}, int, double, double, double, double)"/>
    public static double MattesMutualInformation(ReadOnlySpan<double> fixedValues, ReadOnlySpan<double> movingValues, int bins)
    {
        CheckPairs(fixedValues, movingValues);
        var (fixedMin, fixedMax) = Range(fixedValues);
        var (movingMin, movingMax) = Range(movingValues);
        return MattesMutualInformation(fixedValues, movingValues, bins, fixedMin, fixedMax, movingMin, movingMax);
    }

    /// <summary>Normalised cross-correlation (−1 to 1) of paired samples; 0 when either has no variance.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static double NormalizedCrossCorrelation(ReadOnlySpan<double> fixedValues, ReadOnlySpan<double> movingValues)
    {
        CheckPairs(fixedValues, movingValues);
        var sums = default(CorrelationSums);
        for (var n = 0; n < fixedValues.Length; n++)
        {
            sums.Add(fixedValues[n], movingValues[n]);
        }

        return sums.Correlation;
    }

    private static void CheckPairs(ReadOnlySpan<double> fixedValues, ReadOnlySpan<double> movingValues)
    {
        if (fixedValues.Length != movingValues.Length)
        {
            throw new ArgumentException($"The fixed and moving samples must pair up: {fixedValues.Length} fixed against {movingValues.Length} moving values.", nameof(movingValues));
        }

        if (fixedValues.IsEmpty)
        {
            throw new ArgumentException("A similarity needs at least one pair of samples.", nameof(fixedValues));
        }
    }

    private static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }
}
