using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Resampling.Internal;

/// <summary>Cubic B-spline evaluation over precomputed coefficients, mirror boundary.</summary>
internal sealed class BSplineSampler(double[] coefficients, VolumeGeometry geometry, Interpolator interpolator) : VolumeSampler(geometry, interpolator)
{
    private readonly double[] _c = coefficients;

    protected override double SampleInside(double i, double j, double k)
    {
        var g = Geometry;
        Span<double> wi = stackalloc double[4];
        Span<double> wj = stackalloc double[4];
        Span<double> wk = stackalloc double[4];
        Span<int> ni = stackalloc int[4];
        Span<int> nj = stackalloc int[4];
        Span<int> nk = stackalloc int[4];
        Taps(i, g.SizeI, wi, ni, 1);
        Taps(j, g.SizeJ, wj, nj, g.SizeI);
        Taps(k, g.SizeK, wk, nk, g.SizeI * g.SizeJ);
        var c = _c;
        double sum = 0;
        for (var c2 = 0; c2 < 4; c2++)
        {
            double sumJ = 0;
            for (var c1 = 0; c1 < 4; c1++)
            {
                var row = nk[c2] + nj[c1];
                var sumI = (wi[0] * c[row + ni[0]]) + (wi[1] * c[row + ni[1]]) + (wi[2] * c[row + ni[2]]) + (wi[3] * c[row + ni[3]]);
                sumJ += wj[c1] * sumI;
            }

            sum += wk[c2] * sumJ;
        }

        return sum;
    }

    private static void Taps(double x, int size, Span<double> weights, Span<int> offsets, int stride)
    {
        var f = Math.Floor(x);
        var t = x - f;
        var s = 1 - t;
        weights[0] = s * s * s / 6;
        weights[1] = (2.0 / 3) - (t * t) + (0.5 * t * t * t);
        weights[2] = (2.0 / 3) - (s * s) + (0.5 * s * s * s);
        weights[3] = t * t * t / 6;
        var first = (int)f - 1;
        for (var m = 0; m < 4; m++)
        {
            offsets[m] = Mirror(first + m, size) * stride;
        }
    }

    private static int Mirror(int n, int size)
    {
        if (size == 1)
        {
            return 0;
        }

        var period = (2 * size) - 2;
        n = Math.Abs(n) % period;
        return n < size ? n : period - n;
    }
}
