using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Registration.Internal;

/// <summary>A volume as floats, for the registration's pyramid and interpolation.</summary>
internal sealed class FloatImage
{
    public FloatImage(VolumeGeometry geometry, float[] values)
    {
        Geometry = geometry;
        Values = values;
        WorldToIndex = geometry.IndexToWorldMatrix.Inverse();
    }

    public VolumeGeometry Geometry { get; }

    public float[] Values { get; }

    public Matrix3 WorldToIndex { get; }

    public static FloatImage From(Volume<short> volume)
    {
        var values = new float[volume.Voxels.Length];
        for (var n = 0; n < values.Length; n++)
        {
            values[n] = volume.Voxels[n];
        }

        return new FloatImage(volume.Geometry, values);
    }

    public static FloatImage From(Volume<byte> volume)
    {
        var values = new float[volume.Voxels.Length];
        for (var n = 0; n < values.Length; n++)
        {
            values[n] = volume.Voxels[n] != 0 ? 1 : 0;
        }

        return new FloatImage(volume.Geometry, values);
    }

    /// <summary>Block averages to about <paramref name="spacingMm"/> (never finer than the image itself).</summary>
    public FloatImage Downsample(double spacingMm)
    {
        var g = Geometry;
        int fi = Factor(spacingMm, g.SpacingI, g.SizeI), fj = Factor(spacingMm, g.SpacingJ, g.SizeJ), fk = Factor(spacingMm, g.SpacingK, g.SizeK);
        if (fi == 1 && fj == 1 && fk == 1)
        {
            return this;
        }

        int ni = g.SizeI / fi, nj = g.SizeJ / fj, nk = g.SizeK / fk;
        var origin = g.IndexToWorld(new ContinuousIndex((fi - 1) / 2.0, (fj - 1) / 2.0, (fk - 1) / 2.0));
        var geometry = new VolumeGeometry(ni, nj, nk, origin, g.SpacingI * fi, g.SpacingJ * fj, g.SpacingK * fk, g.Direction);
        var values = new float[geometry.VoxelCount];
        var source = Values;
        var norm = 1f / (fi * fj * fk);
        Parallel.For(0, nk, k =>
        {
            for (var j = 0; j < nj; j++)
            {
                for (var i = 0; i < ni; i++)
                {
                    double sum = 0;
                    for (var dk = 0; dk < fk; dk++)
                    {
                        for (var dj = 0; dj < fj; dj++)
                        {
                            var row = g.LinearIndex(i * fi, (j * fj) + dj, (k * fk) + dk);
                            for (var di = 0; di < fi; di++)
                            {
                                sum += source[row + di];
                            }
                        }
                    }

                    values[geometry.LinearIndex(i, j, k)] = (float)(sum * norm);
                }
            }
        });
        return new FloatImage(geometry, values);
    }

    /// <summary>Trilinear value at a continuous index; false outside the span of voxel centres.</summary>
    public bool TrySample(double ci, double cj, double ck, out double value)
    {
        var g = Geometry;
        if (!Axis(ci, g.SizeI, out var i0, out var fi) || !Axis(cj, g.SizeJ, out var j0, out var fj) || !Axis(ck, g.SizeK, out var k0, out var fk))
        {
            value = 0;
            return false;
        }

        int si = g.SizeI > 1 ? 1 : 0, sj = g.SizeJ > 1 ? g.SizeI : 0, sk = g.SizeK > 1 ? g.SizeI * g.SizeJ : 0;
        var n = g.LinearIndex(i0, j0, k0);
        var v = Values;
        double c00 = v[n] + (fi * (v[n + si] - v[n]));
        double c10 = v[n + sj] + (fi * (v[n + sj + si] - v[n + sj]));
        double c01 = v[n + sk] + (fi * (v[n + sk + si] - v[n + sk]));
        double c11 = v[n + sk + sj] + (fi * (v[n + sk + sj + si] - v[n + sk + sj]));
        double c0 = c00 + (fj * (c10 - c00)), c1 = c01 + (fj * (c11 - c01));
        value = c0 + (fk * (c1 - c0));
        return true;
    }

    private static bool Axis(double c, int size, out int lower, out double fraction)
    {
        // Tolerate a hair beyond the first and last centre so samples exactly on the grid's edge count.
        const double Slack = 1e-6;
        if (!(c >= -Slack && c <= size - 1 + Slack))
        {
            lower = 0;
            fraction = 0;
            return false;
        }

        if (size == 1)
        {
            lower = 0;
            fraction = 0;
            return true;
        }

        lower = Math.Clamp((int)Math.Floor(c), 0, size - 2);
        fraction = Math.Clamp(c - lower, 0, 1);
        return true;
    }

    private static int Factor(double spacingMm, double spacing, int size) =>
        Math.Clamp((int)Math.Round(spacingMm / spacing), 1, Math.Max(1, size / 2));
}
