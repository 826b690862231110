using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Internal;

namespace Seldinger.Planning;

/// <summary>
/// Measures needle paths against protected structures in a label volume.
/// </summary>
/// <remarks>
/// <para>
/// Construction computes one exact Euclidean distance map per protected label
/// (<see cref="EuclideanDistanceTransform"/>). <see cref="Evaluate"/> then samples the segment every
/// <see cref="SampleStepMm"/> (a quarter of the smallest voxel spacing), reads each map by trilinear
/// interpolation, refines the smallest sample by a golden-section search between its neighbours, and
/// looks up the label of the nearest voxel at every sample to decide whether a structure is crossed.
/// </para>
/// <para>
/// Tolerance: the exact quantity is the smallest distance from the segment to a voxel centre of the
/// structure. Trilinear interpolation of a distance map is off by at most the voxel half-diagonal
/// (the map is 1-Lipschitz; by Jensen's inequality the weighted corner offsets are at most
/// √(Σ sᵢ²/4)), and sampling adds at most half a step, so
/// |reported − exact| ≤ half-diagonal + <see cref="SampleStepMm"/>/2. Points outside the volume read
/// the nearest border voxel.
/// </para>
/// </remarks>
public sealed class NeedlePathEvaluator
{
    private readonly float[][] _maps;
    private readonly bool[] _hasFeature;

    /// <summary>Precomputes the distance maps of <paramref name="structures"/> in <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">A structure has a negative or non-finite margin, or the volume is sheared.</exception>
    public NeedlePathEvaluator(Volume<byte> labels, IReadOnlyList<ProtectedStructure> structures)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(structures);
        Labels = labels;
        Structures = [.. structures];
        SampleStepMm = labels.Geometry.MinimumSpacing / 4;

        var byLabel = new Dictionary<byte, float[]>();
        _maps = new float[Structures.Count][];
        _hasFeature = new bool[Structures.Count];
        for (var s = 0; s < Structures.Count; s++)
        {
            var structure = Structures[s] ?? throw new ArgumentException($"Protected structure {s} is null.", nameof(structures));
            if (!double.IsFinite(structure.MinimumClearanceMm) || structure.MinimumClearanceMm < 0)
            {
                throw new ArgumentException($"The margin of {structure.Name} must be a finite number ≥ 0 mm, not {structure.MinimumClearanceMm}.", nameof(structures));
            }

            if (!byLabel.TryGetValue(structure.Label, out var map))
            {
                // A label absent from the volume has no distance map to compute (every distance is +∞).
                map = labels.Voxels.AsSpan().Contains(structure.Label) ? EuclideanDistanceTransform.Compute(labels, structure.Label).Voxels : [];
                byLabel.Add(structure.Label, map);
            }

            _maps[s] = map;
            _hasFeature[s] = map.Length > 0 && !float.IsPositiveInfinity(map[0]);
        }

