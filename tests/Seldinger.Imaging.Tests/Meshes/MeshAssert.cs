using System.Numerics;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Imaging.Tests.Meshes;

/// <summary>Brute-force checks of mesh topology and geometry shared by the mesh tests.</summary>
internal static class MeshAssert
{
    /// <summary>
    /// Every directed edge occurs once and its reverse once (closed, two triangles per edge, consistent orientation),
    /// no triangle repeats a vertex, and the triangles around every vertex form one fan (manifold vertices).
    /// </summary>
    public static void ClosedOrientedManifold(TriangleMesh mesh)
    {
        var directed = new HashSet<(int, int)>();
        var fans = new Dictionary<int, Dictionary<int, int>>();
        var idx = mesh.Indices;
        for (var t = 0; t < idx.Length; t += 3)
        {
            int a = idx[t], b = idx[t + 1], c = idx[t + 2];
            Assert.True(a != b && b != c && a != c, $"Triangle {t / 3} repeats a vertex.");
            foreach (var (p, q, r) in new[] { (a, b, c), (b, c, a), (c, a, b) })
            {
                Assert.True(directed.Add((p, q)), $"Directed edge {p}->{q} occurs twice.");
                if (!fans.TryGetValue(p, out var fan))
                {
                    fans[p] = fan = [];
                }

                Assert.True(fan.TryAdd(q, r), $"Vertex {p} has two triangles leaving along {q}.");
            }
        }

        foreach (var (p, q) in directed)
        {
            Assert.True(directed.Contains((q, p)), $"Edge {p}->{q} has no opposite triangle.");
        }

        foreach (var (vertex, fan) in fans)
        {
            var start = fan.Keys.First();
            var steps = 0;
            var at = start;
            do
            {
                at = fan[at];
                steps++;
            }
            while (at != start && steps <= fan.Count);
            Assert.True(steps == fan.Count, $"The triangles around vertex {vertex} form more than one fan.");
        }
    }

    /// <summary>V − E + F of the used vertices.</summary>
    public static int EulerCharacteristic(TriangleMesh mesh)
    {
        var vertices = mesh.Indices.Distinct().Count();
        var edges = mesh.Indices.Length / 2;
        return vertices - edges + mesh.TriangleCount;
    }

    /// <summary>The boundary faces of a label: corners and centre of each face between a labelled and an unlabelled voxel.</summary>
    public static List<WorldPoint> BoundaryFacePoints(Volume<byte> labels, byte label)
    {
        var g = labels.Geometry;
        bool Inside(int i, int j, int k) => (uint)i < (uint)g.SizeI && (uint)j < (uint)g.SizeJ && (uint)k < (uint)g.SizeK && labels[i, j, k] == label;
        var points = new List<WorldPoint>();
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (!Inside(i, j, k))
                    {
                        continue;
                    }

                    for (var axis = 0; axis < 3; axis++)
                    {
                        for (var side = -1; side <= 1; side += 2)
                        {
                            var n = new[] { i, j, k };
                            n[axis] += side;
                            if (Inside(n[0], n[1], n[2]))
                            {
                                continue;
                            }

                            for (var du = -1; du <= 1; du++)
                            {
                                for (var dv = -1; dv <= 1; dv++)
                                {
                                    var x = new double[] { i, j, k };
                                    x[axis] += side * 0.5;
                                    x[(axis + 1) % 3] += du * 0.5;
                                    x[(axis + 2) % 3] += dv * 0.5;
                                    points.Add(g.IndexToWorld(new ContinuousIndex(x[0], x[1], x[2])));
                                }
                            }
                        }
                    }
                }
            }
        }

        return points;
    }

    public static double MaxDistanceToBoundary(TriangleMesh mesh, List<WorldPoint> boundary)
    {
        var worst = 0.0;
        foreach (var p in mesh.Positions)
        {
            var w = new WorldPoint(p.X, p.Y, p.Z);
            var best = double.PositiveInfinity;
            foreach (var b in boundary)
            {
                best = Math.Min(best, w.DistanceTo(b));
            }

            worst = Math.Max(worst, best);
        }

        return worst;
    }

    public static Vector3 ToVector(WorldPoint p) => new((float)p.X, (float)p.Y, (float)p.Z);
}
