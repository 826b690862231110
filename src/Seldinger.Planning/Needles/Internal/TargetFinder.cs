using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Planning.Needles.Internal;

/// <summary>A point of a collection and its distance to the collection's wall.</summary>
internal readonly record struct Pocket(WorldPoint Point, double DepthMm);

/// <summary>Chooses targets when the doctor gave none: pockets of a collection, the centre of a lesion, and the organ hosting a target.</summary>
internal static class TargetFinder
{
    /// <summary>
    /// Pockets of the collection formed by the voxels where <paramref name="mask"/> is true, deepest first:
    /// depth is the exact Euclidean distance from a collection voxel centre to the nearest voxel centre
    /// outside the collection (computed on the collection's bounding box grown by one voxel, so the wall
    /// is always inside it; voxels beyond the grid do not count as wall). The first pocket is the deepest
    /// voxel (the lowest linear index on a tie); each next one is the deepest voxel at least
    /// <paramref name="separationMm"/> from every pocket before it.
    /// </summary>
    public static IReadOnlyList<Pocket> Pockets(Volume<byte> labels, bool[] mask, int count, double separationMm)
    {
        var g = labels.Geometry;
        var (lo, hi) = Box(labels, mask) ?? throw new InvalidOperationException("The collection is empty.");
        lo = new VoxelIndex(Math.Max(0, lo.I - 1), Math.Max(0, lo.J - 1), Math.Max(0, lo.K - 1));
        hi = new VoxelIndex(Math.Min(g.SizeI - 1, hi.I + 1), Math.Min(g.SizeJ - 1, hi.J + 1), Math.Min(g.SizeK - 1, hi.K + 1));
        var (crop, map) = Crop(labels, lo, hi, mask);
        var depth = EuclideanDistanceTransform.Compute(crop, v => v == 0).Voxels;

        var order = new List<int>();
        for (var n = 0; n < crop.Voxels.Length; n++)
        {
            if (crop.Voxels[n] != 0)
            {
                order.Add(n);
            }
        }

        order.Sort((a, b) =>
        {
            var byDepth = depth[b].CompareTo(depth[a]);
            return byDepth != 0 ? byDepth : map[a].CompareTo(map[b]);
        });

        var pockets = new List<Pocket>();
        foreach (var n in order)
        {
            if (pockets.Count >= count)
            {
                break;
            }

            var point = g.IndexToWorld(g.VoxelAt(map[n]));
            if (pockets.TrueForAll(p => p.Point.DistanceTo(point) >= separationMm))
            {
                pockets.Add(new Pocket(point, depth[n]));
            }
        }

        return pockets;
    }

    /// <summary>The centroid of the largest 6-connected component of the voxels where <paramref name="mask"/> is true, its voxel count and the number of components.</summary>
    public static (WorldPoint Centroid, long Voxels, int Components) LargestComponentCentroid(Volume<byte> labels, bool[] mask)
    {
        var g = labels.Geometry;
        var (lo, hi) = Box(labels, mask) ?? throw new InvalidOperationException("The target is empty.");
        var (crop, map) = Crop(labels, lo, hi, mask);
        var components = ConnectedComponents.Label(crop, Connectivity.Six);
        var largest = components.LargestLabel;
        double sx = 0, sy = 0, sz = 0;
        long count = 0;
        for (var n = 0; n < crop.Voxels.Length; n++)
        {
            if (components.Labels.Voxels[n] == largest)
            {
                var p = g.IndexToWorld(g.VoxelAt(map[n]));
                sx += p.X;
                sy += p.Y;
                sz += p.Z;
                count++;
            }
        }

        return (new WorldPoint(sx / count, sy / count, sz / count), count, components.ComponentCount);
    }

    /// <summary>
    /// The label that most often touches (across a face) the 6-connected region of <paramref name="targetLabel"/>
    /// around <paramref name="voxel"/>, ignoring skin, fat, muscle and the background; null when none.
    /// </summary>
    public static TissueLabel? Host(Volume<byte> labels, VoxelIndex voxel, byte targetLabel)
    {
        var g = labels.Geometry;
        var v = labels.Voxels;
        var start = g.LinearIndex(voxel);
        if (v[start] != targetLabel)
        {
            return null;
        }

        var seen = new HashSet<int> { start };
        var queue = new Queue<int>();
        queue.Enqueue(start);
        var counts = new long[256];
        Span<(int, int, int)> steps = [(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)];
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            var p = g.VoxelAt(n);
            foreach (var (di, dj, dk) in steps)
            {
                var q = new VoxelIndex(p.I + di, p.J + dj, p.K + dk);
                if (!g.Contains(q))
                {
                    continue;
                }

                var m = g.LinearIndex(q);
                if (v[m] == targetLabel)
                {
                    if (seen.Add(m))
                    {
                        queue.Enqueue(m);
                    }
                }
                else
                {
                    counts[v[m]]++;
                }
            }
        }

        counts[0] = counts[(byte)TissueLabel.Skin] = counts[(byte)TissueLabel.Fat] = counts[(byte)TissueLabel.Muscle] = 0;
        var best = 0;
        for (var l = 1; l < 256; l++)
        {
            if (counts[l] > counts[best])
            {
                best = l;
            }
        }

        return best == 0 ? null : (TissueLabel)best;
    }

    private static (VoxelIndex Lo, VoxelIndex Hi)? Box(Volume<byte> labels, bool[] mask)
    {
        var g = labels.Geometry;
        var v = labels.Voxels;
        int li = int.MaxValue, lj = int.MaxValue, lk = int.MaxValue, hi = -1, hj = -1, hk = -1;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                var row = g.LinearIndex(0, j, k);
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (mask[v[row + i]])
                    {
                        li = Math.Min(li, i);
                        lj = Math.Min(lj, j);
                        lk = Math.Min(lk, k);
                        hi = Math.Max(hi, i);
                        hj = Math.Max(hj, j);
                        hk = Math.Max(hk, k);
                    }
                }
            }
        }

        return hi < 0 ? null : (new VoxelIndex(li, lj, lk), new VoxelIndex(hi, hj, hk));
    }

    /// <summary>A 0/1 mask on the box [lo, hi] with the same spacing, and the full-volume linear index of each of its voxels.</summary>
    private static (Volume<byte> Crop, int[] Map) Crop(Volume<byte> labels, VoxelIndex lo, VoxelIndex hi, bool[] mask)
    {
        var g = labels.Geometry;
        int nx = hi.I - lo.I + 1, ny = hi.J - lo.J + 1, nz = hi.K - lo.K + 1;
        var cg = new VolumeGeometry(nx, ny, nz, g.IndexToWorld(lo), g.SpacingI, g.SpacingJ, g.SpacingK, g.Direction);
        var crop = new Volume<byte>(cg);
        var map = new int[crop.Voxels.Length];
        var n = 0;
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++, n++)
                {
                    var full = g.LinearIndex(lo.I + i, lo.J + j, lo.K + k);
                    map[n] = full;
                    crop.Voxels[n] = mask[labels.Voxels[full]] ? (byte)1 : (byte)0;
                }
            }
        }

        return (crop, map);
    }
}
