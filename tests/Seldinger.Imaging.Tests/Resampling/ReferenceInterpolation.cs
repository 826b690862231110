using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Resampling;

namespace Seldinger.Imaging.Tests.Resampling;

/// <summary>Slow, literal interpolation from the definitions: the oracle for the samplers.</summary>
internal static class ReferenceInterpolation
{
    public static Func<WorldPoint, double> Create(Volume<float> volume, Interpolator interpolator)
    {
        var g = volume.Geometry;
        var values = interpolator.Kind == InterpolationKind.CubicBSpline ? Coefficients(volume) : volume.Voxels.Select(v => (double)v).ToArray();
        return p =>
        {
            var x = g.WorldToIndex(p);
            if (x.I < -0.5 || x.I >= g.SizeI - 0.5 || x.J < -0.5 || x.J >= g.SizeJ - 0.5 || x.K < -0.5 || x.K >= g.SizeK - 0.5)
            {
                return interpolator.OutsideValue;
            }

            return interpolator.Kind switch
            {
                InterpolationKind.Nearest => values[g.LinearIndex((int)Math.Floor(x.I + 0.5), (int)Math.Floor(x.J + 0.5), (int)Math.Floor(x.K + 0.5))],
                InterpolationKind.Linear => Linear(values, g, x),
                _ => Spline(values, g, x),
            };
        };
    }

    private static double Linear(double[] v, VolumeGeometry g, ContinuousIndex x)
    {
        double sum = 0;
        for (var dk = 0; dk <= 1; dk++)
        {
            for (var dj = 0; dj <= 1; dj++)
            {
                for (var di = 0; di <= 1; di++)
                {
                    var i = (int)Math.Floor(x.I) + di;
                    var j = (int)Math.Floor(x.J) + dj;
                    var k = (int)Math.Floor(x.K) + dk;
                    var w = (1 - Math.Abs(x.I - i)) * (1 - Math.Abs(x.J - j)) * (1 - Math.Abs(x.K - k));
                    sum += w * v[g.LinearIndex(Math.Clamp(i, 0, g.SizeI - 1), Math.Clamp(j, 0, g.SizeJ - 1), Math.Clamp(k, 0, g.SizeK - 1))];
                }
            }
        }

        return sum;
    }

    private static double Spline(double[] c, VolumeGeometry g, ContinuousIndex x)
    {
        double sum = 0;
        for (var k = (int)Math.Floor(x.K) - 2; k <= (int)Math.Floor(x.K) + 3; k++)
        {
            for (var j = (int)Math.Floor(x.J) - 2; j <= (int)Math.Floor(x.J) + 3; j++)
            {
                for (var i = (int)Math.Floor(x.I) - 2; i <= (int)Math.Floor(x.I) + 3; i++)
                {
                    var w = Beta3(x.I - i) * Beta3(x.J - j) * Beta3(x.K - k);
                    sum += w * c[g.LinearIndex(Mirror(i, g.SizeI), Mirror(j, g.SizeJ), Mirror(k, g.SizeK))];
                }
            }
        }

        return sum;
    }

    public static double Beta3(double x)
    {
        x = Math.Abs(x);
        return x < 1 ? (2.0 / 3) - (x * x) + (x * x * x / 2) : x < 2 ? (2 - x) * (2 - x) * (2 - x) / 6 : 0;
    }

    private static int Mirror(int n, int size)
    {
        // Reflect about the first and last sample until inside: whole-sample symmetric extension.
        if (size == 1)
        {
            return 0;
        }

        while (n < 0 || n >= size)
        {
            n = n < 0 ? -n : (2 * (size - 1)) - n;
        }

        return n;
    }

    /// <summary>Solves the interpolation condition Σ c[m] β3(n − m) = s[n] on the mirrored grid, one axis at a time, by dense elimination.</summary>
    private static double[] Coefficients(Volume<float> volume)
    {
        var g = volume.Geometry;
        var c = volume.Voxels.Select(v => (double)v).ToArray();
        int[] sizes = [g.SizeI, g.SizeJ, g.SizeK];
        for (var axis = 0; axis < 3; axis++)
        {
            var n = sizes[axis];
            var a = new double[n, n];
            for (var row = 0; row < n; row++)
            {
                for (var m = row - 2; m <= row + 2; m++)
                {
                    a[row, Mirror(m, n)] += Beta3(row - m);
                }
            }

            for (var k = 0; k < g.SizeK; k++)
            {
                for (var j = 0; j < g.SizeJ; j++)
                {
                    for (var i = 0; i < g.SizeI; i++)
                    {
                        int[] at = [i, j, k];
                        if (at[axis] != 0)
                        {
                            continue;
                        }

                        var line = new double[n];
                        var index = new int[n];
                        for (var m = 0; m < n; m++)
                        {
                            at[axis] = m;
                            index[m] = g.LinearIndex(at[0], at[1], at[2]);
                            line[m] = c[index[m]];
                        }

                        var solved = Solve(a, line);
                        for (var m = 0; m < n; m++)
                        {
                            c[index[m]] = solved[m];
                        }
                    }
                }
            }
        }

        return c;
    }

    private static double[] Solve(double[,] matrix, double[] rhs)
    {
        var n = rhs.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var m = 0; m < n; m++)
            {
                (a[col, m], a[pivot, m]) = (a[pivot, m], a[col, m]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var f = a[r, col] / a[col, col];
                for (var m = 0; m < n; m++)
                {
                    a[r, m] -= f * a[col, m];
                }

                b[r] -= f * b[col];
            }
        }

        for (var r = 0; r < n; r++)
        {
            b[r] /= a[r, r];
        }

        return b;
    }

    public static Volume<float> RandomVolume(Random random, VolumeGeometry g)
    {
        var volume = new Volume<float>(g);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (float)((random.NextDouble() * 2000) - 1000);
        }

        return volume;
    }

    /// <summary>A random oblique, anisotropic grid whose centre lies near <paramref name="near"/>.</summary>
    public static VolumeGeometry RandomGridNear(Random random, WorldPoint near, double spread, int maxSize)
    {
        var g = TestRandom.RandomGeometry(random, maxSize);
        var centre = g.IndexToWorld(new ContinuousIndex((g.SizeI - 1) / 2.0, (g.SizeJ - 1) / 2.0, (g.SizeK - 1) / 2.0));
        var shift = new Vector3D((random.NextDouble() - 0.5) * spread, (random.NextDouble() - 0.5) * spread, (random.NextDouble() - 0.5) * spread);
        var origin = g.Origin + (near - centre) + shift;
        return new VolumeGeometry(g.SizeI, g.SizeJ, g.SizeK, origin, g.SpacingI, g.SpacingJ, g.SpacingK, g.Direction);
    }

    public static WorldPoint Centre(VolumeGeometry g) =>
        g.IndexToWorld(new ContinuousIndex((g.SizeI - 1) / 2.0, (g.SizeJ - 1) / 2.0, (g.SizeK - 1) / 2.0));
}
