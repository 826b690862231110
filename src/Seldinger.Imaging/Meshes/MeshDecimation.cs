using System.Numerics;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes.Internal;

namespace Seldinger.Imaging.Meshes;

/// <summary>
/// Reduces the triangle count of a closed manifold mesh by edge collapses ordered by quadric error
/// (Garland and Heckbert 1997), keeping it closed, manifold and free of folded triangles.
/// </summary>
/// <remarks>
/// An edge collapses only when the link condition holds (the two end vertices share exactly the two vertices opposite
/// the edge), when it would not reduce a tetrahedron to a double-sided triangle, and when no surrounding triangle
/// turns over. Ties in error are broken by vertex index, so the result is deterministic.
/// </remarks>
public static class MeshDecimation
{
    /// <summary>Collapses edges until at most <paramref name="targetTriangleCount"/> triangles remain, or no edge may collapse.</summary>
    /// <param name="mesh">A closed manifold mesh (not changed).</param>
    /// <param name="targetTriangleCount">The triangle count to reach.</param>
    /// <returns>The decimated mesh, with unused vertices dropped and normals recomputed.</returns>
    public static TriangleMesh Decimate(TriangleMesh mesh, int targetTriangleCount)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentOutOfRangeException.ThrowIfNegative(targetTriangleCount);
        return new Collapser(mesh).Run(targetTriangleCount);
    }

    /// <summary>Collapses edges until at most a fraction <paramref name="keep"/> of the triangles remain.</summary>
    /// <param name="mesh">A closed manifold mesh (not changed).</param>
    /// <param name="keep">The fraction of triangles to keep, in [0, 1].</param>
    public static TriangleMesh Decimate(TriangleMesh mesh, double keep)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (!(keep >= 0 && keep <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(keep), keep, "The fraction of triangles to keep must lie in [0, 1].");
        }

        return Decimate(mesh, (int)Math.Floor(mesh.TriangleCount * keep));
    }

    private sealed class Collapser
    {
        private readonly Vector3D[] _position;
        private readonly Quadric[] _quadric;
        private readonly List<int>[] _triangles;
        private readonly int[] _version;
        private readonly bool[] _vertexAlive;
        private readonly int[] _indices;
        private readonly bool[] _triangleAlive;
        private readonly PriorityQueue<(int A, int B, int VersionA, int VersionB), (double Cost, int A, int B)> _queue = new();
        private int _aliveTriangles;

        public Collapser(TriangleMesh mesh)
        {
            var count = mesh.VertexCount;
            _position = new Vector3D[count];
            for (var v = 0; v < count; v++)
            {
                var p = mesh.Positions[v];
                _position[v] = new Vector3D(p.X, p.Y, p.Z);
            }

            _indices = (int[])mesh.Indices.Clone();
            _triangleAlive = new bool[mesh.TriangleCount];
            Array.Fill(_triangleAlive, true);
            _aliveTriangles = mesh.TriangleCount;
            _quadric = new Quadric[count];
            _triangles = new List<int>[count];
            _version = new int[count];
            _vertexAlive = new bool[count];
            for (var v = 0; v < count; v++)
            {
                _triangles[v] = [];
            }

            for (var t = 0; t < mesh.TriangleCount; t++)
            {
                int a = _indices[3 * t], b = _indices[(3 * t) + 1], c = _indices[(3 * t) + 2];
                var n = (_position[b] - _position[a]).Cross(_position[c] - _position[a]);
                var twiceArea = n.Length;
                if (twiceArea > 0)
                {
                    var u = n / twiceArea;
                    var plane = Quadric.FromPlane(u.X, u.Y, u.Z, -u.Dot(_position[a]), twiceArea / 2);
                    _quadric[a].Add(plane);
                    _quadric[b].Add(plane);
                    _quadric[c].Add(plane);
                }

                foreach (var v in (ReadOnlySpan<int>)[a, b, c])
                {
                    _triangles[v].Add(t);
                    _vertexAlive[v] = true;
                }
            }

            for (var t = 0; t < mesh.TriangleCount; t++)
            {
                for (var corner = 0; corner < 3; corner++)
                {
                    int a = _indices[(3 * t) + corner], b = _indices[(3 * t) + ((corner + 1) % 3)];

                    // Each edge of a closed mesh appears in two triangles; queue it once.
                    if (a < b)
                    {
                        Push(a, b);
                    }
                }
            }
        }

        public TriangleMesh Run(int target)
        {
            var neighboursA = new HashSet<int>();
            var neighboursB = new HashSet<int>();
            while (_aliveTriangles > target && _queue.TryDequeue(out var entry, out _))
            {
                var (a, b, va, vb) = entry;
                if (!_vertexAlive[a] || !_vertexAlive[b] || _version[a] != va || _version[b] != vb)
                {
                    continue;
                }

                var (_, p) = Evaluate(a, b);
                if (!CanCollapse(a, b, p, neighboursA, neighboursB))
                {
                    continue;
                }

                Collapse(a, b, p);
            }

            return Compact();
        }

        private void Push(int a, int b)
        {
            var (cost, _) = Evaluate(a, b);
            var (lo, hi) = a < b ? (a, b) : (b, a);
            _queue.Enqueue((lo, hi, _version[lo], _version[hi]), (cost, lo, hi));
        }

        /// <summary>The collapse position (the quadric minimum, or the best of the ends and the midpoint) and its error.</summary>
        private (double Cost, Vector3D Position) Evaluate(int a, int b)
        {
            var q = _quadric[a];
            q.Add(_quadric[b]);
            var pa = _position[a];
            var pb = _position[b];
            var mid = (pa + pb) / 2;
            var edge = (pb - pa).Length;
            var best = mid;
            var bestCost = q.Evaluate(mid.X, mid.Y, mid.Z);
            foreach (var candidate in (ReadOnlySpan<Vector3D>)[pa, pb])
            {
                var cost = q.Evaluate(candidate.X, candidate.Y, candidate.Z);
                if (cost < bestCost)
                {
                    (best, bestCost) = (candidate, cost);
                }
            }

            // The free minimum may lie far away on nearly flat patches; keep it only near the edge.
            if (q.TryMinimize(out var x, out var y, out var z))
            {
                var optimum = new Vector3D(x, y, z);
                var cost = q.Evaluate(x, y, z);
                if ((optimum - mid).Length <= edge && cost < bestCost)
                {
                    (best, bestCost) = (optimum, cost);
                }
            }

            return (Math.Max(0, bestCost), best);
        }

        private bool CanCollapse(int a, int b, Vector3D p, HashSet<int> neighboursA, HashSet<int> neighboursB)
        {
            Neighbours(a, neighboursA);
            Neighbours(b, neighboursB);
            if (!neighboursA.Contains(b))
            {
                return false;
            }

            // A tetrahedron would become a double-sided triangle.
            if (neighboursA.Count == 3 && neighboursB.Count == 3)
            {
                return false;
            }

            // Link condition: the only shared neighbours are the two vertices opposite the edge.
            var shared = 0;
            foreach (var n in neighboursA)
            {
                shared += neighboursB.Contains(n) ? 1 : 0;
            }

            var opposite = 0;
            foreach (var t in _triangles[a])
            {
                opposite += Contains(t, b) ? 1 : 0;
            }

            if (opposite != 2 || shared != 2)
            {
                return false;
            }

            return !Folds(a, b, p) && !Folds(b, a, p);
        }

        /// <summary>Whether moving <paramref name="v"/> to <paramref name="p"/> turns over one of its triangles that survives.</summary>
        private bool Folds(int v, int other, Vector3D p)
        {
            foreach (var t in _triangles[v])
            {
                if (Contains(t, other))
                {
                    continue;
                }

                var corner = _indices[3 * t] == v ? 0 : _indices[(3 * t) + 1] == v ? 1 : 2;
                var q1 = _position[_indices[(3 * t) + ((corner + 1) % 3)]];
                var q2 = _position[_indices[(3 * t) + ((corner + 2) % 3)]];
                var before = (q1 - _position[v]).Cross(q2 - _position[v]);
                var after = (q1 - p).Cross(q2 - p);
                if (after.Dot(before) <= 0.05 * before.Length * after.Length || after.LengthSquared == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private void Collapse(int a, int b, Vector3D p)
        {
            _position[a] = p;
            _quadric[a].Add(_quadric[b]);
            foreach (var t in _triangles[b])
            {
                if (Contains(t, a))
                {
                    _triangleAlive[t] = false;
                    _aliveTriangles--;
                    for (var corner = 0; corner < 3; corner++)
                    {
                        var v = _indices[(3 * t) + corner];
                        if (v != b)
                        {
                            _triangles[v].Remove(t);
                        }
                    }
                }
                else
                {
                    for (var corner = 0; corner < 3; corner++)
                    {
                        if (_indices[(3 * t) + corner] == b)
                        {
                            _indices[(3 * t) + corner] = a;
                        }
                    }

                    _triangles[a].Add(t);
                }
            }

            _triangles[b].Clear();
            _vertexAlive[b] = false;
            _version[a]++;
            _version[b]++;
            var neighbours = new HashSet<int>();
            Neighbours(a, neighbours);
            foreach (var n in neighbours.Order())
            {
                Push(a, n);
            }
        }

        private void Neighbours(int v, HashSet<int> into)
        {
            into.Clear();
            foreach (var t in _triangles[v])
            {
                for (var corner = 0; corner < 3; corner++)
                {
                    var n = _indices[(3 * t) + corner];
                    if (n != v)
                    {
                        into.Add(n);
                    }
                }
            }
        }

        private bool Contains(int t, int v) => _indices[3 * t] == v || _indices[(3 * t) + 1] == v || _indices[(3 * t) + 2] == v;

        private TriangleMesh Compact()
        {
            var map = new int[_position.Length];
            var positions = new List<Vector3>();
            for (var v = 0; v < map.Length; v++)
            {
                if (_vertexAlive[v] && _triangles[v].Count > 0)
                {
                    map[v] = positions.Count;
                    var p = _position[v];
                    positions.Add(new Vector3((float)p.X, (float)p.Y, (float)p.Z));
                }
            }

            var indices = new int[3 * _aliveTriangles];
            var write = 0;
            for (var t = 0; t < _triangleAlive.Length; t++)
            {
                if (_triangleAlive[t])
                {
                    indices[write++] = map[_indices[3 * t]];
                    indices[write++] = map[_indices[(3 * t) + 1]];
                    indices[write++] = map[_indices[(3 * t) + 2]];
                }
            }

            return new TriangleMesh([.. positions], indices);
        }
    }
}
