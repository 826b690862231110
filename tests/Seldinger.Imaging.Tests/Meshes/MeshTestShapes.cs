using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Imaging.Tests.Meshes;

/// <summary>Label maps of simple shapes, in millimetres about the grid centre, for the mesh tests.</summary>
internal static class MeshTestShapes
{
    public static Volume<byte> Ball(VolumeGeometry g, double radius) =>
        Filled(g, (x, y, z) => (x * x) + (y * y) + (z * z) <= radius * radius);

    public static Volume<byte> Torus(VolumeGeometry g, double ring, double tube) => Filled(g, (x, y, z) =>
    {
        var r = Math.Sqrt((x * x) + (y * y)) - ring;
        return (r * r) + (z * z) <= tube * tube;
    });

    public static Volume<byte> Filled(VolumeGeometry g, Func<double, double, double, bool> inside, byte label = 3)
    {
        var v = new Volume<byte>(g);
        double ci = (g.SizeI - 1) / 2.0, cj = (g.SizeJ - 1) / 2.0, ck = (g.SizeK - 1) / 2.0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (inside((i - ci) * g.SpacingI, (j - cj) * g.SpacingJ, (k - ck) * g.SpacingK))
                    {
                        v[i, j, k] = label;
                    }
                }
            }
        }

        return v;
    }

    public static TriangleMesh BallMesh(double radius, int seed)
    {
        var size = (int)Math.Ceiling(2 * radius / 0.6) + 3;
        var g = new VolumeGeometry(size, size, size, new WorldPoint(10, -20, 30), 0.6, 0.8, 1.0, TestRandom.RandomRotation(new Random(seed)));
        return LabelSurfaceExtractor.Extract(Ball(g, radius), 3);
    }

    /// <summary>Distance from a point to a triangle, by brute force over the plane, the edges and the corners.</summary>
    public static double PointTriangleDistance(Vector3D p, Vector3D a, Vector3D b, Vector3D c)
    {
        var n = (b - a).Cross(c - a);
        var best = Math.Min(SegmentDistance(p, a, b), Math.Min(SegmentDistance(p, b, c), SegmentDistance(p, c, a)));
        if (n.LengthSquared > 0)
        {
            var u = n / n.Length;
            var d = (p - a).Dot(u);
            var q = p - (u * d);
            var inside = (b - a).Cross(q - a).Dot(n) >= 0 && (c - b).Cross(q - b).Dot(n) >= 0 && (a - c).Cross(q - c).Dot(n) >= 0;
            if (inside)
            {
                best = Math.Min(best, Math.Abs(d));
            }
        }

        return best;
    }

    private static double SegmentDistance(Vector3D p, Vector3D a, Vector3D b)
    {
        var ab = b - a;
        var t = ab.LengthSquared > 0 ? Math.Clamp((p - a).Dot(ab) / ab.LengthSquared, 0, 1) : 0;
        return (p - (a + (ab * t))).Length;
    }

    public static Vector3D At(TriangleMesh mesh, int v) => new(mesh.Positions[v].X, mesh.Positions[v].Y, mesh.Positions[v].Z);
}
