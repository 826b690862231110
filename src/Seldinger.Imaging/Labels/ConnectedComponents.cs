using Seldinger.Imaging.Labels.Internal;

namespace Seldinger.Imaging.Labels;

/// <summary>Connected component labelling of binary masks (non-zero voxels are foreground).</summary>
public static class ConnectedComponents
{
    /// <summary>Labels the connected components of the non-zero voxels of <paramref name="mask"/>.</summary>
    /// <remarks>One raster pass with union-find over the already-visited neighbours, then a relabelling pass; O(n α(n)).</remarks>
    public static ComponentLabeling Label(Volume<byte> mask, Connectivity connectivity)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var g = mask.Geometry;
        var backward = NeighbourOffsets.Backward(connectivity);
        var src = mask.Voxels;
        var parent = new int[src.Length];
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                var row = g.LinearIndex(0, j, k);
                for (var i = 0; i < nx; i++)
                {
                    var n = row + i;
                    if (src[n] == 0)
                    {
                        parent[n] = -1;
                        continue;
                    }

                    parent[n] = n;
                    foreach (var (di, dj, dk) in backward)
                    {
                        int a = i + di, b = j + dj, c = k + dk;
                        if ((uint)a >= (uint)nx || (uint)b >= (uint)ny || c < 0)
                        {
                            continue;
                        }

                        var m = g.LinearIndex(a, b, c);
                        if (src[m] != 0)
                        {
                            Union(parent, n, m);
                        }
                    }
                }
            }
        }

        var labels = new Volume<int>(g);
        var dst = labels.Voxels;
        var sizes = new List<long> { 0 };
        for (var n = 0; n < src.Length; n++)
        {
            if (parent[n] < 0)
            {
                sizes[0]++;
                continue;
            }

            var root = Find(parent, n);
            int label;
            if (root == n)
            {
                label = sizes.Count;
                sizes.Add(0);
            }
            else
            {
                label = dst[root];
            }

            dst[n] = label;
            sizes[label]++;
        }

        return new ComponentLabeling(labels, sizes);
    }

    /// <summary>A mask (1/0) of the largest connected component of <paramref name="mask"/>; all zero when the mask is empty.</summary>
    public static Volume<byte> KeepLargest(Volume<byte> mask, Connectivity connectivity)
    {
        var labeling = Label(mask, connectivity);
        var keep = labeling.LargestLabel;
        var result = new Volume<byte>(mask.Geometry);
        var src = labeling.Labels.Voxels;
        var dst = result.Voxels;
        if (keep == 0)
        {
            return result;
        }

        for (var n = 0; n < src.Length; n++)
        {
            dst[n] = (byte)(src[n] == keep ? 1 : 0);
        }

        return result;
    }

    /// <summary>A mask (1/0) of the components of <paramref name="mask"/> with at least <paramref name="minimumVoxels"/> voxels.</summary>
    public static Volume<byte> RemoveSmall(Volume<byte> mask, Connectivity connectivity, long minimumVoxels)
    {
        var labeling = Label(mask, connectivity);
        var result = new Volume<byte>(mask.Geometry);
        var src = labeling.Labels.Voxels;
        var dst = result.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            var l = src[n];
            dst[n] = (byte)(l != 0 && labeling.Sizes[l] >= minimumVoxels ? 1 : 0);
        }

        return result;
    }

    private static int Find(int[] parent, int n)
    {
        var root = n;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[n] != root)
        {
            var next = parent[n];
            parent[n] = root;
            n = next;
        }

        return root;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra == rb)
        {
            return;
        }

        // The smaller index becomes the root, so every root is its component's first voxel in raster order.
        if (ra < rb)
        {
            parent[rb] = ra;
        }
        else
        {
            parent[ra] = rb;
        }
    }
}
