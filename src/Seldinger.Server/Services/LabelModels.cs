using Microsoft.Extensions.Caching.Memory;
using Seldinger.Imaging;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Meshes;
using Seldinger.Imaging.Rendering;

namespace Seldinger.Server.Services;

/// <summary>
/// What the viewer derives from a series' label map, computed once per series (and label) and kept in the
/// bounded memory cache: the label statistics, and smoothed, decimated surface meshes in patient coordinates.
/// Concurrent requests for the same item share one computation.
/// </summary>
public sealed class LabelModels(IMemoryCache cache, VolumeCache volumes)
{
    /// <summary>Taubin λ|μ pairs applied to each surface.</summary>
    public const int SmoothingIterations = 20;

    /// <summary>Triangles per label surface after decimation (at most).</summary>
    public const int MaxTrianglesPerLabel = 20_000;

    private readonly Lock _gate = new();

    /// <summary>The display name of a label value.</summary>
    public static string NameOf(byte label) => (TissueLabel)label switch
    {
        TissueLabel.SpinalCanal => "Spinal canal",
        TissueLabel.BileDuct => "Bile duct",
        var t when Enum.IsDefined(t) => t.ToString(),
        _ => $"Label {label}",
    };

    /// <summary>The measurements of every label of a series, ascending; null when the series has no label map.</summary>
    public async Task<IReadOnlyList<LabelMeasurement>?> GetStatisticsAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        var labels = await volumes.GetLabelsAsync(seriesInstanceUid, cancellationToken);
        if (labels is null)
        {
            return null;
        }

        return await Once(("label-stats", seriesInstanceUid), 64 * 1024, () => LabelStatistics.ComputeAll(labels));
    }

    /// <summary>
    /// The surface of one label: marching cubes, <see cref="SmoothingIterations"/> Taubin steps, then quadric decimation
    /// to at most <see cref="MaxTrianglesPerLabel"/> triangles. Null when the series has no label map or no such label.
    /// </summary>
    public async Task<TriangleMesh?> GetMeshAsync(string seriesInstanceUid, byte label, CancellationToken cancellationToken)
    {
        var labels = await volumes.GetLabelsAsync(seriesInstanceUid, cancellationToken);
        if (labels is null)
        {
            return null;
        }

        var mesh = await Once(("label-mesh", seriesInstanceUid, label), MaxTrianglesPerLabel * 64L, () => BuildMesh(labels, label));
        return mesh.TriangleCount == 0 ? null : mesh;
    }

    /// <summary>The surface pipeline on its own (no cache), for tests and tools.</summary>
    public static TriangleMesh BuildMesh(Volume<byte> labels, byte label)
    {
        var mesh = LabelSurfaceExtractor.Extract(labels, label);
        if (mesh.TriangleCount == 0)
        {
            return mesh;
        }

        mesh = MeshSmoothing.Taubin(mesh, SmoothingIterations);
        return mesh.TriangleCount > MaxTrianglesPerLabel ? MeshDecimation.Decimate(mesh, MaxTrianglesPerLabel) : mesh;
    }

    /// <summary>The colour of a label as <c>#rrggbb</c>.</summary>
    public static string ColourOf(byte label) => $"#{LabelColors.Of(label):x6}";

    private Task<T> Once<T>(object key, long size, Func<T> compute)
    {
        Lazy<Task<T>> lazy;
        lock (_gate)
        {
            if (!cache.TryGetValue(key, out Lazy<Task<T>>? existing) || existing is null)
            {
                existing = new Lazy<Task<T>>(() => Task.Run(compute));
                cache.Set(key, existing, new MemoryCacheEntryOptions { Size = size });
            }

            lazy = existing;
        }

        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            lock (_gate)
            {
                cache.Remove(key);
            }
        }

        return task;
    }
}
