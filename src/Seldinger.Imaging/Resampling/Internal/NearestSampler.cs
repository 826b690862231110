using System.Numerics;

namespace Seldinger.Imaging.Resampling.Internal;

/// <summary>Nearest-neighbour sampling: the voxel whose extent holds the point.</summary>
internal sealed class NearestSampler<T>(Volume<T> volume, Interpolator interpolator) : VolumeSampler(volume.Geometry, interpolator)
    where T : unmanaged, INumberBase<T>
{
    private readonly T[] _voxels = volume.Voxels;

    protected override double SampleInside(double i, double j, double k)
    {
        var g = Geometry;

        // Inside means index < size − ½, so the rounded index never passes the last voxel.
        var n = g.LinearIndex((int)Math.Floor(i + 0.5), (int)Math.Floor(j + 0.5), (int)Math.Floor(k + 0.5));
        return double.CreateTruncating(_voxels[n]);
    }
}
