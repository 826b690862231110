namespace Seldinger.Imaging.Resampling;

/// <summary>How a volume is sampled between voxel centres.</summary>
public enum InterpolationKind
{
    /// <summary>The value of the voxel whose extent holds the point; the only kind for label maps.</summary>
    Nearest,

    /// <summary>Trilinear interpolation of the eight surrounding voxel centres.</summary>
    Linear,

    /// <summary>
    /// Cubic B-spline interpolation: the samples are first turned into B-spline coefficients
    /// (M. Unser, "Splines: a perfect fit for signal and image processing", IEEE Signal Processing
    /// Magazine 16(6):22–38, 1999) with mirror boundaries, so the spline passes through every sample.
    /// </summary>
    CubicBSpline,
}
