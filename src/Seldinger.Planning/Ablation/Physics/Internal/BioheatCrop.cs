using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Physics.Internal;

/// <summary>
/// The simulation grid: a box of the label map's index space resampled to an isotropic spacing, with the label map's
/// direction, so crop index a along an axis is the map's continuous index <c>lo + a · s / spacing</c>.
/// </summary>
internal sealed class BioheatCrop
{
    private readonly double[] _ratio;

    private BioheatCrop(VolumeGeometry full, VolumeGeometry grid, VoxelIndex lo, VoxelIndex hi, double[] ratio)
    {
        Full = full;
        Grid = grid;
        Lo = lo;
        Hi = hi;
        _ratio = ratio;
    }

    public VolumeGeometry Full { get; }

    public VolumeGeometry Grid { get; }

    public VoxelIndex Lo { get; }

    public VoxelIndex Hi { get; }

    /// <summary>The crop covering every point (clamped to the map), at <paramref name="spacing"/> mm.</summary>
    public static BioheatCrop Covering(VolumeGeometry full, IEnumerable<WorldPoint> points, double spacing)
    {
        double minI = double.PositiveInfinity, minJ = double.PositiveInfinity, minK = double.PositiveInfinity;
        double maxI = double.NegativeInfinity, maxJ = double.NegativeInfinity, maxK = double.NegativeInfinity;
        foreach (var p in points)
        {
            var c = full.WorldToIndex(p);
            minI = Math.Min(minI, c.I);
            minJ = Math.Min(minJ, c.J);
            minK = Math.Min(minK, c.K);
            maxI = Math.Max(maxI, c.I);
            maxJ = Math.Max(maxJ, c.J);
            maxK = Math.Max(maxK, c.K);
        }

        var lo = new VoxelIndex(Clamp(Math.Floor(minI), full.SizeI), Clamp(Math.Floor(minJ), full.SizeJ), Clamp(Math.Floor(minK), full.SizeK));
        var hi = new VoxelIndex(Clamp(Math.Ceiling(maxI), full.SizeI), Clamp(Math.Ceiling(maxJ), full.SizeJ), Clamp(Math.Ceiling(maxK), full.SizeK));
        double[] ratio = [spacing / full.SpacingI, spacing / full.SpacingJ, spacing / full.SpacingK];
        var ni = (int)Math.Floor((hi.I - lo.I) / ratio[0]) + 1;
        var nj = (int)Math.Floor((hi.J - lo.J) / ratio[1]) + 1;
        var nk = (int)Math.Floor((hi.K - lo.K) / ratio[2]) + 1;
        var count = (long)ni * nj * nk;
        if (count > BioheatZoneModelOptions.MaxCropVoxels)
        {
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"The thermal simulation would need {ni}×{nj}×{nk} voxels at {spacing} mm (at most {BioheatZoneModelOptions.MaxCropVoxels}); use a coarser grid spacing."));
        }

        var grid = new VolumeGeometry(ni, nj, nk, full.IndexToWorld(lo), spacing, spacing, spacing, full.Direction);
        return new BioheatCrop(full, grid, lo, hi, ratio);
    }

    /// <summary>The label map on the crop grid, nearest neighbour.</summary>
    public Volume<byte> Resample(Volume<byte> labels)
    {
        var g = Grid;
        var result = new Volume<byte>(g);
        var mapI = Axis(g.SizeI, Lo.I, _ratio[0], Full.SizeI);
        var mapJ = Axis(g.SizeJ, Lo.J, _ratio[1], Full.SizeJ);
        var mapK = Axis(g.SizeK, Lo.K, _ratio[2], Full.SizeK);
        var n = 0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                var row = Full.LinearIndex(0, mapJ[j], mapK[k]);
                for (var i = 0; i < g.SizeI; i++)
                {
                    result.Voxels[n++] = labels.Voxels[row + mapI[i]];
                }
            }
        }

        return result;
    }

    /// <summary>Calls <paramref name="write"/> for every map voxel inside the crop with the crop field interpolated trilinearly there.</summary>
    public void Paste(float[] field, Action<int, float> write)
    {
        var g = Grid;
        for (var k = Lo.K; k <= Hi.K; k++)
        {
            var (k0, fk) = Split((k - Lo.K) / _ratio[2], g.SizeK);
            for (var j = Lo.J; j <= Hi.J; j++)
            {
                var (j0, fj) = Split((j - Lo.J) / _ratio[1], g.SizeJ);
                for (var i = Lo.I; i <= Hi.I; i++)
                {
                    var (i0, fi) = Split((i - Lo.I) / _ratio[0], g.SizeI);
                    var i1 = Math.Min(i0 + 1, g.SizeI - 1);
                    var j1 = Math.Min(j0 + 1, g.SizeJ - 1);
                    var k1 = Math.Min(k0 + 1, g.SizeK - 1);
                    double Lerp(int jj, int kk)
                    {
                        var row = g.LinearIndex(0, jj, kk);
                        return field[row + i0] + (fi * (field[row + i1] - field[row + i0]));
                    }

                    var low = Lerp(j0, k0) + (fj * (Lerp(j1, k0) - Lerp(j0, k0)));
                    var high = Lerp(j0, k1) + (fj * (Lerp(j1, k1) - Lerp(j0, k1)));
                    write(Full.LinearIndex(i, j, k), (float)(low + (fk * (high - low))));
                }
            }
        }
    }

    private static (int Index, double Fraction) Split(double c, int size)
    {
        var clamped = Math.Clamp(c, 0, size - 1);
        var index = Math.Min((int)Math.Floor(clamped), Math.Max(0, size - 2));
        return (index, size == 1 ? 0 : clamped - index);
    }

    private static int[] Axis(int size, int lo, double ratio, int fullSize)
    {
        var map = new int[size];
        for (var a = 0; a < size; a++)
        {
            map[a] = Math.Clamp((int)Math.Round(lo + (a * ratio), MidpointRounding.AwayFromZero), 0, fullSize - 1);
        }

        return map;
    }

    private static int Clamp(double value, int size) => (int)Math.Clamp(value, 0, size - 1);
}
