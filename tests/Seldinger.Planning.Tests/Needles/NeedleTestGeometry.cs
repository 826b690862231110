using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Planning.Tests.Needles;

/// <summary>Brute-force references for the needle planner tests, written from the geometry alone (no distance maps, no planner code).</summary>
internal static class NeedleTestGeometry
{
    private static readonly Dictionary<string, WholeBodyPhantomResult> Phantoms = [];

    /// <summary>A small noise-free phantom with near-isotropic voxels (slice spacing equal to the pixel spacing), cached per case.</summary>
    public static WholeBodyPhantomResult Phantom(string name)
    {
        lock (Phantoms)
        {
            if (!Phantoms.TryGetValue(name, out var phantom))
            {
                var coarse = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = name, Size = 96, NoiseSigmaHu = 0 });
                phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = name, Size = 96, NoiseSigmaHu = 0, SliceCount = 2 * coarse.Labels.Geometry.SizeK });
                Phantoms[name] = phantom;
            }

            return phantom;
        }
    }

    /// <summary>The longest needle or probe of a procedure, mm.</summary>
    public static double DeviceLength(ProcedureDefinition procedure) =>
        procedure.Devices.Where(d => d.Kind is DeviceKind.Needle or DeviceKind.Probe).Max(d => d.LengthMm!.Value);

    /// <summary>Distance from point p to the segment [a, b].</summary>
    public static double SegmentDistance(WorldPoint a, WorldPoint b, WorldPoint p)
    {
        var ab = b - a;
        var t = ab.LengthSquared == 0 ? 0 : Math.Clamp((p - a).Dot(ab) / ab.LengthSquared, 0, 1);
        return a.Lerp(b, t).DistanceTo(p);
    }

    /// <summary>The smallest distance from the segment to the centre of any voxel of <paramref name="label"/>; +∞ when there is none.</summary>
    public static double BruteDistance(Volume<byte> labels, WorldPoint a, WorldPoint b, byte label)
    {
        var g = labels.Geometry;
        var best = double.PositiveInfinity;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] == label)
            {
                best = Math.Min(best, SegmentDistance(a, b, g.IndexToWorld(g.VoxelAt(n))));
            }
        }

        return best;
    }

    /// <summary>
    /// The labels the segment passes through, by a dense walk (every 1/20 of the smallest spacing) with a
    /// nearest-voxel lookup. Points within 1/8 voxel of a voxel boundary are ambiguous (which voxel is
    /// nearest there depends on rounding); their labels go to <paramref name="ambiguous"/> only.
    /// </summary>
    public static HashSet<byte> DenseWalk(Volume<byte> labels, WorldPoint a, WorldPoint b, out HashSet<byte> ambiguous)
    {
        var g = labels.Geometry;
        var found = new HashSet<byte>();
        ambiguous = [];
        var steps = Math.Max(1, (int)Math.Ceiling(a.DistanceTo(b) / (g.MinimumSpacing / 20)));
        for (var m = 0; m <= steps; m++)
        {
            var c = g.WorldToIndex(a.Lerp(b, (double)m / steps));
            var v = new VoxelIndex((int)Math.Round(c.I), (int)Math.Round(c.J), (int)Math.Round(c.K));
            var label = g.Contains(v) ? labels[v] : (byte)0;
            var edge = Math.Max(Math.Abs(c.I - v.I), Math.Max(Math.Abs(c.J - v.J), Math.Abs(c.K - v.K)));
            (edge > 0.5 - 0.125 ? ambiguous : found).Add(label);
        }

        return found;
    }

    /// <summary>Whether a voxel is on the outer skin: skin with a face neighbour outside the body (or at the in-plane border of the grid).</summary>
    public static bool IsOuterSkin(Volume<byte> labels, int i, int j, int k)
    {
        var g = labels.Geometry;
        if (labels[i, j, k] != (byte)TissueLabel.Skin)
        {
            return false;
        }

        byte At(int a, int b, int c) => g.Contains(new VoxelIndex(a, b, c)) ? labels[a, b, c] : (byte)1;
        return i == 0 || j == 0 || i == g.SizeI - 1 || j == g.SizeJ - 1
            || At(i - 1, j, k) == 0 || At(i + 1, j, k) == 0 || At(i, j - 1, k) == 0 || At(i, j + 1, k) == 0 || At(i, j, k - 1) == 0 || At(i, j, k + 1) == 0;
    }

    /// <summary>The labels a route may never pass through under the catalogue entry: its protected structures (but the skin, which every needle pierces) and bone, lung and bowel unless allowed.</summary>
    public static HashSet<byte> Forbidden(ProcedureDefinition procedure)
    {
        var set = procedure.Protect.Where(p => p.Label != TissueLabel.Skin).Select(p => (byte)p.Label).ToHashSet();
        if (!procedure.Constraints.BoneCrossing)
        {
            set.Add((byte)TissueLabel.Bone);
        }

        if (!procedure.Constraints.LungCrossing)
        {
            set.Add((byte)TissueLabel.Lung);
        }

        if (!procedure.Constraints.BowelCrossing)
        {
            set.Add((byte)TissueLabel.Bowel);
        }

        return set;
    }

    /// <summary>The tolerance of a clearance read from a distance map (the evaluator's documented bound): the voxel half-diagonal plus half a sample step.</summary>
    public static double Tolerance(VolumeGeometry g) => g.VoxelHalfDiagonal + (g.MinimumSpacing / 8) + 1e-6;

    /// <summary>The exact distance from each collection voxel to the nearest voxel outside it, by brute force over the boundary voxels outside it; returns the maximum and where.</summary>
    public static (double Depth, WorldPoint Point) BruteDeepest(Volume<byte> labels, byte collection)
    {
        var g = labels.Geometry;
        var inside = new List<WorldPoint>();
        var wall = new List<WorldPoint>();
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var p = g.IndexToWorld(new VoxelIndex(i, j, k));
                    if (labels[i, j, k] == collection)
                    {
                        inside.Add(p);
                        continue;
                    }

                    bool In(int a, int b, int c) => g.Contains(new VoxelIndex(a, b, c)) && labels[a, b, c] == collection;
                    if (In(i - 1, j, k) || In(i + 1, j, k) || In(i, j - 1, k) || In(i, j + 1, k) || In(i, j, k - 1) || In(i, j, k + 1))
                    {
                        wall.Add(p);
                    }
                }
            }
        }

        var best = (Depth: -1.0, Point: default(WorldPoint));
        foreach (var p in inside)
        {
            var d = wall.Min(w => w.DistanceTo(p));
            if (d > best.Depth)
            {
                best = (d, p);
            }
        }

        return best;
    }
}
