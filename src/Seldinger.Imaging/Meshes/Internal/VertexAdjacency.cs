namespace Seldinger.Imaging.Meshes.Internal;

/// <summary>The neighbours of every vertex of a triangle mesh, in compressed rows, each row sorted.</summary>
internal sealed class VertexAdjacency
{
    private VertexAdjacency(int[] offsets, int[] neighbours)
    {
        Offsets = offsets;
        Neighbours = neighbours;
    }

    /// <summary>Row starts, one more than the vertex count.</summary>
    public int[] Offsets { get; }

    /// <summary>Neighbour indices, row by row.</summary>
    public int[] Neighbours { get; }

    public ReadOnlySpan<int> Of(int vertex) => Neighbours.AsSpan(Offsets[vertex], Offsets[vertex + 1] - Offsets[vertex]);

    public static VertexAdjacency Build(int vertexCount, ReadOnlySpan<int> indices)
    {
        // Every triangle corner contributes its two other vertices; duplicates are removed per row afterwards.
        var counts = new int[vertexCount + 1];
        foreach (var v in indices)
        {
            counts[v + 1] += 2;
        }

        for (var v = 0; v < vertexCount; v++)
        {
            counts[v + 1] += counts[v];
        }

        var raw = new int[counts[vertexCount]];
        var fill = counts.AsSpan(0, vertexCount).ToArray();
        for (var t = 0; t + 2 < indices.Length; t += 3)
        {
            int a = indices[t], b = indices[t + 1], c = indices[t + 2];
            raw[fill[a]++] = b;
            raw[fill[a]++] = c;
            raw[fill[b]++] = c;
            raw[fill[b]++] = a;
            raw[fill[c]++] = a;
            raw[fill[c]++] = b;
        }

        var offsets = new int[vertexCount + 1];
        var write = 0;
        for (var v = 0; v < vertexCount; v++)
        {
            var row = raw.AsSpan(counts[v], counts[v + 1] - counts[v]);
            row.Sort();
            offsets[v] = write;
            for (var n = 0; n < row.Length; n++)
            {
                if (n == 0 || row[n] != row[n - 1])
                {
                    raw[write++] = row[n];
                }
            }
        }

        offsets[vertexCount] = write;
        return new VertexAdjacency(offsets, raw.AsSpan(0, write).ToArray());
    }
}
