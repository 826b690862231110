using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>The centrelines of a vessel tree reached from a root voxel (e.g. the access artery), as branches, and the centred paths they come from.</summary>
/// <param name="Root">The root voxel.</param>
/// <param name="Branches">Branches; the first starts at the root, every other one at a junction on an earlier branch.</param>
/// <param name="Paths">The centred minimal paths from the root to every lumen voxel (the catheter route to any point).</param>
public sealed record CentrelineTree(VoxelIndex Root, IReadOnlyList<CentrelineBranch> Branches, CentredPathTree Paths)
{
    /// <summary>The branch and index of the centreline voxel nearest <paramref name="point"/>, with its distance (mm).</summary>
    /// <exception cref="InvalidOperationException">The tree has no branch.</exception>
    public (int Branch, int Index, double DistanceMm) Nearest(WorldPoint point)
    {
        if (Branches.Count == 0)
        {
            throw new InvalidOperationException("The centreline tree is empty.");
        }

        (int, int, double) best = (0, 0, double.PositiveInfinity);
        for (var b = 0; b < Branches.Count; b++)
        {
            var pts = Branches[b].Points;
            for (var n = 0; n < pts.Count; n++)
            {
                var d = pts[n].DistanceTo(point);
                if (d < best.Item3)
                {
                    best = (b, n, d);
                }
            }
        }

        return best;
    }

    /// <summary>Indices in branch <paramref name="branch"/>'s voxels where other branches leave it, ascending.</summary>
    public IReadOnlyList<int> JunctionsOn(int branch) =>
        [.. Branches.Where(b => b.Parent == branch).Select(b => b.ParentIndex).Distinct().Order()];
}