        Blocks = new LabelBlocks(labels);
    }

    /// <summary>Which labels occur in each block of <see cref="Labels"/> (for skipping along paths).</summary>
    internal LabelBlocks Blocks { get; }

    /// <summary>The label volume the paths are measured in.</summary>
    public Volume<byte> Labels { get; }

    /// <summary>The protected structures, in the order of <see cref="NeedlePathEvaluation.Clearances"/>.</summary>
    public IReadOnlyList<ProtectedStructure> Structures { get; }

    /// <summary>Distance between samples along a path, mm: a quarter of the smallest voxel spacing.</summary>
    public double SampleStepMm { get; }

    /// <summary>Distance (mm) from a point to the nearest voxel centre of structure <paramref name="structureIndex"/>, by trilinear interpolation.</summary>
    public double DistanceTo(int structureIndex, WorldPoint point)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(structureIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(structureIndex, Structures.Count);
        return _hasFeature[structureIndex]
            ? Trilinear(_maps[structureIndex], Labels.Geometry.WorldToIndex(point))
            : double.PositiveInfinity;
    }

    /// <summary>Measures a path.</summary>
    public NeedlePathEvaluation Evaluate(NeedlePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var g = Labels.Geometry;
        var length = path.LengthMm;
        var intervals = SampleCount(length);
        var start = g.WorldToIndex(path.Entry);
        var end = g.WorldToIndex(path.Target);

        var count = Structures.Count;
        var best = new double[count];
        var bestSample = new int[count];
        var crossed = new bool[count];
        Array.Fill(best, double.PositiveInfinity);
        var traversed = new bool[256];

        for (var m = 0; m <= intervals; m++)
        {
            var index = Along(start, end, (double)m / intervals);
            var label = NearestLabel(index);
            traversed[label] = true;
            for (var s = 0; s < count; s++)
            {
                if (label == Structures[s].Label)
                {
                    crossed[s] = true;
                }

                if (!_hasFeature[s])
                {
                    continue;
                }

                var d = Trilinear(_maps[s], index);
                if (d < best[s])
                {
                    best[s] = d;
                    bestSample[s] = m;
                }
            }
        }

        var clearances = new StructureClearance[count];
        var surplus = double.PositiveInfinity;
        var safe = true;
        for (var s = 0; s < count; s++)
        {
            var t = (double)bestSample[s] / intervals;
            if (_hasFeature[s] && intervals > 0)
            {
                (t, best[s]) = Refine(s, start, end, bestSample[s], intervals, best[s]);
            }

            var structure = Structures[s];
            var violates = crossed[s] || best[s] < structure.MinimumClearanceMm;
            safe &= !violates;
            surplus = Math.Min(surplus, crossed[s] ? -structure.MinimumClearanceMm : best[s] - structure.MinimumClearanceMm);
            clearances[s] = new StructureClearance(structure, best[s], path.PointAt(t), crossed[s], violates);
        }

        var labels = new List<byte>();
        for (var v = 0; v < 256; v++)
        {
            if (traversed[v])
            {
                labels.Add((byte)v);
            }
        }

        return new NeedlePathEvaluation
        {
            Path = path,
            LengthMm = length,
            InsertionAngleDeg = InsertionAngle(path),
            Clearances = clearances,
            TraversedLabels = labels,
            MinimumMarginSurplusMm = surplus,
            IsSafe = safe,
        };
    }

    /// <summary>Angle between a path and the axial plane, degrees (0 in-plane, 90 craniocaudal).</summary>
    public static double InsertionAngle(NeedlePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return InsertionAngle(path.Entry, path.Target);
    }

    /// <summary>The angle of <see cref="InsertionAngle(NeedlePath)"/> for a path given by its ends.</summary>
    internal static double InsertionAngle(WorldPoint entry, WorldPoint target)
    {
        var v = target - entry;
        var length = v.Length;
        return length == 0 ? 0 : Math.Asin(Math.Min(1, Math.Abs(v.Z) / length)) * 180 / Math.PI;
    }

    /// <summary>
    /// <see cref="FirstForbiddenLabel"/> with skipping (−1 when every sample is allowed): the same samples,
    /// but runs of samples that <paramref name="blockClearance"/> (from <see cref="LabelBlocks.Clearance"/>
    /// for the same <paramref name="allowed"/>) proves allowed are not read.
    /// </summary>
    /// <remarks>
    /// At a sample in block B with clearance d, every voxel in the box of blocks fewer than d blocks from B
    /// is allowed (for d = 0 the sample's own voxel, just read, is): the following samples are skipped while
    /// their position, advanced by the index step per sample, rounds into that box.
    /// </remarks>
    internal int FirstForbiddenLabelFast(ContinuousIndex start, ContinuousIndex end, int intervals, bool[] allowed, byte[] blockClearance)
    {
        var g = Labels.Geometry;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        var voxels = Labels.Voxels;
        int bi = Blocks.BlocksI, bj = Blocks.BlocksJ;
        double di = (end.I - start.I) / intervals, dj = (end.J - start.J) / intervals, dk = (end.K - start.K) / intervals;
        var m = 0;
        while (m <= intervals)
        {
            var p = Along(start, end, (double)m / intervals);
            var i = (int)Math.Floor(p.I + 0.5);
            var j = (int)Math.Floor(p.J + 0.5);
            var k = (int)Math.Floor(p.K + 0.5);
            if ((uint)i >= (uint)nx || (uint)j >= (uint)ny || (uint)k >= (uint)nz)
            {
                if (!allowed[0])
                {
                    return 0;
                }

                m++;
                continue;
            }

            var label = voxels[i + (nx * (j + (ny * k)))];
            if (!allowed[label])
            {
                return label;
            }

            int ib = i >> LabelBlocks.Shift, jb = j >> LabelBlocks.Shift, kb = k >> LabelBlocks.Shift;
            int d = blockClearance[ib + 1 + (bi * (jb + 1 + (bj * (kb + 1))))];

            // Every voxel of the box of blocks fewer than d blocks away is allowed (d = 0: the voxel itself);
            // skip the samples whose nearest voxel stays in that box.
            var skip = Math.Min(
                Math.Min(StepsInside(p.I, di, i, ib, d), StepsInside(p.J, dj, j, jb, d)),
                Math.Min(StepsInside(p.K, dk, k, kb, d), intervals - m));
            m += (int)Math.Max(skip, 0) + 1;
        }

        return -1;

        static double StepsInside(double x, double dx, int v, int b, int d)
        {
            // The nearest voxel stays in [lo, hi] while x stays in [lo − ½, hi + ½), with a margin for rounding.
            const double Margin = 1e-6;
            int lo = d == 0 ? v : (b - d + 1) << LabelBlocks.Shift, hi = d == 0 ? v : ((b + d) << LabelBlocks.Shift) - 1;
            return dx > 0 ? Math.Floor((hi + 0.5 - Margin - x) / dx)
                : dx < 0 ? Math.Floor((x - (lo - 0.5 + Margin)) / -dx)
                : double.PositiveInfinity;
        }
    }

    /// <summary>
    /// Whether the clearance <see cref="Evaluate"/> would report for structure <paramref name="s"/> is
    /// certainly ≥ <paramref name="marginMm"/>, reading as few samples as the distance bound allows;
    /// <see langword="false"/> means "not certain" (use <see cref="ClearanceOf"/>). <paramref name="smallestRead"/>
    /// is the smallest sample read, an upper bound of that clearance.
    /// </summary>
    /// <remarks>
    /// Between neighbouring voxel centres the exact distance map changes by at most their spacing, so its
    /// trilinear interpolant changes by at most λ = Σ spacingᵢ·|Δindexᵢ| from one sample to the next.
    /// If every sample reads ≥ margin + λ (+ a small rounding allowance), the refined minimum, which lies
    /// within one sample interval of the smallest sample, is ≥ margin. A sample reading f lets the next
    /// ⌊(f − margin − λ)/λ⌋ samples go unread.
    /// </remarks>
    internal bool ClearanceCertainlyKept(int s, ContinuousIndex start, ContinuousIndex end, int intervals, double marginMm, out double smallestRead)
    {
        smallestRead = double.PositiveInfinity;
        if (!_hasFeature[s])
        {
            return true;
        }

        var g = Labels.Geometry;
        var lambda = ((Math.Abs(end.I - start.I) * g.SpacingI) + (Math.Abs(end.J - start.J) * g.SpacingJ) + (Math.Abs(end.K - start.K) * g.SpacingK)) / intervals;
        const double Allowance = 1e-3;
        var threshold = marginMm + lambda + Allowance;
        var map = _maps[s];
        var m = 0;
        while (m <= intervals)
        {
            var f = Trilinear(map, Along(start, end, (double)m / intervals));
            smallestRead = Math.Min(smallestRead, f);
            if (!(f >= threshold))
            {
                return false;
            }

            var skip = lambda > 0 ? Math.Floor((f - threshold - Allowance) / lambda) : intervals;
            if (skip >= 1)
            {
                m += (int)Math.Min(skip, intervals - m);
            }

            m++;
        }

        return true;
    }

    /// <summary>
    /// The clearance (mm) <see cref="Evaluate"/> reports for structure <paramref name="s"/>, bit for bit:
    /// the first smallest sample, refined the same way. <paramref name="bound"/> is a value of some sample
    /// (e.g. <c>smallestRead</c> of <see cref="ClearanceCertainlyKept"/>); samples that the distance bound
    /// proves larger than both it and the smallest read so far cannot be that first smallest and are not read.
    /// </summary>
    internal double ClearanceOf(int s, ContinuousIndex start, ContinuousIndex end, int intervals, double bound)
    {
        if (!_hasFeature[s])
        {
            return double.PositiveInfinity;
        }

        var g = Labels.Geometry;
        var lambda = ((Math.Abs(end.I - start.I) * g.SpacingI) + (Math.Abs(end.J - start.J) * g.SpacingJ) + (Math.Abs(end.K - start.K) * g.SpacingK)) / intervals;
        const double Allowance = 1e-3;
        var map = _maps[s];
        var best = double.PositiveInfinity;
        var bestSample = 0;
        var m = 0;
        while (m <= intervals)
        {
            var d = Trilinear(map, Along(start, end, (double)m / intervals));
            if (d < best)
            {
                best = d;
                bestSample = m;
            }

            var skip = lambda > 0 ? Math.Floor((d - Math.Min(best, bound) - (2 * Allowance)) / lambda) : intervals;
            m += (int)Math.Min(Math.Max(skip, 0), intervals - m) + 1;
        }

        return intervals > 0 ? Refine(s, start, end, bestSample, intervals, best).Distance : best;
    }

    /// <summary>Number of sample intervals along a path of <paramref name="length"/> mm.</summary>
    internal int SampleCount(double length) => Math.Max(1, (int)Math.Ceiling(length / SampleStepMm));

    /// <summary>
    /// The first label along the path (from the entry) whose entry in <paramref name="allowed"/> is false,
    /// or <see langword="null"/> when every sample is allowed. Same sampling as <see cref="Evaluate"/>.
    /// </summary>
    internal byte? FirstForbiddenLabel(NeedlePath path, bool[] allowed)
    {
        var g = Labels.Geometry;
        var intervals = SampleCount(path.LengthMm);
        var start = g.WorldToIndex(path.Entry);
        var end = g.WorldToIndex(path.Target);
        for (var m = 0; m <= intervals; m++)
        {
            var label = NearestLabel(Along(start, end, (double)m / intervals));
            if (!allowed[label])
            {
                return label;
            }
        }

        return null;
    }

    private static ContinuousIndex Along(ContinuousIndex a, ContinuousIndex b, double t) =>
        new(a.I + (t * (b.I - a.I)), a.J + (t * (b.J - a.J)), a.K + (t * (b.K - a.K)));

    private (double T, double Distance) Refine(int s, ContinuousIndex start, ContinuousIndex end, int sample, int intervals, double sampled)
    {
        // Golden-section search on [t(m−1), t(m+1)]; keeps the sample if the search finds nothing smaller.
        var lo = Math.Max(0, (double)(sample - 1) / intervals);
        var hi = Math.Min(1, (double)(sample + 1) / intervals);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var map = _maps[s];
        var x1 = hi - (ratio * (hi - lo));
        var x2 = lo + (ratio * (hi - lo));
        var f1 = Trilinear(map, Along(start, end, x1));
        var f2 = Trilinear(map, Along(start, end, x2));
        for (var iteration = 0; iteration < 30; iteration++)
        {
            if (f1 <= f2)
            {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - (ratio * (hi - lo));
                f1 = Trilinear(map, Along(start, end, x1));
            }
            else
            {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + (ratio * (hi - lo));
                f2 = Trilinear(map, Along(start, end, x2));
            }
        }

        var (t, d) = f1 <= f2 ? (x1, f1) : (x2, f2);
        return d < sampled ? (t, d) : ((double)sample / intervals, sampled);
    }

    private byte NearestLabel(ContinuousIndex index)
    {
        var g = Labels.Geometry;
        var i = (int)Math.Floor(index.I + 0.5);
        var j = (int)Math.Floor(index.J + 0.5);
        var k = (int)Math.Floor(index.K + 0.5);
        return (uint)i < (uint)g.SizeI && (uint)j < (uint)g.SizeJ && (uint)k < (uint)g.SizeK
            ? Labels.Voxels[g.LinearIndex(i, j, k)]
            : (byte)0;
    }

    private double Trilinear(float[] map, ContinuousIndex index)
    {
        var g = Labels.Geometry;
        Axis(index.I, g.SizeI, out var i0, out var i1, out var ti);
        Axis(index.J, g.SizeJ, out var j0, out var j1, out var tj);
        Axis(index.K, g.SizeK, out var k0, out var k1, out var tk);
        int nx = g.SizeI, plane = g.SizeI * g.SizeJ;
        int r00 = (j0 * nx) + (k0 * plane), r10 = (j1 * nx) + (k0 * plane), r01 = (j0 * nx) + (k1 * plane), r11 = (j1 * nx) + (k1 * plane);
        var c00 = Lerp(map[r00 + i0], map[r00 + i1], ti);
        var c10 = Lerp(map[r10 + i0], map[r10 + i1], ti);
        var c01 = Lerp(map[r01 + i0], map[r01 + i1], ti);
        var c11 = Lerp(map[r11 + i0], map[r11 + i1], ti);
        return Lerp(Lerp(c00, c10, tj), Lerp(c01, c11, tj), tk);
    }

    private static double Lerp(double a, double b, double t) => a + (t * (b - a));

    private static void Axis(double x, int size, out int lower, out int upper, out double t)
    {
        var clamped = Math.Clamp(x, 0, size - 1);
        lower = Math.Min((int)clamped, size - 1);
        upper = Math.Min(lower + 1, size - 1);
        t = clamped - lower;
    }
}
