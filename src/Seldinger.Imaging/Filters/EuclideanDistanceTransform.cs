namespace Seldinger.Imaging.Filters;

/// <summary>
/// Exact Euclidean distance transform of a label volume, in millimetres, with anisotropic spacing.
/// </summary>
/// <remarks>
/// <para>
/// For every voxel centre the result is the distance to the nearest feature voxel centre
/// (0 on feature voxels, <see cref="float.PositiveInfinity"/> everywhere when there is no feature).
/// The signed variant is negative inside the features (minus the distance to the nearest non-feature
/// voxel centre) and the unsigned distance outside.
/// </para>
/// <para>
/// Algorithm: separable exact transform — a 1D distance along i (runs of features and the gaps between
/// them found with vectorised searches, gaps filled from a table of squared distances), then the lower
/// envelope of parabolas along j and along k (Felzenszwalb &amp; Huttenlocher, "Distance Transforms of
/// Sampled Functions", Theory of Computing 8:415–428, 2012), each parabola scaled by the axis spacing so
/// anisotropic voxels are exact. O(n) per line. Rows without a feature are +∞ after the first pass and
/// slices without one after the second, so the later passes build their envelopes from the rows
/// (slices) that hold a feature only. Slices (passes along i and j) and rows of slices (pass along k) are
/// processed in parallel; strided lines are gathered a tile of neighbouring lines at a time into a small
/// per-thread buffer so each line is read and written from cache. Squared distances are carried in
/// single precision between passes, parabola intersections are computed in double precision, and the
/// square root is taken once at the end, so the result equals the brute-force distance to float
/// rounding (relative 1e-6). Temporary buffers come from <see cref="Buffers.BufferPool.Current"/>.
/// </para>
/// <para>
/// Distances are measured in the index grid scaled by spacing, which is Euclidean in patient space
/// only for orthonormal direction cosines; a sheared (gantry-tilted) grid is rejected.
/// </para>
/// </remarks>
public static class EuclideanDistanceTransform
{
    /// <summary>Distance (mm) from every voxel centre to the nearest voxel with label <paramref name="featureLabel"/>.</summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    public static Volume<float> Compute(Volume<byte> labels, byte featureLabel) => Compute(labels, v => v == featureLabel);

    /// <summary>Distance (mm) from every voxel centre to the nearest voxel whose label satisfies <paramref name="isFeature"/>.</summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    public static Volume<float> Compute(Volume<byte> labels, Func<byte, bool> isFeature) =>
        CpuDistanceTransformEngine.Instance.Compute(labels, isFeature);

    /// <summary>
    /// Signed distance (mm): outside the label <paramref name="featureLabel"/> the distance to its nearest
    /// voxel centre, inside minus the distance to the nearest voxel centre of another label.
    /// </summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    public static Volume<float> ComputeSigned(Volume<byte> labels, byte featureLabel) => ComputeSigned(labels, v => v == featureLabel);

    /// <summary>
    /// Signed distance (mm): outside the features the distance to the nearest feature voxel centre, on a
    /// feature voxel minus the distance to the nearest non-feature voxel centre (−∞ when every voxel is a
    /// feature, +∞ when none is).
    /// </summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    public static Volume<float> ComputeSigned(Volume<byte> labels, Func<byte, bool> isFeature) =>
        CpuDistanceTransformEngine.Instance.ComputeSigned(labels, isFeature);
}
