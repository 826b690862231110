namespace Seldinger.Imaging.Meshes;

/// <summary>Topological checks of a triangle mesh.</summary>
public static class MeshTopology
{
    /// <summary>
    /// Whether the mesh is watertight and consistently oriented: every undirected edge is used by exactly two
    /// triangles, once in each direction. An empty mesh counts as watertight.
    /// </summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns>True for a closed, oriented surface (one or several shells).</returns>
    public static bool IsWatertight(TriangleMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var indices = mesh.Indices;
        var keys = new long[indices.Length];
        for (var t = 0; t < indices.Length; t += 3)
        {
            for (var e = 0; e < 3; e++)
            {
                long a = indices[t + e], b = indices[t + ((e + 1) % 3)];
                if (a == b)
                {
                    return false;
                }

                // Undirected edge in the high bits, direction in the lowest, so both uses of an edge sort together.
                keys[t + e] = (((Math.Min(a, b) << 31) | Math.Max(a, b)) << 1) | (a < b ? 0L : 1L);
            }
        }

        Array.Sort(keys);
        for (var n = 0; n < keys.Length; n += 2)
        {
            if (n + 1 >= keys.Length
                || keys[n] >> 1 != keys[n + 1] >> 1
                || (keys[n] & 1) == (keys[n + 1] & 1)
                || (n + 2 < keys.Length && keys[n + 2] >> 1 == keys[n] >> 1))
            {
                return false;
            }
        }

        return true;
    }
}
