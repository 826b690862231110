using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Resampling.Internal;

/// <summary>Cubic B-spline evaluation over precomputed coefficients, mirror boundary.</summary>
internal sealed class BSplineSampler(double[] coefficients, VolumeGeometry geometry, Interpolator interpolator) : VolumeSampler(geometry, interpolator)
{
    private readonly double[] _c = coefficients;

    protected override double SampleInside(double i, double j, double k)
    {
        var g = Geometry;
        var fi = Math.Floor(i);
        var fj = Math.Floor(j);
        var fk = Math.Floor(k);
        if (fi >= 1 && fi <= g.SizeI - 3 && fj >= 1 && fj <= g.SizeJ - 3 && fk >= 1 && fk <= g.SizeK - 3)
        {
            return SampleInterior(i - fi, j - fj, k - fk, g.LinearIndex((int)fi - 1, (int)fj - 1, (int)fk - 1));
        }

        return SampleNearEdge(i, j, k);
    }

    /// <summary>All 64 taps inside the grid: no mirroring, rows of four contiguous coefficients.</summary>
    private double SampleInterior(double ti, double tj, double tk, int first)
    {
        var g = Geometry;
        var strideJ = g.SizeI;
        var strideK = g.SizeI * g.SizeJ;
        Weights(ti, out var wi0, out var wi1, out var wi2, out var wi3);
        Weights(tj, out var wj0, out var wj1, out var wj2, out var wj3);
        Weights(tk, out var wk0, out var wk1, out var wk2, out var wk3);
        var c = _c;
        double sum = 0;
        for (var m = 0; m < 4; m++)
        {
            var plane = first + (m * strideK);
            var r0 = plane;
            var r1 = plane + strideJ;
            var r2 = plane + (2 * strideJ);
            var r3 = plane + (3 * strideJ);
            var s = (wj0 * ((wi0 * c[r0]) + (wi1 * c[r0 + 1]) + (wi2 * c[r0 + 2]) + (wi3 * c[r0 + 3])))
                + (wj1 * ((wi0 * c[r1]) + (wi1 * c[r1 + 1]) + (wi2 * c[r1 + 2]) + (wi3 * c[r1 + 3])))
                + (wj2 * ((wi0 * c[r2]) + (wi1 * c[r2 + 1]) + (wi2 * c[r2 + 2]) + (wi3 * c[r2 + 3])))
                + (wj3 * ((wi0 * c[r3]) + (wi1 * c[r3 + 1]) + (wi2 * c[r3 + 2]) + (wi3 * c[r3 + 3])));
            sum += (m == 0 ? wk0 : m == 1 ? wk1 : m == 2 ? wk2 : wk3) * s;
        }

        return sum;
    }

    private static void Weights(double t, out double w0, out double w1, out double w2, out double w3)
    {
        var s = 1 - t;
        w0 = s * s * s / 6;
        w1 = (2.0 / 3) - (t * t) + (0.5 * t * t * t);
        w2 = (2.0 / 3) - (s * s) + (0.5 * s * s * s);
        w3 = t * t * t / 6;
    }

    private double SampleNearEdge(double i, double j, double k)
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
