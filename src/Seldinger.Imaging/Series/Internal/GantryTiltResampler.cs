using System.Numerics;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series.Internal;

/// <summary>
/// Undoes the shear of a gantry-tilted stack. Each acquired slice already lies in its plane of the
/// orthogonal grid (same normal, even spacing); only its in-plane origin is offset. Output slice k is
/// acquired slice k shifted back by that offset, sampled bilinearly; samples outside the acquired
/// field take the smallest value of the volume.
/// </summary>
internal static class GantryTiltResampler
{
    public static Volume<T> Resample<T>(Volume<T> sheared, Vector3D[] offsets, VolumeGeometry target)
        where T : unmanaged, INumber<T>
    {
        var g = sheared.Geometry;
        var row = target.Direction.Column(0);
        var column = target.Direction.Column(1);
        var padding = double.CreateChecked(Min(sheared.Voxels));
        var output = new Volume<T>(target);
        Parallel.For(0, g.SizeK, k =>
        {
            // Output (i, j) sits at acquired (i − du, j − dv) of slice k.
            var du = offsets[k].Dot(row) / g.SpacingI;
            var dv = offsets[k].Dot(column) / g.SpacingJ;
            var source = sheared.SliceK(k);
            var destination = output.SliceK(k);
            var a0 = (int)Math.Floor(-du);
            var b0 = (int)Math.Floor(-dv);
            var fa = -du - a0;
            var fb = -dv - b0;
            for (var j = 0; j < g.SizeJ; j++)
            {
                var b = j + b0;
                for (var i = 0; i < g.SizeI; i++)
                {
                    var a = i + a0;
                    var v00 = Sample(source, g, a, b, padding);
                    var v10 = Sample(source, g, a + 1, b, padding);
                    var v01 = Sample(source, g, a, b + 1, padding);
                    var v11 = Sample(source, g, a + 1, b + 1, padding);
                    var value = ((1 - fb) * (((1 - fa) * v00) + (fa * v10))) + (fb * (((1 - fa) * v01) + (fa * v11)));
                    destination[i + (j * g.SizeI)] = typeof(T) == typeof(float) ? T.CreateChecked(value) : T.CreateSaturating(Math.Round(value));
                }
            }
        });
        return output;
    }

    private static double Sample<T>(Span<T> slice, VolumeGeometry g, int i, int j, double padding)
        where T : unmanaged, INumber<T> =>
        (uint)i < (uint)g.SizeI && (uint)j < (uint)g.SizeJ ? double.CreateChecked(slice[i + (j * g.SizeI)]) : padding;

    private static T Min<T>(T[] values)
        where T : unmanaged, INumber<T>
    {
        var min = values.Length > 0 ? values[0] : T.Zero;
        foreach (var v in values)
        {
            if (v < min)
            {
                min = v;
            }
        }

        return min;
    }
}
