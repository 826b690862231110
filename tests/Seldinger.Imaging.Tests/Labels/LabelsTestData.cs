using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Tests.Labels;

/// <summary>Random inputs and brute-force references shared by the label tests.</summary>
internal static class LabelsTestData
{
    public static readonly Connectivity[] AllConnectivities = [Connectivity.Six, Connectivity.Eighteen, Connectivity.TwentySix];

    public static Volume<byte> RandomMask(Random random, VolumeGeometry g, double density)
    {
        var mask = new Volume<byte>(g);
        for (var n = 0; n < mask.Voxels.Length; n++)
        {
            mask.Voxels[n] = (byte)(random.NextDouble() < density ? 1 : 0);
        }

        return mask;
    }

    public static bool Adjacent(VoxelIndex a, VoxelIndex b, Connectivity connectivity)
    {
        int di = Math.Abs(a.I - b.I), dj = Math.Abs(a.J - b.J), dk = Math.Abs(a.K - b.K);
        if (di > 1 || dj > 1 || dk > 1)
        {
            return false;
        }

        var m = di + dj + dk;
        return m > 0 && m <= (connectivity == Connectivity.Six ? 1 : connectivity == Connectivity.Eighteen ? 2 : 3);
    }

    /// <summary>Breadth-first flood fill from <paramref name="start"/> testing adjacency against every voxel of the grid.</summary>
    public static HashSet<int> BruteForceFlood(VolumeGeometry g, int start, Func<int, bool> inside, Connectivity connectivity)
    {
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var v = g.VoxelAt(queue.Dequeue());
            for (var n = 0; n < g.VoxelCount; n++)
            {
                if (!seen.Contains(n) && inside(n) && Adjacent(v, g.VoxelAt(n), connectivity))
                {
                    seen.Add(n);
                    queue.Enqueue(n);
                }
            }
        }

        return seen;
    }
}
