using Seldinger.Imaging.Buffers;
using Seldinger.Imaging.Filters.Internal;

namespace Seldinger.Imaging.Filters;

/// <summary>The multithreaded CPU distance transform: the default engine and the oracle for the others.</summary>
public sealed class CpuDistanceTransformEngine : IDistanceTransformEngine
{
    private CpuDistanceTransformEngine()
    {
    }

    /// <summary>The one instance (it holds no state).</summary>
    public static CpuDistanceTransformEngine Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => $"cpu ({Environment.ProcessorCount} threads)";

    /// <inheritdoc/>
    public Volume<float> Compute(Volume<byte> labels, Func<byte, bool> isFeature)
    {
        Check(labels, isFeature);

        // Every voxel is written by the first pass, so the result need not be zeroed first.
        var result = new Volume<float>(labels.Geometry, GC.AllocateUninitializedArray<float>(labels.Voxels.Length));
        DistanceTransformCore.Compute(labels.Voxels, new FeatureTable(isFeature), labels.Geometry, result.Voxels);
        return result;
    }

    /// <inheritdoc/>
    public Volume<float> ComputeSigned(Volume<byte> labels, Func<byte, bool> isFeature)
    {
        Check(labels, isFeature);
        var g = labels.Geometry;
        var features = new FeatureTable(isFeature);
        var result = new Volume<float>(g, GC.AllocateUninitializedArray<float>(labels.Voxels.Length));
        var outside = result.Voxels;
        DistanceTransformCore.Compute(labels.Voxels, features, g, outside);
        using var inside = new PooledVolume<float>(g);
        DistanceTransformCore.Compute(labels.Voxels, new FeatureTable(v => !isFeature(v)), g, inside.Array);
        var src = labels.Voxels;
        var insideArray = inside.Array;
        var table = features.IsFeature;
        for (var n = 0; n < outside.Length; n++)
        {
            if (table[src[n]])
            {
                outside[n] = -insideArray[n];
            }
        }

        return result;
    }

    private static void Check(Volume<byte> labels, Func<byte, bool> isFeature)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(isFeature);
        if (!labels.Geometry.IsOrthonormal)
        {
            throw new ArgumentException("The distance transform needs orthonormal direction cosines; resample a sheared (gantry-tilted) volume first.", nameof(labels));
        }
    }
}
