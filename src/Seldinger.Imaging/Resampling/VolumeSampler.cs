using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Resampling;

/// <summary>
/// A volume prepared for sampling at any point by an <see cref="Resampling.Interpolator"/>
/// (<see cref="Interpolator.Prepare{T}(Volume{T})"/>). Immutable and safe to share between threads.
/// </summary>
public abstract class VolumeSampler
{
    /// <summary>Creates a sampler of a volume with <paramref name="geometry"/>.</summary>
    /// <param name="geometry">The sampled volume's geometry.</param>
    /// <param name="interpolator">The interpolation kind and outside value.</param>
    protected VolumeSampler(VolumeGeometry geometry, Interpolator interpolator)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(interpolator);
        Geometry = geometry;
        Interpolator = interpolator;
    }

    /// <summary>The sampled volume's geometry.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>The interpolation kind and outside value.</summary>
    public Interpolator Interpolator { get; }

    /// <summary>The value at a fractional index, or <see cref="Interpolator.OutsideValue"/> outside the volume.</summary>
    public double Sample(ContinuousIndex index) => TrySample(index, out var value) ? value : Interpolator.OutsideValue;

    /// <summary>The value at a point in patient space, or <see cref="Interpolator.OutsideValue"/> outside the volume.</summary>
    public double Sample(WorldPoint point) => Sample(Geometry.WorldToIndex(point));

    /// <summary>The value at a fractional index; false (and the outside value) outside the volume.</summary>
    public bool TrySample(ContinuousIndex index, out double value)
    {
        if (!Geometry.Contains(index))
        {
            value = Interpolator.OutsideValue;
            return false;
        }

        value = SampleInside(index.I, index.J, index.K);
        return true;
    }

    /// <summary>The value at a point in patient space; false (and the outside value) outside the volume.</summary>
    public bool TrySample(WorldPoint point, out double value) => TrySample(Geometry.WorldToIndex(point), out value);

    /// <summary>The value at an index known to lie within the volume's extent.</summary>
    /// <param name="i">Fractional index along i.</param>
    /// <param name="j">Fractional index along j.</param>
    /// <param name="k">Fractional index along k.</param>
    /// <returns>The interpolated value.</returns>
    protected abstract double SampleInside(double i, double j, double k);
}
