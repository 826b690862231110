using System.Numerics;
using Seldinger.Imaging.Resampling.Internal;

namespace Seldinger.Imaging.Resampling;

/// <summary>
/// An interpolation kind and the value given to points outside the volume. A point is inside when it lies
/// within the extent of the voxels, index <c>[−½, size − ½)</c> along every axis (the same rule as
/// <see cref="Geometry.VolumeGeometry.Contains(Geometry.ContinuousIndex)"/>), for every kind: linear
/// interpolation repeats the edge voxels across the outer half voxel, the B-spline mirrors the samples.
/// </summary>
/// <param name="Kind">The interpolation kind.</param>
/// <param name="OutsideValue">The value of points outside the volume (e.g. −1024 HU for air in CT).</param>
public sealed record Interpolator(InterpolationKind Kind, double OutsideValue = 0)
{
    /// <summary>Nearest-neighbour sampling with 0 outside.</summary>
    public static Interpolator Nearest { get; } = new(InterpolationKind.Nearest);

    /// <summary>Trilinear sampling with 0 outside.</summary>
    public static Interpolator Linear { get; } = new(InterpolationKind.Linear);

    /// <summary>Cubic B-spline sampling with 0 outside.</summary>
    public static Interpolator CubicBSpline { get; } = new(InterpolationKind.CubicBSpline);

    /// <summary>The same kind with another outside value.</summary>
    public Interpolator WithOutside(double outsideValue) => this with { OutsideValue = outsideValue };

    /// <summary>
    /// Prepares <paramref name="volume"/> for sampling. Nearest and linear sample the voxels in place;
    /// the B-spline computes its coefficients here (one double per voxel), so prepare once and sample many times.
    /// </summary>
    /// <typeparam name="T">The voxel type (e.g. <see cref="short"/>, <see cref="float"/>, <see cref="byte"/>).</typeparam>
    /// <param name="volume">The volume to sample.</param>
    /// <returns>A sampler of the volume, safe to use from several threads.</returns>
    public VolumeSampler Prepare<T>(Volume<T> volume)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(volume);
        return Kind switch
        {
            InterpolationKind.Nearest => new NearestSampler<T>(volume, this),
            InterpolationKind.Linear => new LinearSampler<T>(volume, this),
            InterpolationKind.CubicBSpline => new BSplineSampler(BSplineCoefficients.Compute(volume), volume.Geometry, this),
            _ => throw new InvalidOperationException($"Unknown interpolation kind {Kind}."),
        };
    }
}
