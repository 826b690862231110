using System.Numerics;

namespace Seldinger.Imaging.Resampling.Internal;

/// <summary>
/// Cubic B-spline coefficients by Unser's recursive prefilter (one causal and one anti-causal pass of the pole
/// z = √3 − 2 per line), mirror (whole-sample symmetric) boundary with the exact initial values of
/// P. Thévenaz, T. Blu and M. Unser, "Interpolation revisited", IEEE TMI 19(7):739–758, 2000.
/// </summary>
internal static class BSplineCoefficients
{
    private static readonly double Pole = Math.Sqrt(3) - 2;

    public static double[] Compute<T>(Volume<T> volume)
        where T : unmanaged, INumberBase<T>
    {
        var g = volume.Geometry;
        var source = volume.Voxels;
        var c = GC.AllocateUninitializedArray<double>(source.Length);
        int sizeI = g.SizeI, sizeJ = g.SizeJ, sizeK = g.SizeK;
        var plane = sizeI * sizeJ;

        Parallel.For(0, sizeK, k =>
        {
            var line = new double[Math.Max(sizeI, sizeJ)];
            for (var j = 0; j < sizeJ; j++)
            {
                var start = (k * plane) + (j * sizeI);
                for (var i = 0; i < sizeI; i++)
                {
                    line[i] = double.CreateTruncating(source[start + i]);
                }

                Filter(line.AsSpan(0, sizeI));
                line.AsSpan(0, sizeI).CopyTo(c.AsSpan(start, sizeI));
            }

            for (var i = 0; i < sizeI; i++)
            {
                FilterStrided(c, (k * plane) + i, sizeI, sizeJ, line);
            }
        });

        if (sizeK > 1)
        {
            Parallel.For(0, sizeJ, j =>
            {
                var line = new double[sizeK];
                for (var i = 0; i < sizeI; i++)
                {
                    FilterStrided(c, (j * sizeI) + i, plane, sizeK, line);
                }
            });
        }

        return c;
    }

    private static void FilterStrided(double[] data, int start, int stride, int count, double[] line)
    {
        if (count < 2)
        {
            return;
        }

        for (var n = 0; n < count; n++)
        {
            line[n] = data[start + (n * stride)];
        }

        Filter(line.AsSpan(0, count));
        for (var n = 0; n < count; n++)
        {
            data[start + (n * stride)] = line[n];
        }
    }

    /// <summary>Turns the samples of one line into coefficients, in place.</summary>
    public static void Filter(Span<double> c)
    {
        var n = c.Length;
        if (n < 2)
        {
            return;
        }

        var z = Pole;
        const double Gain = 6; // (1 − z)(1 − 1/z)
        for (var m = 0; m < n; m++)
        {
            c[m] *= Gain;
        }

        c[0] = InitialCausal(c, z);
        for (var m = 1; m < n; m++)
        {
            c[m] += z * c[m - 1];
        }

        c[n - 1] = z / ((z * z) - 1) * ((z * c[n - 2]) + c[n - 1]);
        for (var m = n - 2; m >= 0; m--)
        {
            c[m] = z * (c[m + 1] - c[m]);
        }
    }

    private static double InitialCausal(Span<double> c, double z)
    {
        // Exact sum over the mirrored, periodic (2n − 2) extension.
        var n = c.Length;
        var zn = z;
        var iz = 1 / z;
        var z2n = Math.Pow(z, n - 1);
        var sum = c[0] + (z2n * c[n - 1]);
        z2n *= z2n * iz;
        for (var m = 1; m <= n - 2; m++)
        {
            sum += (zn + z2n) * c[m];
            zn *= z;
            z2n *= iz;
        }

        return sum / (1 - (zn * zn));
    }
}
