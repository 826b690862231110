namespace Seldinger.Imaging.Meshes.Internal;

/// <summary>
/// The marching-cubes case table for a binary field, derived here from first principles rather than typed in.
/// </summary>
/// <remarks>
/// Corner <c>c</c> of a cell sits at offset <c>(c &amp; 1, (c &gt;&gt; 1) &amp; 1, (c &gt;&gt; 2) &amp; 1)</c>. On every cell face the
/// crossing points are paired by one rule, "each outside-to-inside crossing joins the next crossing counter-clockwise
/// seen from outside the cell". The two cells sharing a face see opposite orientations of it and so derive the same
/// segments traversed in opposite directions: that is what makes the surface closed and consistently oriented, and on
/// ambiguous faces it always separates the inside corners. The segments of one cell form disjoint directed cycles; a cycle
/// is triangulated as a fan from one of its vertices when no fan diagonal joins two points of one face (such a diagonal
/// could be created by the neighbouring cell too), otherwise around an extra vertex at the cycle's centroid.
/// </remarks>
internal static class CubeCaseTable
{
    /// <summary>Codes below this are cell edges; code <c>EdgeCount + n</c> is the centroid of <see cref="Centres"/>[case][n].</summary>
    public const int EdgeCount = 12;

    /// <summary>For each cell edge: its lower corner and its axis (0 = i, 1 = j, 2 = k).</summary>
    public static readonly (int Corner, int Axis)[] Edges = BuildEdges();

    /// <summary>Per case: triangle vertex codes, three per triangle.</summary>
    public static readonly int[][] Triangles;

    /// <summary>Per case: the edges of each cycle that is triangulated around its centroid.</summary>
    public static readonly int[][][] Centres;

    static CubeCaseTable()
    {
        Triangles = new int[256][];
        Centres = new int[256][][];
        var faces = BuildFaces();
        for (var c = 0; c < 256; c++)
        {
            (Triangles[c], Centres[c]) = BuildCase(c, faces);
        }

        // Orient so that normals point from inside to outside: with only corner 0 inside, the normal must point into the cell.
        var t = Triangles[1];
        var a = EdgeMidpoint(t[0]);
        var b = EdgeMidpoint(t[1]);
        var d = EdgeMidpoint(t[2]);
        var n = Cross(Sub(b, a), Sub(d, a));
        if (n.X + n.Y + n.Z < 0)
        {
            foreach (var tri in Triangles)
            {
                for (var i = 0; i < tri.Length; i += 3)
                {
                    (tri[i + 1], tri[i + 2]) = (tri[i + 2], tri[i + 1]);
                }
            }
        }
    }

    /// <summary>The position of an edge's midpoint in cell coordinates (0..1).</summary>
    public static (double X, double Y, double Z) EdgeMidpoint(int edge)
    {
        var (corner, axis) = Edges[edge];
        return ((corner & 1) + (axis == 0 ? 0.5 : 0), ((corner >> 1) & 1) + (axis == 1 ? 0.5 : 0), ((corner >> 2) & 1) + (axis == 2 ? 0.5 : 0));
    }

    private static (int[] Triangles, int[][] Centres) BuildCase(int @case, int[][] faces)
    {
        var next = new int[EdgeCount];
        Array.Fill(next, -1);
        var faceOfEdges = new List<int>[EdgeCount];
        for (var e = 0; e < EdgeCount; e++)
        {
            faceOfEdges[e] = [];
        }

        for (var f = 0; f < faces.Length; f++)
        {
            var q = faces[f];
            var crossings = new List<(int Edge, bool OutToIn)>();
            for (var t = 0; t < 4; t++)
            {
                var from = q[t];
                var to = q[(t + 1) & 3];
                var inFrom = ((@case >> from) & 1) != 0;
                var inTo = ((@case >> to) & 1) != 0;
                var edge = EdgeBetween(from, to);
                faceOfEdges[edge].Add(f);
                if (inFrom != inTo)
                {
                    crossings.Add((edge, inTo));
                }
            }

            for (var n = 0; n < crossings.Count; n++)
            {
                if (crossings[n].OutToIn)
                {
                    next[crossings[n].Edge] = crossings[(n + 1) % crossings.Count].Edge;
                }
            }
        }

        var triangles = new List<int>();
        var centres = new List<int[]>();
        var visited = new bool[EdgeCount];
        for (var start = 0; start < EdgeCount; start++)
        {
            if (next[start] < 0 || visited[start])
            {
                continue;
            }

            var cycle = new List<int>();
            for (var e = start; !visited[e]; e = next[e])
            {
                visited[e] = true;
                cycle.Add(e);
            }

            var fan = FindFanStart(cycle, faceOfEdges);
            if (fan >= 0)
            {
                for (var n = 1; n < cycle.Count - 1; n++)
                {
                    triangles.Add(cycle[fan]);
                    triangles.Add(cycle[(fan + n) % cycle.Count]);
                    triangles.Add(cycle[(fan + n + 1) % cycle.Count]);
                }
            }
            else
            {
                var code = EdgeCount + centres.Count;
                centres.Add([.. cycle]);
                for (var n = 0; n < cycle.Count; n++)
                {
                    triangles.Add(code);
                    triangles.Add(cycle[n]);
                    triangles.Add(cycle[(n + 1) % cycle.Count]);
                }
            }
        }

        return ([.. triangles], [.. centres]);
    }

    private static int FindFanStart(List<int> cycle, List<int>[] faceOfEdges)
    {
        var count = cycle.Count;
        for (var s = 0; s < count; s++)
        {
            var ok = true;
            for (var n = 2; n < count - 1 && ok; n++)
            {
                var other = cycle[(s + n) % count];
                ok = !faceOfEdges[cycle[s]].Intersect(faceOfEdges[other]).Any();
            }

            if (ok)
            {
                return s;
            }
        }

        return -1;
    }

    private static int EdgeBetween(int a, int b)
    {
        var lower = Math.Min(a, b);
        var axis = System.Numerics.BitOperations.Log2((uint)(a ^ b));
        return Array.IndexOf(Edges, (lower, axis));
    }

    private static (int Corner, int Axis)[] BuildEdges()
    {
        var edges = new List<(int, int)>();
        for (var axis = 0; axis < 3; axis++)
        {
            for (var corner = 0; corner < 8; corner++)
            {
                if ((corner & (1 << axis)) == 0)
                {
                    edges.Add((corner, axis));
                }
            }
        }

        return [.. edges];
    }

    /// <summary>The six faces, each as four corners counter-clockwise seen from outside the cell.</summary>
    private static int[][] BuildFaces()
    {
        var faces = new int[6][];
        for (var axis = 0; axis < 3; axis++)
        {
            var u = (axis + 1) % 3;
            var v = (axis + 2) % 3;
            for (var side = 0; side < 2; side++)
            {
                var baseCorner = side << axis;
                var q = new[] { baseCorner, baseCorner | (1 << u), baseCorner | (1 << u) | (1 << v), baseCorner | (1 << v) };

                // (u, v, axis) is a right-handed triple, so this order is counter-clockwise seen from +axis.
                if (side == 0)
                {
                    (q[1], q[3]) = (q[3], q[1]);
                }

                faces[(axis * 2) + side] = q;
            }
        }

        return faces;
    }

    private static (double X, double Y, double Z) Sub((double X, double Y, double Z) a, (double X, double Y, double Z) b) => (a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    private static (double X, double Y, double Z) Cross((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        ((a.Y * b.Z) - (a.Z * b.Y), (a.Z * b.X) - (a.X * b.Z), (a.X * b.Y) - (a.Y * b.X));
}
