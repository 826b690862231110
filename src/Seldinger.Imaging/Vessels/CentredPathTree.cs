using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>
/// Minimal paths through a vessel lumen from one source voxel to every lumen voxel it connects to, with a
/// cost that keeps the paths near the centre of the lumen.
/// </summary>
/// <remarks>
/// Dijkstra's algorithm on the 26-connected lumen voxels. A step of length <c>ℓ</c> mm between voxels
/// with wall distances <c>a</c> and <c>b</c> costs <c>ℓ · (1 + C / ((a + b)/2)²)</c>, with
/// <c>C</c> = <see cref="CentringMm2"/>: near the wall the cost per millimetre grows as the inverse
/// square of the distance, so the path follows the ridge of the distance map (the centreline) and leaves
/// it only where that saves much length (a medialness-weighted minimal path in the sense of
/// Deschamps &amp; Cohen, Med Image Anal 2001;5:281–299). With <c>C</c> = 0 the paths are plain
/// shortest paths through the lumen (geodesics, which hug inner bends). Besides the cost, the
/// tree keeps the arc length (mm) of each path.
/// </remarks>
public sealed class CentredPathTree
{
    private readonly float[] _cost;
    private readonly float[] _length;
    private readonly int[] _previous;

    private CentredPathTree(VolumeGeometry geometry, VoxelIndex source, double centring, float[] cost, float[] length, int[] previous)
    {
        Geometry = geometry;
        Source = source;
        CentringMm2 = centring;
        _cost = cost;
        _length = length;
        _previous = previous;
    }

    /// <summary>The grid.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>The voxel every path starts from.</summary>
    public VoxelIndex Source { get; }

    /// <summary>The centring weight C (mm²) the tree was built with.</summary>
    public double CentringMm2 { get; }

    /// <summary>Builds the tree.</summary>
    /// <param name="lumen">Non-zero voxels are lumen.</param>
    /// <param name="wallDistance">Distance to the wall (mm) per voxel, e.g. <see cref="VesselLumen.WallDistance"/>.</param>
    /// <param name="source">Start voxel; must be lumen.</param>
    /// <param name="centringMm2">The centring weight C, ≥ 0 (mm²); 4 keeps paths central in vessels of 1–20 mm.</param>
    /// <exception cref="ArgumentException">The grids differ, or the source is outside the grid or not lumen.</exception>
    public static CentredPathTree Build(Volume<byte> lumen, Volume<float> wallDistance, VoxelIndex source, double centringMm2 = 4)
    {
        ArgumentNullException.ThrowIfNull(lumen);
        ArgumentNullException.ThrowIfNull(wallDistance);
        ArgumentOutOfRangeException.ThrowIfNegative(centringMm2);
        var g = lumen.Geometry;
        if (wallDistance.Geometry != g)
        {
            throw new ArgumentException("The wall distance map is on another grid than the lumen.", nameof(wallDistance));
        }

        if (!g.Contains(source) || lumen[source] == 0)
        {
            throw new ArgumentException($"The source voxel {source} is not lumen.", nameof(source));
        }

        var n = lumen.Voxels.Length;
        var cost = new float[n];
        var length = new float[n];
        var previous = new int[n];
        Array.Fill(cost, float.PositiveInfinity);
        Array.Fill(previous, -1);
        var offsets = Neighbours(g);
        var mask = lumen.Voxels;
        var wall = wallDistance.Voxels;
        var s = g.LinearIndex(source);
        cost[s] = 0;
        var queue = new PriorityQueue<int, float>();
        queue.Enqueue(s, 0);
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        while (queue.TryDequeue(out var v, out var c))
        {
            if (c > cost[v])
            {
                continue;
            }

            var p = g.VoxelAt(v);
            foreach (var (di, dj, dk, step) in offsets)
            {
                int a = p.I + di, b = p.J + dj, e = p.K + dk;
                if ((uint)a >= (uint)nx || (uint)b >= (uint)ny || (uint)e >= (uint)nz)
                {
                    continue;
                }

                var w = g.LinearIndex(a, b, e);
                if (mask[w] == 0)
                {
                    continue;
                }

                var r = 0.5 * (wall[v] + wall[w]);
                var next = (float)(c + (step * (1 + (centringMm2 / Math.Max(r * r, 1e-6)))));
                if (next < cost[w])
                {
                    cost[w] = next;
                    length[w] = (float)(length[v] + step);
                    previous[w] = v;
                    queue.Enqueue(w, next);
                }
            }
        }

        return new CentredPathTree(g, source, centringMm2, cost, length, previous);
    }

    /// <summary>Whether a path reaches <paramref name="voxel"/>.</summary>
    public bool Reaches(VoxelIndex voxel) => Geometry.Contains(voxel) && !float.IsPositiveInfinity(_cost[Geometry.LinearIndex(voxel)]);

    /// <summary>Arc length (mm) of the voxel path from the source to <paramref name="voxel"/>; +∞ when unreached.</summary>
    public double LengthTo(VoxelIndex voxel) => Reaches(voxel) ? _length[Geometry.LinearIndex(voxel)] : double.PositiveInfinity;

    /// <summary>Cost of the path to <paramref name="voxel"/>; +∞ when unreached.</summary>
    public double CostTo(VoxelIndex voxel) => Reaches(voxel) ? _cost[Geometry.LinearIndex(voxel)] : double.PositiveInfinity;

    /// <summary>The path's voxels from the source to <paramref name="voxel"/> (both included).</summary>
    /// <exception cref="ArgumentException">No path reaches the voxel.</exception>
    public IReadOnlyList<VoxelIndex> PathTo(VoxelIndex voxel)
    {
        if (!Reaches(voxel))
        {
            throw new ArgumentException($"No lumen path reaches {voxel}.", nameof(voxel));
        }

        var path = new List<VoxelIndex>();
        for (var v = Geometry.LinearIndex(voxel); v >= 0; v = _previous[v])
        {
            path.Add(Geometry.VoxelAt(v));
        }

        path.Reverse();
        return path;
    }

    /// <summary>The linear index of the voxel before <paramref name="linearIndex"/> on its path, or −1 at the source or when unreached.</summary>
    public int PreviousOf(int linearIndex) => _previous[linearIndex];

    /// <summary>Arc length (mm) to a voxel by linear index; +∞ when unreached.</summary>
    public double LengthAt(int linearIndex) => float.IsPositiveInfinity(_cost[linearIndex]) ? double.PositiveInfinity : _length[linearIndex];

    internal static (int Di, int Dj, int Dk, double Step)[] Neighbours(VolumeGeometry g)
    {
        var list = new List<(int, int, int, double)>(26);
        for (var dk = -1; dk <= 1; dk++)
        {
            for (var dj = -1; dj <= 1; dj++)
            {
                for (var di = -1; di <= 1; di++)
                {
                    if (di == 0 && dj == 0 && dk == 0)
                    {
                        continue;
                    }

                    var step = Math.Sqrt(Sq(di * g.SpacingI) + Sq(dj * g.SpacingJ) + Sq(dk * g.SpacingK));
                    list.Add((di, dj, dk, step));
                }
            }
        }

        return [.. list];
    }

    private static double Sq(double x) => x * x;
}
