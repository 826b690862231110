using System.Numerics;

namespace Seldinger.Imaging.Resampling.Internal;

/// <summary>Trilinear sampling; neighbours beyond the last voxel centre are clamped to the edge.</summary>
internal sealed class LinearSampler<T>(Volume<T> volume, Interpolator interpolator) : VolumeSampler(volume.Geometry, interpolator)
    where T : unmanaged, INumberBase<T>
{
    private readonly T[] _voxels = volume.Voxels;

    protected override double SampleInside(double i, double j, double k)
    {
        var g = Geometry;
        Split(i, g.SizeI, out var i0, out var i1, out var ti);
        Split(j, g.SizeJ, out var j0, out var j1, out var tj);
        Split(k, g.SizeK, out var k0, out var k1, out var tk);
        var sizeI = g.SizeI;
        var plane = sizeI * g.SizeJ;
        var v = _voxels;
        var r00 = (j0 * sizeI) + (k0 * plane);
        var r10 = (j1 * sizeI) + (k0 * plane);
        var r01 = (j0 * sizeI) + (k1 * plane);
        var r11 = (j1 * sizeI) + (k1 * plane);
        var c00 = Lerp(double.CreateTruncating(v[r00 + i0]), double.CreateTruncating(v[r00 + i1]), ti);
        var c10 = Lerp(double.CreateTruncating(v[r10 + i0]), double.CreateTruncating(v[r10 + i1]), ti);
        var c01 = Lerp(double.CreateTruncating(v[r01 + i0]), double.CreateTruncating(v[r01 + i1]), ti);
        var c11 = Lerp(double.CreateTruncating(v[r11 + i0]), double.CreateTruncating(v[r11 + i1]), ti);
        return Lerp(Lerp(c00, c10, tj), Lerp(c01, c11, tj), tk);
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);

    private static void Split(double x, int size, out int lower, out int upper, out double t)
    {
        var f = Math.Floor(x);
        t = x - f;
        lower = (int)f;
        upper = lower + 1;
        if (lower < 0)
        {
            lower = 0;
        }

        if (upper > size - 1)
        {
            upper = size - 1;
        }
    }
}
