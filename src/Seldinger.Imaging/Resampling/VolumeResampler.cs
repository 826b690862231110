using System.Numerics;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Resampling;

/// <summary>Resamples a volume onto any grid (any origin, spacing and direction) in patient space.</summary>
public static class VolumeResampler
{
    /// <summary>
    /// Samples <paramref name="source"/> at every voxel centre of <paramref name="target"/>. Integer voxel
    /// types get the interpolated value rounded to nearest and saturated to the type's range.
    /// </summary>
    /// <typeparam name="T">The voxel type.</typeparam>
    /// <param name="source">The volume to resample.</param>
    /// <param name="target">The output grid.</param>
    /// <param name="interpolator">The interpolation kind and the value of points outside <paramref name="source"/>.</param>
    /// <returns>A new volume on <paramref name="target"/>.</returns>
    public static Volume<T> Resample<T>(Volume<T> source, VolumeGeometry target, Interpolator interpolator)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(interpolator);
        return Resample<T>(interpolator.Prepare(source), target);
    }

    /// <summary>Samples a prepared volume at every voxel centre of <paramref name="target"/>.</summary>
    /// <typeparam name="T">The output voxel type; integer types are rounded to nearest and saturated.</typeparam>
    /// <param name="sampler">The prepared source volume.</param>
    /// <param name="target">The output grid.</param>
    /// <returns>A new volume on <paramref name="target"/>.</returns>
    public static Volume<T> Resample<T>(VolumeSampler sampler, VolumeGeometry target)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(target);
        var output = new Volume<T>(target);
        var voxels = output.Voxels;
        var round = typeof(T) != typeof(float) && typeof(T) != typeof(double) && typeof(T) != typeof(Half);

        // Target index → source index is affine; each voxel is computed from its row start (no running sums).
        var map = sampler.Geometry.IndexToWorldMatrix.Inverse() * target.IndexToWorldMatrix;
        var start = sampler.Geometry.WorldToIndex(target.Origin);
        var stepI = map.Column(0);
        var stepJ = map.Column(1);
        var stepK = map.Column(2);
        int sizeI = target.SizeI, sizeJ = target.SizeJ;
        Parallel.For(0, target.SizeK, k =>
        {
            for (var j = 0; j < sizeJ; j++)
            {
                var row = new Vector3D(start.I, start.J, start.K) + (stepJ * j) + (stepK * k);
                var offset = target.LinearIndex(0, j, k);
                for (var i = 0; i < sizeI; i++)
                {
                    var p = row + (stepI * i);
                    var value = sampler.Sample(new ContinuousIndex(p.X, p.Y, p.Z));
                    voxels[offset + i] = round ? T.CreateSaturating(Math.Round(value)) : T.CreateSaturating(value);
                }
            }
        });

        return output;
    }
}
