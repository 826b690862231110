using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Estimates the local direction of a vessel from its lumen voxels.</summary>
public static class VesselAxis
{
    /// <summary>
    /// The principal direction of the lumen voxels within <paramref name="radiusMm"/> of <paramref name="centre"/>
    /// that connect to the voxel nearest the centre: for a tube cut by a sphere wider than the tube the voxels
    /// spread most along the axis, so the eigenvector of the largest eigenvalue of their covariance is the axis
    /// (power iteration on the 3×3 matrix). Returns <see langword="null"/> when fewer than 4 voxels are found.
    /// </summary>
    public static Vector3D? Estimate(Volume<byte> lumen, WorldPoint centre, double radiusMm)
    {
        ArgumentNullException.ThrowIfNull(lumen);
        var g = lumen.Geometry;
        if (!g.TryGetVoxel(centre, out var start) || lumen[start] == 0)
        {
            var near = VesselLumen.Nearest(lumen, centre, 2 * g.MinimumSpacing);
            if (near is null)
            {
                return null;
            }

            start = near.Value;
        }

        // Flood fill within the sphere so a neighbouring vessel inside it does not tilt the axis.
        var points = new List<WorldPoint>();
        var seen = new HashSet<int>();
        var stack = new Stack<VoxelIndex>();
        stack.Push(start);
        seen.Add(g.LinearIndex(start));
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            points.Add(g.IndexToWorld(p));
            for (var dk = -1; dk <= 1; dk++)
            {
                for (var dj = -1; dj <= 1; dj++)
                {
                    for (var di = -1; di <= 1; di++)
                    {
                        var q = new VoxelIndex(p.I + di, p.J + dj, p.K + dk);
                        if (!g.Contains(q) || lumen[q] == 0 || g.IndexToWorld(q).DistanceTo(centre) > radiusMm || !seen.Add(g.LinearIndex(q)))
                        {
                            continue;
                        }

                        stack.Push(q);
                    }
                }
            }
        }

        if (points.Count < 4)
        {
            return null;
        }

        double mx = points.Average(p => p.X), my = points.Average(p => p.Y), mz = points.Average(p => p.Z);
        double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
        foreach (var p in points)
        {
            double x = p.X - mx, y = p.Y - my, z = p.Z - mz;
            xx += x * x;
            xy += x * y;
            xz += x * z;
            yy += y * y;
            yz += y * z;
            zz += z * z;
        }

        // Start the power iteration from the axis of largest spread so it cannot start orthogonal to the answer.
        var v = xx >= yy && xx >= zz ? Vector3D.UnitX : yy >= zz ? Vector3D.UnitY : Vector3D.UnitZ;
        for (var it = 0; it < 100; it++)
        {
            var w = new Vector3D((xx * v.X) + (xy * v.Y) + (xz * v.Z), (xy * v.X) + (yy * v.Y) + (yz * v.Z), (xz * v.X) + (yz * v.Y) + (zz * v.Z));
            if (w.Length == 0)
            {
                return null;
            }

            v = w.Normalized;
        }

        return v;
    }
}
