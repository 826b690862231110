namespace Seldinger.Imaging.Series;

/// <summary>How strictly a single-frame series is turned into a volume.</summary>
public sealed record SeriesReadOptions
{
    /// <summary>The default: every geometry check on, gantry tilt rejected.</summary>
    public static SeriesReadOptions Default { get; } = new();

    /// <summary>
    /// Largest relative deviation of a slice gap from the median gap that still counts as even
    /// (default 0.01, i.e. 1 %).
    /// </summary>
    public double SpacingTolerance { get; init; } = 0.01;

    /// <summary>
    /// When false (default) a sheared stack (gantry tilt) is a <see cref="SeriesGeometryException"/>.
    /// When true it is resampled onto an orthogonal grid: every acquired slice already lies in a plane
    /// perpendicular to the slice normal, so each output slice is that same plane, shifted back by its
    /// in-plane offset with bilinear interpolation (no interpolation across slices). Voxels that the
    /// shift brings in from outside the acquired field get the smallest value of the series (air for
    /// CT). <see cref="SeriesVolume.GantryTiltDegrees"/> reports the tilt.
    /// </summary>
    public bool ResampleGantryTilt { get; init; }
}
