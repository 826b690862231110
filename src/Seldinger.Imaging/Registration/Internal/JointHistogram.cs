namespace Seldinger.Imaging.Registration.Internal;

/// <summary>
/// Binning of a Mattes joint histogram: fixed values to one bin (box window), moving values spread over four bins by
/// the cubic B-spline, whose weights sum to one so the histogram's total is the sample count.
/// </summary>
internal sealed class JointHistogram
{
    private readonly double _fixedMin;
    private readonly double _fixedScale;
    private readonly double _movingMin;
    private readonly double _movingScale;

    public JointHistogram(int bins, double fixedMin, double fixedMax, double movingMin, double movingMax)
    {
        if (bins < 8)
        {
            throw new ArgumentException($"Mutual information needs at least 8 histogram bins, not {bins}.", nameof(bins));
        }

        CheckRange(fixedMin, fixedMax, "fixed");
        CheckRange(movingMin, movingMax, "moving");
        Bins = bins;
        _fixedMin = fixedMin;
        _fixedScale = bins / (fixedMax - fixedMin);
        _movingMin = movingMin;

        // The moving range maps onto [1, bins − 2] so the kernel's support (±2 bins) stays inside the histogram.
        _movingScale = (bins - 3) / (movingMax - movingMin);
    }

    public int Bins { get; }

    public void Add(double[] counts, double fixedValue, double movingValue)
    {
        var f = (int)Math.Floor((fixedValue - _fixedMin) * _fixedScale);
        f = Math.Clamp(f, 0, Bins - 1);
        var m = 1 + (Math.Clamp(movingValue - _movingMin, 0, (Bins - 3) / _movingScale) * _movingScale);
        var first = (int)Math.Floor(m) - 1;
        var row = f * Bins;
        for (var b = first; b <= first + 3; b++)
        {
            if ((uint)b < (uint)Bins)
            {
                counts[row + b] += CubicBSpline(b - m);
            }
        }
    }

    public static double CubicBSpline(double x)
    {
        x = Math.Abs(x);
        if (x < 1)
        {
            return (4 - (6 * x * x) + (3 * x * x * x)) / 6;
        }

        if (x < 2)
        {
            var t = 2 - x;
            return t * t * t / 6;
        }

        return 0;
    }

    public static double MutualInformation(double[] counts, int bins)
    {
        double total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        if (total <= 0)
        {
            return 0;
        }

        var fixedMarginal = new double[bins];
        var movingMarginal = new double[bins];
        for (var f = 0; f < bins; f++)
        {
            for (var m = 0; m < bins; m++)
            {
                var c = counts[(f * bins) + m];
                fixedMarginal[f] += c;
                movingMarginal[m] += c;
            }
        }

        double mi = 0;
        for (var f = 0; f < bins; f++)
        {
            for (var m = 0; m < bins; m++)
            {
                var c = counts[(f * bins) + m];
                if (c > 0)
                {
                    mi += c * Math.Log(c * total / (fixedMarginal[f] * movingMarginal[m]));
                }
            }
        }

        return mi / total;
    }

    private static void CheckRange(double min, double max, string which)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max <= min)
        {
            throw new ArgumentException($"The {which} value range [{min}, {max}] is empty or not finite: the image has no contrast there.");
        }
    }
}
