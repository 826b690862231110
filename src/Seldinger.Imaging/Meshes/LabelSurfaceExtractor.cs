using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes.Internal;

namespace Seldinger.Imaging.Meshes;

/// <summary>
/// Extracts the boundary of one label of a label map as a closed, consistently oriented, manifold triangle mesh
/// in patient space.
/// </summary>
/// <remarks>
/// Marching cubes on the binary field "voxel has the label", padded with one background voxel on every side so the
/// surface closes at the grid border. Vertices sit halfway between an inside and an outside voxel centre (the iso-level
/// 0.5 of the binary field) and are shared by all cells around their edge, so every mesh edge has exactly two triangles.
/// Work runs in parallel over fixed slabs of cell layers and is merged in slab order, so the output does not depend on
/// the number of threads. The label's first and last voxel of every row are found first (vectorised searches); only
/// that span of each row is turned into the binary field, a few planes at a time in a reused per-worker block, and only
/// cells near it are visited, so no volume-sized buffer is allocated and background costs almost nothing.
/// </remarks>
public static class LabelSurfaceExtractor
{
    private const int SlabLayers = 8;

    /// <summary>Extracts the surface of the voxels equal to <paramref name="label"/>.</summary>
    /// <param name="labels">The label map.</param>
    /// <param name="label">The label whose boundary is wanted.</param>
    /// <returns>The surface mesh, normals pointing out of the label; empty when no voxel has the label.</returns>
    public static TriangleMesh Extract(Volume<byte> labels, byte label)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var grid = new Grid(labels, label);

        // Pass 1: how many edge vertices each plane owns, to number them without a shared counter.
        var planes = grid.SizeK + 1;
        var planeCounts = new int[planes];
        Parallel.For(0, (planes + SlabLayers - 1) / SlabLayers, c =>
        {
            var first = c * SlabLayers;
            var end = Math.Min(planes, first + SlabLayers);
            var block = grid.Rent(first - 1, end - first + 1);
            for (var p = first; p < end; p++)
            {
                planeCounts[p] = grid.ScanPlane(p - 1, default, null, 0, block);
            }

            grid.Return(block);
        });
        var planeBase = new int[planes + 1];
        for (var p = 0; p < planes; p++)
        {
            planeBase[p + 1] = checked(planeBase[p] + planeCounts[p]);
        }

        var edgeVertexCount = planeBase[planes];
        var edgePositions = new Vector3[edgeVertexCount];

        // Pass 2: cells, in slabs of layers; each layer's lower plane writes the positions it owns.
        var layers = grid.SizeK + 1;
        var slabCount = (layers + SlabLayers - 1) / SlabLayers;
        var slabs = new SlabOutput[slabCount];
        var flip = grid.IndexToWorld.Determinant < 0;
        Parallel.For(0, slabCount, s =>
        {
            var first = s * SlabLayers;
            var end = Math.Min(layers, first + SlabLayers);
            slabs[s] = grid.ExtractSlab(first - 1, end - 1, planeBase, edgePositions, flip);
        });

        var centreBase = new int[slabCount + 1];
        var triangleBase = new int[slabCount + 1];
        centreBase[0] = edgeVertexCount;
        for (var s = 0; s < slabCount; s++)
        {
            centreBase[s + 1] = checked(centreBase[s] + slabs[s].Centres.Count);
            triangleBase[s + 1] = checked(triangleBase[s] + slabs[s].Indices.Count);
        }

        var allPositions = new Vector3[centreBase[slabCount]];
        edgePositions.CopyTo(allPositions, 0);
        var indices = new int[triangleBase[slabCount]];
        Parallel.For(0, slabCount, s =>
        {
            var slab = slabs[s];
            slab.Centres.CopyTo(allPositions, centreBase[s]);
            var target = indices.AsSpan(triangleBase[s], slab.Indices.Count);
            for (var n = 0; n < target.Length; n++)
            {
                var code = slab.Indices[n];
                target[n] = code >= 0 ? code : centreBase[s] + ~code;
            }
        });

