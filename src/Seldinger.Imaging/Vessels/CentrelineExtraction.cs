using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Extracts the centreline tree of a lumen mask from a root voxel.</summary>
/// <remarks>
/// The tree-structure extraction of Sato et al. (TEASAR, Proc. Pacific Graphics 2000, 281–289), on voxels:
/// (1) the geodesic distance from the root through the lumen (Dijkstra, step lengths in mm);
/// (2) the centred minimal paths from the root (<see cref="CentredPathTree"/>);
/// (3) repeatedly, the lumen voxel farthest from the root (geodesically) that no branch covers yet is the end
/// of a new branch, traced back along its centred path until it meets the tree; the lumen within
/// <see cref="CentrelineOptions.CoverScale"/> · radius + <see cref="CentrelineOptions.CoverMarginMm"/> of the
/// new branch is marked covered. Branches shorter than the covering radius at their junction are wall bumps
/// and are dropped (their lumen stays covered). Only the lumen connected to the root is considered.
/// </remarks>
public static class CentrelineExtraction
{
    /// <summary>Extracts the tree.</summary>
    /// <param name="lumen">Non-zero voxels are lumen.</param>
    /// <param name="wallDistance">Distance to the wall per voxel (see <see cref="VesselLumen.WallDistance"/>).</param>
    /// <param name="root">Root voxel, in the lumen.</param>
    /// <param name="options">Settings.</param>
    /// <exception cref="ArgumentException">The root is not lumen or the grids differ.</exception>
    public static CentrelineTree Extract(Volume<byte> lumen, Volume<float> wallDistance, VoxelIndex root, CentrelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lumen);
        ArgumentNullException.ThrowIfNull(wallDistance);
        options ??= new CentrelineOptions();
        var g = lumen.Geometry;
        var geodesic = CentredPathTree.Build(lumen, wallDistance, root, 0);
        var paths = CentredPathTree.Build(lumen, wallDistance, root, options.CentringMm2);
        var wall = wallDistance.Voxels;

        // Reached voxels, farthest first.
        var reached = new List<int>();
        for (var n = 0; n < lumen.Voxels.Length; n++)
        {
            if (!double.IsPositiveInfinity(geodesic.LengthAt(n)))
            {
                reached.Add(n);
            }
        }

        var order = reached.ToArray();
        var keys = order.Select(n => -geodesic.LengthAt(n)).ToArray();
        Array.Sort(keys, order);

        var covered = new bool[lumen.Voxels.Length];
        var branchOf = new Dictionary<int, (int Branch, int Index)>();
        var branches = new List<CentrelineBranch>();
        var rootLinear = g.LinearIndex(root);
        foreach (var end in order)
        {
            if (branches.Count >= options.MaximumBranches)
            {
                break;
            }

            if (covered[end])
            {
                continue;
            }

            // Trace back to the tree (or the root).
            var trace = new List<int>();
            var v = end;
            var parent = (Branch: -1, Index: -1);
            while (true)
            {
                if (branchOf.TryGetValue(v, out var hit))
                {
                    parent = hit;
                    trace.Add(v);
                    break;
                }

                trace.Add(v);
                if (v == rootLinear)
                {
                    break;
                }

                v = paths.PreviousOf(v);
                if (v < 0)
                {
                    break;
                }
            }

            trace.Reverse();
            var voxels = trace.Select(g.VoxelAt).ToList();
            var points = voxels.Select(g.IndexToWorld).ToList();
            Cover(g, lumen, wall, trace, options, covered);
            if (branches.Count > 0)
            {
                var junctionRadius = wall[trace[0]];
                if (VesselPolyline.Length(points) < (options.CoverScale * junctionRadius) + options.MinimumBranchLengthMm)
                {
                    continue;
                }
            }

            var index = branches.Count;
            var radii = trace.Select(t => (double)wall[t]).ToList();
            branches.Add(new CentrelineBranch(parent.Branch, parent.Index, voxels, points, radii));
            for (var n = 0; n < trace.Count; n++)
            {
                branchOf.TryAdd(trace[n], (index, n));
            }
        }

        return new CentrelineTree(root, branches, paths);
    }

    private static void Cover(VolumeGeometry g, Volume<byte> lumen, float[] wall, List<int> trace, CentrelineOptions options, bool[] covered)
    {
        // Stamp spheres every quarter radius along the trace: dense enough that the union equals the swept tube.
        var since = double.PositiveInfinity;
        for (var n = 0; n < trace.Count; n++)
        {
            if (n > 0)
            {
                since += g.IndexToWorld(g.VoxelAt(trace[n])).DistanceTo(g.IndexToWorld(g.VoxelAt(trace[n - 1])));
            }

            var r = (options.CoverScale * wall[trace[n]]) + options.CoverMarginMm;
            if (since < 0.25 * r && n != trace.Count - 1)
            {
                continue;
            }

            since = 0;
            var c = g.VoxelAt(trace[n]);
            var centre = g.IndexToWorld(c);
            int ri = (int)Math.Ceiling(r / g.SpacingI), rj = (int)Math.Ceiling(r / g.SpacingJ), rk = (int)Math.Ceiling(r / g.SpacingK);
            for (var k = Math.Max(0, c.K - rk); k <= Math.Min(g.SizeK - 1, c.K + rk); k++)
            {
                for (var j = Math.Max(0, c.J - rj); j <= Math.Min(g.SizeJ - 1, c.J + rj); j++)
                {
                    for (var i = Math.Max(0, c.I - ri); i <= Math.Min(g.SizeI - 1, c.I + ri); i++)
                    {
                        var m = g.LinearIndex(i, j, k);
                        if (lumen.Voxels[m] != 0 && !covered[m] && g.IndexToWorld(new VoxelIndex(i, j, k)).DistanceTo(centre) <= r)
                        {
                            covered[m] = true;
                        }
                    }
                }
            }
        }

    }
}
