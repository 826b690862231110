using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Tests.Malformations;

/// <summary>
/// An independent check of a straight needle route: a fine walk over the nearest voxel labels, and the exact
/// smallest distance from the segment to every voxel centre of each protected label.
/// </summary>
internal static class BruteForceRoute
{
    public static double PointToSegment(WorldPoint p, WorldPoint a, WorldPoint b)
    {
        var ab = b - a;
        var t = ab.LengthSquared == 0 ? 0 : Math.Clamp((p - a).Dot(ab) / ab.LengthSquared, 0, 1);
        return p.DistanceTo(a + (ab * t));
    }

    /// <summary>The first label along the route (0.05 mm steps) that is not allowed, or null.</summary>
    public static TissueLabel? FirstForbidden(Volume<byte> labels, WorldPoint entry, WorldPoint tip, IReadOnlySet<TissueLabel> allowed)
    {
        var g = labels.Geometry;
        var steps = Math.Max(1, (int)Math.Ceiling(entry.DistanceTo(tip) / 0.05));
        for (var m = 0; m <= steps; m++)
        {
            var p = entry.Lerp(tip, (double)m / steps);
            var label = g.TryGetVoxel(p, out var v) ? (TissueLabel)labels[v] : TissueLabel.Background;
            if (!allowed.Contains(label))
            {
                return label;
            }
        }

        return null;
    }

    /// <summary>The exact smallest distance from the segment to a voxel centre of <paramref name="label"/> (+∞ when there is none).</summary>
    public static double Distance(Volume<byte> labels, WorldPoint entry, WorldPoint tip, TissueLabel label)
    {
        var g = labels.Geometry;
        var best = double.PositiveInfinity;
        var voxels = labels.Voxels;
        for (var n = 0; n < voxels.Length; n++)
        {
            if (voxels[n] == (byte)label)
            {
                best = Math.Min(best, PointToSegment(g.IndexToWorld(g.VoxelAt(n)), entry, tip));
            }
        }

        return best;
    }

    /// <summary>The tolerance <see cref="NeedlePathEvaluator"/> documents between its clearance and the exact one.</summary>
    public static double EvaluatorTolerance(VolumeGeometry g) => g.VoxelHalfDiagonal + (g.MinimumSpacing / 8) + 1e-6;
}
