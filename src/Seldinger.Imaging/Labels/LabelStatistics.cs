using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Labels;

/// <summary>Per-label volume, extent, centroid and largest diameter of a label map (lesion size, collection volume).</summary>
public static class LabelStatistics
{
    /// <summary>Measurements of every non-zero label present, in ascending label order.</summary>
    public static IReadOnlyList<LabelMeasurement> ComputeAll(Volume<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = new bool[256];
        foreach (var v in labels.Voxels)
        {
            present[v] = true;
        }

        var result = new List<LabelMeasurement>();
        for (var l = 1; l < 256; l++)
        {
            if (present[l])
            {
                result.Add(Compute(labels, (byte)l)!);
            }
        }

        return result;
    }

    /// <summary>Measurements of <paramref name="label"/>, or null when no voxel carries it.</summary>
    /// <remarks>
    /// The largest diameter is exact: the farthest pair of a point set are vertices of its convex hull, and a
    /// hull vertex cannot be the midpoint of two other voxels of the set, so only voxels that are the first or
    /// last of the label along their i row, j column and k pillar are candidates (an affine grid keeps midpoints).
    /// The farthest candidate pair is then found by a branch-and-bound over a k-d tree of the candidates, which skips
    /// every pair of tree boxes that cannot beat the best pair so far (exact; close to O(m log m) for compact shapes).
    /// The diameter is between voxel centres: the label's extent measured on its outermost voxel centres.
    /// </remarks>
    public static LabelMeasurement? Compute(Volume<byte> labels, byte label)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var g = labels.Geometry;
        var src = labels.Voxels;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK, plane = nx * ny;
        long count = 0;
        int minI = int.MaxValue, minJ = int.MaxValue, minK = int.MaxValue, maxI = -1, maxJ = -1, maxK = -1;
        double sumI = 0, sumJ = 0, sumK = 0;
        var worldMin = new double[] { double.MaxValue, double.MaxValue, double.MaxValue };
        var worldMax = new double[] { double.MinValue, double.MinValue, double.MinValue };
        var candidates = new List<WorldPoint>();
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                var row = g.LinearIndex(0, j, k);
                for (var i = 0; i < nx; i++)
                {
                    var n = row + i;
                    if (src[n] != label)
                    {
                        continue;
                    }

                    count++;
                    sumI += i;
                    sumJ += j;
                    sumK += k;
                    minI = Math.Min(minI, i);
                    minJ = Math.Min(minJ, j);
                    minK = Math.Min(minK, k);
                    maxI = Math.Max(maxI, i);
                    maxJ = Math.Max(maxJ, j);
                    maxK = Math.Max(maxK, k);
                    var p = g.IndexToWorld(new VoxelIndex(i, j, k));
                    worldMin[0] = Math.Min(worldMin[0], p.X);
                    worldMin[1] = Math.Min(worldMin[1], p.Y);
                    worldMin[2] = Math.Min(worldMin[2], p.Z);
                    worldMax[0] = Math.Max(worldMax[0], p.X);
                    worldMax[1] = Math.Max(worldMax[1], p.Y);
                    worldMax[2] = Math.Max(worldMax[2], p.Z);
                    if (IsAxisExtreme(src, label, n, i, nx, 1) && IsAxisExtreme(src, label, n, j, ny, nx) && IsAxisExtreme(src, label, n, k, nz, plane))
                    {
                        candidates.Add(p);
                    }
                }
            }
        }

        if (count == 0)
        {
            return null;
        }

        var (diameter, a, b) = FarthestPair(candidates);
        var voxelMl = Math.Abs(g.IndexToWorldMatrix.Determinant) / 1000.0;
        return new LabelMeasurement(
            label,
            count,
            count * voxelMl,
            new VoxelIndex(minI, minJ, minK),
            new VoxelIndex(maxI, maxJ, maxK),
            new WorldPoint(worldMin[0], worldMin[1], worldMin[2]),
            new WorldPoint(worldMax[0], worldMax[1], worldMax[2]),
            g.IndexToWorld(new ContinuousIndex(sumI / count, sumJ / count, sumK / count)),
            diameter,
            a,
            b);
    }

    /// <summary>
    /// Intensity statistics of every non-zero label present in <paramref name="labels"/> over <paramref name="image"/>
    /// (e.g. HU of a CT on the same grid), in ascending label order. Sums are exact (integer); the standard deviation
    /// is the population one (divided by the voxel count).
    /// </summary>
    /// <exception cref="ArgumentException">The two volumes differ in size.</exception>
    public static IReadOnlyList<LabelIntensity> ComputeIntensities(Volume<byte> labels, Volume<short> image)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(image);
        var g = labels.Geometry;
        if (g.SizeI != image.Geometry.SizeI || g.SizeJ != image.Geometry.SizeJ || g.SizeK != image.Geometry.SizeK)
        {
            throw new ArgumentException("The image must have the label map's size.", nameof(image));
        }

        var count = new long[256];
        var sum = new long[256];
        var sumSquares = new long[256];
        var min = new int[256];
        var max = new int[256];
        Array.Fill(min, int.MaxValue);
        Array.Fill(max, int.MinValue);
        var gate = new object();
        var plane = g.SizeI * g.SizeJ;
        Parallel.For(0, g.SizeK, () => new Accumulator(), (k, _, local) =>
        {
            var lab = labels.Voxels.AsSpan(k * plane, plane);
            var img = image.Voxels.AsSpan(k * plane, plane);
            for (var n = 0; n < lab.Length; n++)
            {
                var l = lab[n];
                if (l == 0)
                {
                    continue;
                }

                int v = img[n];
                local.Count[l]++;
                local.Sum[l] += v;
                local.SumSquares[l] += (long)v * v;
                local.Min[l] = Math.Min(local.Min[l], v);
                local.Max[l] = Math.Max(local.Max[l], v);
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                for (var l = 1; l < 256; l++)
                {
                    count[l] += local.Count[l];
                    sum[l] += local.Sum[l];
                    sumSquares[l] += local.SumSquares[l];
                    min[l] = Math.Min(min[l], local.Min[l]);
                    max[l] = Math.Max(max[l], local.Max[l]);
                }
            }
        });

        var result = new List<LabelIntensity>();
        for (var l = 1; l < 256; l++)
        {
            if (count[l] == 0)
            {
                continue;
            }

            var mean = (double)sum[l] / count[l];
            // Variance from exact integer sums: (n·Σx² − (Σx)²) / n², in 128-bit so nothing overflows or cancels.
            var numerator = ((Int128)count[l] * sumSquares[l]) - ((Int128)sum[l] * sum[l]);
            var variance = (double)numerator / ((double)count[l] * count[l]);
            result.Add(new LabelIntensity((byte)l, count[l], mean, Math.Sqrt(Math.Max(0, variance)), (short)min[l], (short)max[l]));
        }

        return result;
    }

    private sealed class Accumulator
    {
        public Accumulator()
        {
            Array.Fill(Min, int.MaxValue);
            Array.Fill(Max, int.MinValue);
        }

        public long[] Count { get; } = new long[256];

        public long[] Sum { get; } = new long[256];

        public long[] SumSquares { get; } = new long[256];

        public int[] Min { get; } = new int[256];

        public int[] Max { get; } = new int[256];
    }

    /// <summary>True when the voxel is the first or the last of the label on its line along one axis.</summary>
    private static bool IsAxisExtreme(byte[] src, byte label, int n, int coordinate, int size, int stride) =>
        coordinate == 0 || coordinate == size - 1 || src[n - stride] != label || src[n + stride] != label;

    /// <summary>
    /// The farthest pair of <paramref name="points"/>, exactly: a k-d tree over the points and a branch-and-bound over
    /// pairs of its boxes. A pair of boxes is skipped when no two of their points can be farther apart than the best
    /// pair so far; the bound uses the same floating-point operations as the distances, so nothing is skipped that
    /// could win. Farthest pairs sit at opposite ends of the set, so few box pairs survive.
    /// </summary>
    private static (double Distance, WorldPoint A, WorldPoint B) FarthestPair(List<WorldPoint> points) =>
        new FarthestPairSearch([.. points]).Run();

    /// <summary>Exact farthest pair by a k-d tree and a dual-tree branch-and-bound.</summary>
    private sealed class FarthestPairSearch
    {
        private const int LeafSize = 12;
        private readonly List<Node> _nodes = [];
        private WorldPoint[] _points;
        private double _best = -1;
        private WorldPoint _bestA;
        private WorldPoint _bestB;

        public FarthestPairSearch(WorldPoint[] points)
        {
            _points = points;
        }

        public (double Distance, WorldPoint A, WorldPoint B) Run()
        {
            if (_points.Length == 1)
            {
                return (0, _points[0], _points[0]);
            }

            // A good first pair: the farthest pair among the extremes along 13 directions.
            var extremes = new HashSet<int>();
            Span<int> directions = stackalloc int[39]
            {
                1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, -1, 0, 1, 0, 1, 1, 0, -1, 0, 1, 1, 0, 1, -1, 1, 1, 1, 1, 1, -1, 1, -1, 1, -1, 1, 1,
            };
            for (var d = 0; d < directions.Length; d += 3)
            {
                int low = 0, high = 0;
                double lowValue = double.PositiveInfinity, highValue = double.NegativeInfinity;
                for (var n = 0; n < _points.Length; n++)
                {
                    var p = _points[n];
                    var v = (p.X * directions[d]) + (p.Y * directions[d + 1]) + (p.Z * directions[d + 2]);
                    if (v < lowValue)
                    {
                        (lowValue, low) = (v, n);
                    }

                    if (v > highValue)
                    {
                        (highValue, high) = (v, n);
                    }
                }

                extremes.Add(low);
                extremes.Add(high);
            }

            var seeds = extremes.ToArray();
            foreach (var a in seeds)
            {
                foreach (var b in seeds)
                {
                    Consider(a, b);
                }
            }

            var order = Enumerable.Range(0, _points.Length).ToArray();
            Build(order, 0, order.Length);
            _points = [.. order.Select(n => _points[n])]; // tree order: each node holds a contiguous range
            Search(0, 0);
            return (Math.Sqrt(_best), _bestA, _bestB);
        }

        private void Consider(int a, int b)
        {
            var d = (_points[b] - _points[a]).LengthSquared;
            if (d > _best)
            {
                (_best, _bestA, _bestB) = (d, _points[a], _points[b]);
            }
        }

        /// <summary>Builds the subtree of order[start..end) (split at the median of the widest axis); returns its node.</summary>
        private int Build(int[] order, int start, int end)
        {
            var min = new WorldPoint(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
            var max = new WorldPoint(double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity);
            for (var n = start; n < end; n++)
            {
                var p = _points[order[n]];
                min = new WorldPoint(Math.Min(min.X, p.X), Math.Min(min.Y, p.Y), Math.Min(min.Z, p.Z));
                max = new WorldPoint(Math.Max(max.X, p.X), Math.Max(max.Y, p.Y), Math.Max(max.Z, p.Z));
            }

            var index = _nodes.Count;
            _nodes.Add(new Node(min, max, start, end, -1, -1));
            if (end - start <= LeafSize)
            {
                return index;
            }

            var extent = max - min;
            var axis = extent.X >= extent.Y && extent.X >= extent.Z ? 0 : extent.Y >= extent.Z ? 1 : 2;
            var points = _points;
            Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) => Coordinate(points[a], axis).CompareTo(Coordinate(points[b], axis))));
            var middle = start + ((end - start) / 2);
            var left = Build(order, start, middle);
            var right = Build(order, middle, end);
            _nodes[index] = _nodes[index] with { Left = left, Right = right };
            return index;
        }

        private static double Coordinate(WorldPoint p, int axis) => axis == 0 ? p.X : axis == 1 ? p.Y : p.Z;

        /// <summary>The largest squared distance any point of box a can have to any point of box b, rounded up as the distances are.</summary>
        private double Bound(int a, int b)
        {
            var p = _nodes[a];
            var q = _nodes[b];
            var x = Math.Max(q.Max.X - p.Min.X, p.Max.X - q.Min.X);
            var y = Math.Max(q.Max.Y - p.Min.Y, p.Max.Y - q.Min.Y);
            var z = Math.Max(q.Max.Z - p.Min.Z, p.Max.Z - q.Min.Z);
            return (x * x) + (y * y) + (z * z);
        }

        private void Search(int a, int b)
        {
            if (Bound(a, b) <= _best)
            {
                return;
            }

            var p = _nodes[a];
            var q = _nodes[b];
            if (p.Left < 0 && q.Left < 0)
            {
                for (var m = p.Start; m < p.End; m++)
                {
                    for (var n = a == b ? m + 1 : q.Start; n < q.End; n++)
                    {
                        Consider(m, n);
                    }
                }

                return;
            }

            // Split the larger node (or the inner one); visit the more promising pair first.
            if (a == b)
            {
                Search(p.Left, p.Right);
                Search(p.Left, p.Left);
                Search(p.Right, p.Right);
                return;
            }

            if (q.Left < 0 || (p.Left >= 0 && p.End - p.Start >= q.End - q.Start))
            {
                var (first, second) = Bound(p.Left, b) >= Bound(p.Right, b) ? (p.Left, p.Right) : (p.Right, p.Left);
                Search(first, b);
                Search(second, b);
            }
            else
            {
                var (first, second) = Bound(a, q.Left) >= Bound(a, q.Right) ? (q.Left, q.Right) : (q.Right, q.Left);
                Search(a, first);
                Search(a, second);
            }
        }

        private readonly record struct Node(WorldPoint Min, WorldPoint Max, int Start, int End, int Left, int Right);
    }
}

/// <summary>Intensities of one label's voxels in an image on the label map's grid.</summary>
/// <param name="Label">The label value.</param>
/// <param name="VoxelCount">Number of voxels with the label.</param>
/// <param name="Mean">Mean intensity.</param>
/// <param name="StandardDeviation">Population standard deviation of the intensities.</param>
/// <param name="Min">Lowest intensity.</param>
/// <param name="Max">Highest intensity.</param>
public sealed record LabelIntensity(byte Label, long VoxelCount, double Mean, double StandardDeviation, short Min, short Max);
