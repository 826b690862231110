using System.Numerics;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Meshes;

/// <summary>
/// An indexed triangle mesh in patient space: vertex positions in LPS millimetres (single precision),
/// triangles as three vertex indices each, counter-clockwise seen from outside, and unit per-vertex normals.
/// </summary>
public sealed class TriangleMesh
{
    /// <summary>Creates a mesh and computes area-weighted vertex normals.</summary>
    /// <param name="positions">Vertex positions, LPS mm.</param>
    /// <param name="indices">Three vertex indices per triangle.</param>
    /// <exception cref="ArgumentException">The index count is not a multiple of three or an index is out of range.</exception>
    public TriangleMesh(Vector3[] positions, int[] indices)
        : this(positions, indices, null)
    {
    }

    /// <summary>Creates a mesh with the given normals (computed when <paramref name="normals"/> is null).</summary>
    /// <param name="positions">Vertex positions, LPS mm.</param>
    /// <param name="indices">Three vertex indices per triangle.</param>
    /// <param name="normals">Unit vertex normals, one per position, or null to compute them.</param>
    /// <exception cref="ArgumentException">The arrays do not agree in size or an index is out of range.</exception>
    public TriangleMesh(Vector3[] positions, int[] indices, Vector3[]? normals)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length % 3 != 0)
        {
            throw new ArgumentException($"A triangle mesh needs three indices per triangle; {indices.Length} is not a multiple of three.", nameof(indices));
        }

        foreach (var index in indices)
        {
            if ((uint)index >= (uint)positions.Length)
            {
                throw new ArgumentException($"The vertex index {index} is outside the {positions.Length} vertices.", nameof(indices));
            }
        }

        if (normals is not null && normals.Length != positions.Length)
        {
            throw new ArgumentException($"There are {normals.Length} normals for {positions.Length} vertices.", nameof(normals));
        }

        Positions = positions;
        Indices = indices;
        Normals = normals ?? ComputeNormals(positions, indices);
    }

    /// <summary>Vertex positions, LPS mm.</summary>
    public Vector3[] Positions { get; }

    /// <summary>Unit vertex normals pointing out of the enclosed region (zero for a vertex without area around it).</summary>
    public Vector3[] Normals { get; }

    /// <summary>Three vertex indices per triangle, counter-clockwise seen from outside.</summary>
    public int[] Indices { get; }

    /// <summary>Number of vertices.</summary>
    public int VertexCount => Positions.Length;

    /// <summary>Number of triangles.</summary>
    public int TriangleCount => Indices.Length / 3;

    /// <summary>The position of vertex <paramref name="index"/> as a patient-space point.</summary>
    public WorldPoint GetVertex(int index)
    {
        var p = Positions[index];
        return new WorldPoint(p.X, p.Y, p.Z);
    }

    /// <summary>The volume enclosed by a closed, outward-oriented mesh (divergence theorem), mm³.</summary>
    public double EnclosedVolume()
    {
        var sum = 0.0;
        for (var t = 0; t < Indices.Length; t += 3)
        {
            var a = Positions[Indices[t]];
            var b = Positions[Indices[t + 1]];
            var c = Positions[Indices[t + 2]];
            sum += ((double)a.X * (((double)b.Y * c.Z) - ((double)b.Z * c.Y)))
                + ((double)a.Y * (((double)b.Z * c.X) - ((double)b.X * c.Z)))
                + ((double)a.Z * (((double)b.X * c.Y) - ((double)b.Y * c.X)));
        }

        return sum / 6;
    }

    /// <summary>Total triangle area, mm².</summary>
    public double SurfaceArea()
    {
        var sum = 0.0;
        for (var t = 0; t < Indices.Length; t += 3)
        {
            var a = Positions[Indices[t]];
            sum += Vector3.Cross(Positions[Indices[t + 1]] - a, Positions[Indices[t + 2]] - a).Length() / 2;
        }

        return sum;
    }

    /// <summary>The smallest and largest coordinates of the vertices (zero vectors for an empty mesh).</summary>
    public (Vector3 Min, Vector3 Max) Bounds()
    {
        if (Positions.Length == 0)
        {
            return (Vector3.Zero, Vector3.Zero);
        }

        var min = new Vector3(float.PositiveInfinity);
        var max = new Vector3(float.NegativeInfinity);
        foreach (var p in Positions)
        {
            min = Vector3.Min(min, p);
            max = Vector3.Max(max, p);
        }

        return (min, max);
    }

    /// <summary>Computes area-weighted unit vertex normals for a mesh.</summary>
    public static Vector3[] ComputeNormals(ReadOnlySpan<Vector3> positions, ReadOnlySpan<int> indices)
    {
        var normals = new Vector3[positions.Length];
        for (var t = 0; t + 2 < indices.Length; t += 3)
        {
            var a = positions[indices[t]];
            var n = Vector3.Cross(positions[indices[t + 1]] - a, positions[indices[t + 2]] - a);
            normals[indices[t]] += n;
            normals[indices[t + 1]] += n;
            normals[indices[t + 2]] += n;
        }

        for (var v = 0; v < normals.Length; v++)
        {
            var length = normals[v].Length();
            normals[v] = length > 0 ? normals[v] / length : Vector3.Zero;
        }

        return normals;
    }
}
