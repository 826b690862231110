using Seldinger.Imaging.Registration;

namespace Seldinger.Imaging.Tests.Registration;

public sealed class RegistrationMetricsTests
{
    [Fact]
    public void MattesMutualInformation_RandomSamples_MatchesBruteForceParzenSum()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = random.Next(1, 60);
            var bins = random.Next(8, 20);
            var f = new double[n];
            var m = new double[n];
            for (var s = 0; s < n; s++)
            {
                f[s] = (random.NextDouble() * 300) - 100;
                m[s] = (0.5 * f[s]) + (random.NextDouble() * 80);
            }

            var (fMin, fMax) = (f.Min() - 1, f.Max() + 1);
            var (mMin, mMax) = (m.Min() - 1, m.Max() + 1);
            var expected = BruteForce(f, m, bins, fMin, fMax, mMin, mMax);
            var actual = RegistrationMetrics.MattesMutualInformation(f, m, bins, fMin, fMax, mMin, mMax);
            Assert.Equal(expected, actual, 9);
        }
    }

    [Fact]
    public void MattesMutualInformation_IdenticalVersusIndependent_IsHigherWhenDependent()
    {
        var random = new Random(12);
        var f = Enumerable.Range(0, 4000).Select(_ => random.NextDouble() * 100).ToArray();
        var shuffled = f.OrderBy(_ => random.Next()).ToArray();
        var same = RegistrationMetrics.MattesMutualInformation(f, f, 32);
        var independent = RegistrationMetrics.MattesMutualInformation(f, shuffled, 32);
        Assert.True(same > 1.5, $"MI of identical samples {same}");
        Assert.True(independent < 0.2, $"MI of independent samples {independent}");
    }

    [Fact]
    public void NormalizedCrossCorrelation_RandomSamples_MatchesTwoPassFormula()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = random.Next(2, 50);
            var f = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1000).ToArray();
            var m = f.Select(v => (random.NextDouble() < 0.5 ? -1 : 1) * v + (random.NextDouble() * 300)).ToArray();
            double mf = f.Average(), mm = m.Average();
            var cov = f.Zip(m, (a, b) => (a - mf) * (b - mm)).Sum();
            var expected = cov / Math.Sqrt(f.Sum(a => (a - mf) * (a - mf)) * m.Sum(b => (b - mm) * (b - mm)));
            Assert.Equal(expected, RegistrationMetrics.NormalizedCrossCorrelation(f, m), 9);
        }

        double[] x = [1, 2, 3, 4];
        Assert.Equal(-1, RegistrationMetrics.NormalizedCrossCorrelation(x, x.Select(v => 7 - (2 * v)).ToArray()), 12);
        Assert.Equal(0, RegistrationMetrics.NormalizedCrossCorrelation(x, [5, 5, 5, 5]));
    }

    [Fact]
    public void Metrics_BadInput_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RegistrationMetrics.NormalizedCrossCorrelation([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => RegistrationMetrics.NormalizedCrossCorrelation([], []));
        Assert.Throws<ArgumentException>(() => RegistrationMetrics.MattesMutualInformation([1, 2], [1, 2], 4));
        Assert.Throws<ArgumentException>(() => RegistrationMetrics.MattesMutualInformation([3, 3], [1, 2], 16));
    }

    // Every sample against every bin with the kernel evaluated directly: the Parzen-window definition, no shortcuts.
    private static double BruteForce(double[] f, double[] m, int bins, double fMin, double fMax, double mMin, double mMax)
    {
        var p = new double[bins, bins];
        for (var s = 0; s < f.Length; s++)
        {
            var fPosition = (f[s] - fMin) / (fMax - fMin) * bins;
            var mPosition = 1 + ((m[s] - mMin) / (mMax - mMin) * (bins - 3));
            for (var a = 0; a < bins; a++)
            {
                var fWeight = fPosition >= a && fPosition < a + 1 ? 1.0 : 0.0;
                for (var b = 0; b < bins; b++)
                {
                    p[a, b] += fWeight * Spline(b - mPosition);
                }
            }
        }

        double total = 0;
        foreach (var v in p)
        {
            total += v;
        }

        var pf = new double[bins];
        var pm = new double[bins];
        for (var a = 0; a < bins; a++)
        {
            for (var b = 0; b < bins; b++)
            {
                pf[a] += p[a, b] / total;
                pm[b] += p[a, b] / total;
            }
        }

        double mi = 0;
        for (var a = 0; a < bins; a++)
        {
            for (var b = 0; b < bins; b++)
            {
                var pab = p[a, b] / total;
                if (pab > 0)
                {
                    mi += pab * Math.Log(pab / (pf[a] * pm[b]));
                }
            }
        }

        return mi;
    }

    private static double Spline(double x)
    {
        x = Math.Abs(x);
        return x < 1 ? (2.0 / 3) - (x * x) + (x * x * x / 2) : x < 2 ? Math.Pow(2 - x, 3) / 6 : 0;
    }
}
