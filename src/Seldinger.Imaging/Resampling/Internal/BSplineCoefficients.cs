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
            for (var j = 0; j < sizeJ; j++)
            {
                var start = (k * plane) + (j * sizeI);
                for (var i = 0; i < sizeI; i++)
                {
                    c[start + i] = double.CreateTruncating(source[start + i]);
                }

                Filter(c.AsSpan(start, sizeI));
            }

            // Along j and k, whole i-lines are filtered together: contiguous memory instead of one strided gather per line.
            FilterRows(c, k * plane, sizeI, sizeI, sizeJ);
        });

        if (sizeK > 1)
        {
            Parallel.For(0, sizeJ, j => FilterRows(c, j * sizeI, sizeI, plane, sizeK));
        }

        return c;
    }

    /// <summary>
    /// Filters <paramref name="count"/> rows of <paramref name="rowLength"/> values, <paramref name="rowStride"/> apart,
    /// as <paramref name="rowLength"/> independent lines across the rows; the same recursion as <see cref="Filter"/>.
    /// </summary>
    private static void FilterRows(double[] data, int start, int rowLength, int rowStride, int count)
    {
        if (count < 2)
        {
            return;
        }

        var z = Pole;
        const double Gain = 6;
        Span<double> Row(int m) => data.AsSpan(start + (m * rowStride), rowLength);

        for (var m = 0; m < count; m++)
        {
            Scale(Row(m), Gain);
        }

        // Initial causal coefficient, exact over the mirrored extension (as in InitialCausal).
        var sum = new double[rowLength];
        var zn = z;
        var iz = 1 / z;
        var z2n = Math.Pow(z, count - 1);
        var first = Row(0);
        var last = Row(count - 1);
        for (var i = 0; i < rowLength; i++)
        {
            sum[i] = first[i] + (z2n * last[i]);
        }

        z2n *= z2n * iz;
        for (var m = 1; m <= count - 2; m++)
        {
            AddScaled(sum, Row(m), zn + z2n);
            zn *= z;
            z2n *= iz;
        }

        var norm = 1 / (1 - (zn * zn));
        for (var i = 0; i < rowLength; i++)
        {
            first[i] = sum[i] * norm;
        }

        for (var m = 1; m < count; m++)
        {
            AddScaled(Row(m), Row(m - 1), z);
        }

        var before = Row(count - 2);
        var anti = z / ((z * z) - 1);
        for (var i = 0; i < rowLength; i++)
        {
            last[i] = anti * ((z * before[i]) + last[i]);
        }

        for (var m = count - 2; m >= 0; m--)
        {
            var row = Row(m);
            var next = Row(m + 1);
            for (var i = 0; i < rowLength; i++)
            {
                row[i] = z * (next[i] - row[i]);
            }
        }
    }

    private static void Scale(Span<double> row, double factor)
    {
        for (var i = 0; i < row.Length; i++)
        {
            row[i] *= factor;
        }
    }

    private static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += factor * source[i];
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
