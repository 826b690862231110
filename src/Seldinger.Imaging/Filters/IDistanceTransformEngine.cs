namespace Seldinger.Imaging.Filters;

/// <summary>
/// An implementation of the exact Euclidean distance transform (see <see cref="EuclideanDistanceTransform"/>
/// for the definition). <see cref="CpuDistanceTransformEngine"/> is the default and the reference; a GPU
/// engine gives the same result to float rounding.
/// </summary>
public interface IDistanceTransformEngine
{
    /// <summary>Short description of where it runs (for logs and reports), e.g. "cpu (8 threads)".</summary>
    string Name { get; }

    /// <summary>Distance (mm) from every voxel centre to the nearest voxel whose label satisfies <paramref name="isFeature"/>.</summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    Volume<float> Compute(Volume<byte> labels, Func<byte, bool> isFeature);

    /// <summary>
    /// Signed distance (mm): the unsigned distance outside the features, minus the distance to the nearest
    /// non-feature voxel centre on a feature voxel.
    /// </summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    Volume<float> ComputeSigned(Volume<byte> labels, Func<byte, bool> isFeature);
}