        return new TriangleMesh(allPositions, indices);
    }

    private sealed class SlabOutput
    {
        public List<int> Indices { get; } = [];

        public List<Vector3> Centres { get; } = [];
    }

    /// <summary>
    /// A few consecutive planes of the padded binary field (1 = label), from <see cref="FirstPlane"/> on; zero outside
    /// the grid and outside the row extents. Reused across slabs, cleared row extent by row extent after each use.
    /// </summary>
    private sealed class Block(int length)
    {
        public byte[] Mask { get; } = new byte[length];

        public int FirstPlane { get; set; }

        public int PlaneCount { get; set; }
    }

    /// <summary>The label's row extents, the padded binary field in blocks of planes, and the edge numbering.</summary>
    private sealed class Grid
    {
        private readonly ConcurrentBag<Block> _blocks = [];
        private readonly byte[] _voxels;
        private readonly byte _label;
        private readonly int[] _first;
        private readonly int[] _last;
        private readonly int _strideJ;
        private readonly int _strideK;
        private readonly VolumeGeometry _geometry;

        public Grid(Volume<byte> labels, byte label)
        {
            var g = labels.Geometry;
            _geometry = g;
            SizeI = g.SizeI;
            SizeJ = g.SizeJ;
            SizeK = g.SizeK;
            IndexToWorld = g.IndexToWorldMatrix;
            _strideJ = SizeI + 2;
            _strideK = _strideJ * (SizeJ + 2);
            _voxels = labels.Voxels;
            _label = label;
            var rows = (SizeJ + 2) * (SizeK + 2);
            _first = new int[rows];
            _last = new int[rows];
            _first.AsSpan().Fill(int.MaxValue);
            _last.AsSpan().Fill(-1);
            var voxels = labels.Voxels;
            Parallel.For(0, SizeK, k =>
            {
                for (var j = 0; j < SizeJ; j++)
                {
                    var source = voxels.AsSpan(g.LinearIndex(0, j, k), SizeI);
                    var first = source.IndexOf(label);
                    if (first < 0)
                    {
                        continue;
                    }

                    _first[RowId(j, k)] = first;
                    _last[RowId(j, k)] = source.LastIndexOf(label);
                }
            });
        }

        /// <summary>A block holding planes <paramref name="firstPlane"/> to <paramref name="firstPlane"/> + <paramref name="count"/> − 1 (−1 to SizeK).</summary>
        public Block Rent(int firstPlane, int count)
        {
            if (!_blocks.TryTake(out var block))
            {
                block = new Block(checked(_strideK * (SlabLayers + 2)));
            }

            block.FirstPlane = firstPlane;
            block.PlaneCount = count;
            ForEachRow(block, (span, source) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = source[i] == _label ? (byte)1 : (byte)0;
                }
            });
            return block;
        }

        /// <summary>Clears what <see cref="Rent"/> wrote and keeps the block for the next slab.</summary>
        public void Return(Block block)
        {
            ForEachRow(block, static (span, _) => span.Clear());
            _blocks.Add(block);
        }

        /// <summary>Calls <paramref name="action"/> with the block's span and the source's span of every non-empty row extent.</summary>
        private void ForEachRow(Block block, RowAction action)
        {
            var from = Math.Max(0, block.FirstPlane);
            var to = Math.Min(SizeK, block.FirstPlane + block.PlaneCount);
            for (var k = from; k < to; k++)
            {
                for (var j = 0; j < SizeJ; j++)
                {
                    var row = RowId(j, k);
                    var first = _first[row];
                    var last = _last[row];
                    if (last < 0)
                    {
                        continue;
                    }

                    var length = last - first + 1;
                    action(
                        block.Mask.AsSpan(Offset(first, j, k, block), length),
                        _voxels.AsSpan(first + (SizeI * (j + (SizeJ * k))), length));
                }
            }
        }

        private delegate void RowAction(Span<byte> target, ReadOnlySpan<byte> source);

        public int SizeI { get; }

        public int SizeJ { get; }

        public int SizeK { get; }

        public Matrix3 IndexToWorld { get; }

        private int PlaneMapLength => (SizeI + 2) * (SizeJ + 2) * 3;

        /// <summary>Offset in <paramref name="block"/> of voxel (i, j, k) of the padded field, each from -1 to size.</summary>
        private int Offset(int i, int j, int k, Block block) => (i + 1) + (_strideJ * (j + 1)) + (_strideK * (k - block.FirstPlane));

        /// <summary>Index of the padded row (j, k) in the row extent tables, j and k from -1 to size.</summary>
        private int RowId(int j, int k) => (j + 1) + ((SizeJ + 2) * (k + 1));

        /// <summary>
        /// The i range that can hold a crossing edge or a non-empty cell for rows (j, k), (j + 1, k), (j, k + 1) and, when
        /// <paramref name="four"/>, (j + 1, k + 1): from one before the lowest first label voxel to the highest last one.
        /// </summary>
        private (int Low, int High) Extent(int j, int k, bool four)
        {
            var a = RowId(j, k);
            var b = a + 1;
            var c = a + SizeJ + 2;
            var low = Math.Min(_first[a], Math.Min(_first[b], _first[c]));
            var high = Math.Max(_last[a], Math.Max(_last[b], _last[c]));
            if (four)
            {
                low = Math.Min(low, _first[c + 1]);
                high = Math.Max(high, _last[c + 1]);
            }

            return (low - 1, high);
        }

        private static int MapIndex(int i, int j, int axis, int sizeI) => ((((j + 1) * (sizeI + 2)) + (i + 1)) * 3) + axis;

        /// <summary>
        /// Numbers the crossing edges owned by plane <paramref name="k"/> (those whose lower voxel lies in it), in scan order.
        /// Fills <paramref name="map"/> and <paramref name="positions"/> when given; returns the count.
        /// </summary>
        public int ScanPlane(int k, Span<int> map, Vector3[]? positions, int firstId, Block block)
        {
            // Only crossing edges are ever looked up, and each is written below before use: no clearing needed.
            var fill = !map.IsEmpty;
            if (k >= SizeK)
            {
                return 0;
            }

            var id = firstId;
            var mask = block.Mask;
            for (var j = -1; j < SizeJ; j++)
            {
                // Only between the row extents can an edge cross; labels are usually small against the grid.
                var (low, high) = Extent(j, k, four: false);
                for (var i = low; i <= high; i++)
                {
                    var o = Offset(i, j, k, block);
                    var here = mask[o];
                    var x = here != mask[o + 1];
                    var y = here != mask[o + _strideJ];
                    var z = here != mask[o + _strideK];
                    if (!(x | y | z))
                    {
                        continue;
                    }

                    if (!fill)
                    {
                        id += (x ? 1 : 0) + (y ? 1 : 0) + (z ? 1 : 0);
                        continue;
                    }

                    var m = MapIndex(i, j, 0, SizeI);
                    if (x)
                    {
                        map[m] = id;
                        Store(positions, id++, i + 0.5, j, k);
                    }

                    if (y)
                    {
                        map[m + 1] = id;
                        Store(positions, id++, i, j + 0.5, k);
                    }

                    if (z)
                    {
                        map[m + 2] = id;
                        Store(positions, id++, i, j, k + 0.5);
                    }
                }
            }

            return id - firstId;
        }

        private void Store(Vector3[]? positions, int id, double i, double j, double k)
        {
            if (positions is not null)
            {
                positions[id] = ToVector(i, j, k);
            }
        }

        private Vector3 ToVector(double i, double j, double k)
        {
            var p = _geometry.IndexToWorld(new ContinuousIndex(i, j, k));
            return new Vector3((float)p.X, (float)p.Y, (float)p.Z);
        }

        /// <summary>Triangulates the cell layers whose lower plane runs from <paramref name="firstLayer"/> to before <paramref name="endLayer"/>.</summary>
        public SlabOutput ExtractSlab(int firstLayer, int endLayer, int[] planeBase, Vector3[] edgePositions, bool flip)
        {
            var output = new SlabOutput();
            var lower = ArrayPool<int>.Shared.Rent(PlaneMapLength);
            var upper = ArrayPool<int>.Shared.Rent(PlaneMapLength);
            // Planes firstLayer to endLayer + 1: the layers' corners and the z neighbours of the planes scanned.
            var block = Rent(firstLayer, endLayer - firstLayer + 2);
            var mask = block.Mask;
            ScanPlane(firstLayer, lower, edgePositions, planeBase[firstLayer + 1], block);
            // Each cube edge's place in the plane maps relative to the cell's own corner, and which map (upper or lower).
            var edges = CubeCaseTable.Edges;
            Span<int> edgeOffset = stackalloc int[CubeCaseTable.EdgeCount];
            Span<bool> edgeUpper = stackalloc bool[CubeCaseTable.EdgeCount];
            for (var e = 0; e < edges.Length; e++)
            {
                var (corner, axis) = edges[e];
                edgeOffset[e] = MapIndex((corner & 1) - 1, ((corner >> 1) & 1) - 1, axis, SizeI);
                edgeUpper[e] = (corner & 4) != 0;
            }

            for (var ck = firstLayer; ck < endLayer; ck++)
            {
                // The upper plane's positions belong to the next layer (possibly in another slab), so it only numbers here.
                var upperOwned = ck + 1 < endLayer;
                ScanPlane(ck + 1, upper, upperOwned ? edgePositions : null, ck + 1 < SizeK ? planeBase[ck + 2] : 0, block);
                for (var cj = -1; cj < SizeJ; cj++)
                {
                    var (low, high) = Extent(cj, ck, four: true);
                    if (low > high)
                    {
                        continue;
                    }

                    // Cell ci + 1 shares the four corners at i + 1 of cell ci: its case code takes their odd bits as even
                    // ones. The corners at i = low lie before every row extent, so the first cell starts from zeros.
                    var o = Offset(low, cj, ck, block);
                    var c = 0;
                    for (var ci = low; ci <= high; ci++, o++)
                    {
                        c = ((c >> 1) & 0b0101_0101)
                            | (mask[o + 1] << 1)
                            | (mask[o + _strideJ + 1] << 3)
                            | (mask[o + _strideK + 1] << 5)
                            | (mask[o + _strideK + _strideJ + 1] << 7);
                        if (c is 0 or 255)
                        {
                            continue;
                        }

                        var cell = MapIndex(ci, cj, 0, SizeI);
                        var centres = CubeCaseTable.Centres[c];
                        var centreFirst = output.Centres.Count;
                        foreach (var cycle in centres)
                        {
                            double si = 0, sj = 0, sk = 0;
                            foreach (var e in cycle)
                            {
                                var (x, y, z) = CubeCaseTable.EdgeMidpoint(e);
                                si += x;
                                sj += y;
                                sk += z;
                            }

                            output.Centres.Add(ToVector(ci + (si / cycle.Length), cj + (sj / cycle.Length), ck + (sk / cycle.Length)));
                        }

                        var triangles = CubeCaseTable.Triangles[c];
                        for (var t = 0; t < triangles.Length; t += 3)
                        {
                            var a = Resolve(triangles[t], cell, edgeOffset, edgeUpper, lower, upper, centreFirst);
                            var b = Resolve(triangles[t + 1], cell, edgeOffset, edgeUpper, lower, upper, centreFirst);
                            var d = Resolve(triangles[t + 2], cell, edgeOffset, edgeUpper, lower, upper, centreFirst);
                            output.Indices.Add(a);
                            output.Indices.Add(flip ? d : b);
                            output.Indices.Add(flip ? b : d);
                        }
                    }
                }

                (lower, upper) = (upper, lower);
            }

            Return(block);
            ArrayPool<int>.Shared.Return(lower);
            ArrayPool<int>.Shared.Return(upper);
            return output;
        }

        /// <summary>An edge code becomes its vertex id; a centroid becomes a negative slab-local reference.</summary>
        private static int Resolve(int code, int cell, ReadOnlySpan<int> edgeOffset, ReadOnlySpan<bool> edgeUpper, int[] lower, int[] upper, int centreFirst) =>
            code < CubeCaseTable.EdgeCount
                ? (edgeUpper[code] ? upper : lower)[cell + edgeOffset[code]]
                : ~(centreFirst + code - CubeCaseTable.EdgeCount);
    }
}
