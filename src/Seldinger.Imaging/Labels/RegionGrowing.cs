using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels.Internal;

namespace Seldinger.Imaging.Labels;

/// <summary>Seeded region growing within an intensity range.</summary>
public static class RegionGrowing
{
    /// <summary>
    /// Grows a region from <paramref name="seed"/> over connected voxels whose value lies in
    /// [<paramref name="lower"/>, <paramref name="upper"/>], breadth first, stopping after <paramref name="maxVoxels"/> voxels.
    /// </summary>
    /// <remarks>A seed outside the range gives an empty region. Breadth-first order makes a budget-limited region the voxels nearest the seed in steps.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The seed lies outside the grid, the range is empty or the budget is not positive.</exception>
    public static RegionGrowingResult Grow(Volume<short> image, VoxelIndex seed, short lower, short upper, Connectivity connectivity, long maxVoxels)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lower, upper);
        var values = image.Voxels;
        return Grow(image.Geometry, seed, n => values[n] >= lower && values[n] <= upper, connectivity, maxVoxels);
    }

    /// <inheritdoc cref="Grow(Volume{short}, VoxelIndex, short, short, Connectivity, long)"/>
    public static RegionGrowingResult Grow(Volume<float> image, VoxelIndex seed, float lower, float upper, Connectivity connectivity, long maxVoxels)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (float.IsNaN(lower) || float.IsNaN(upper) || lower > upper)
        {
            throw new ArgumentOutOfRangeException(nameof(lower), $"The range [{lower}, {upper}] is empty or not a number.");
        }

        var values = image.Voxels;
        return Grow(image.Geometry, seed, n => values[n] >= lower && values[n] <= upper, connectivity, maxVoxels);
    }

    private static RegionGrowingResult Grow(VolumeGeometry g, VoxelIndex seed, Func<int, bool> inside, Connectivity connectivity, long maxVoxels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxVoxels);
        if (!g.Contains(seed))
        {
            throw new ArgumentOutOfRangeException(nameof(seed), $"The seed {seed} lies outside the {g.SizeI}×{g.SizeJ}×{g.SizeK} grid.");
        }

        var offsets = NeighbourOffsets.For(connectivity);
        var mask = new Volume<byte>(g);
        var m = mask.Voxels;
        var start = g.LinearIndex(seed);
        if (!inside(start))
        {
            return new RegionGrowingResult(mask, 0, false);
        }

        var queue = new Queue<int>();
        m[start] = 1;
        queue.Enqueue(start);
        long count = 1;
        var exhausted = false;
        while (queue.Count > 0 && !exhausted)
        {
            var v = g.VoxelAt(queue.Dequeue());
            foreach (var (di, dj, dk) in offsets)
            {
                int i = v.I + di, j = v.J + dj, k = v.K + dk;
                if ((uint)i >= (uint)g.SizeI || (uint)j >= (uint)g.SizeJ || (uint)k >= (uint)g.SizeK)
                {
                    continue;
                }

                var n = g.LinearIndex(i, j, k);
                if (m[n] != 0 || !inside(n))
                {
                    continue;
                }

                if (count == maxVoxels)
                {
                    exhausted = true;
                    break;
                }

                m[n] = 1;
                count++;
                queue.Enqueue(n);
            }
        }

        return new RegionGrowingResult(mask, count, exhausted);
    }
}
