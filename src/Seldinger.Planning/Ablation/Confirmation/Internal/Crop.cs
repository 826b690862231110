using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation.Confirmation.Internal;

/// <summary>A box of a grid, with copies in and out.</summary>
internal sealed class Crop
{
    public Crop(VolumeGeometry parent, VoxelIndex lo, VoxelIndex hi)
    {
        Parent = parent;
        Lo = lo;
        Geometry = new VolumeGeometry(hi.I - lo.I + 1, hi.J - lo.J + 1, hi.K - lo.K + 1, parent.IndexToWorld(lo), parent.SpacingI, parent.SpacingJ, parent.SpacingK, parent.Direction);
    }

    public VolumeGeometry Parent { get; }

    public VoxelIndex Lo { get; }

    public VolumeGeometry Geometry { get; }

    /// <summary>The box of voxels within <paramref name="radiusMm"/> of the points, clipped to the grid; null when it is empty.</summary>
    public static Crop? Around(VolumeGeometry parent, IEnumerable<WorldPoint> points, double radiusMm)
    {
        int loI = int.MaxValue, loJ = int.MaxValue, loK = int.MaxValue, hiI = int.MinValue, hiJ = int.MinValue, hiK = int.MinValue;
        foreach (var p in points)
        {
            var c = parent.WorldToIndex(p);
            var ri = radiusMm / parent.SpacingI;
            var rj = radiusMm / parent.SpacingJ;
            var rk = radiusMm / parent.SpacingK;
            loI = Math.Min(loI, (int)Math.Floor(c.I - ri));
            loJ = Math.Min(loJ, (int)Math.Floor(c.J - rj));
            loK = Math.Min(loK, (int)Math.Floor(c.K - rk));
            hiI = Math.Max(hiI, (int)Math.Ceiling(c.I + ri));
            hiJ = Math.Max(hiJ, (int)Math.Ceiling(c.J + rj));
            hiK = Math.Max(hiK, (int)Math.Ceiling(c.K + rk));
        }

        var lo = new VoxelIndex(Math.Max(0, loI), Math.Max(0, loJ), Math.Max(0, loK));
        var hi = new VoxelIndex(Math.Min(parent.SizeI - 1, hiI), Math.Min(parent.SizeJ - 1, hiJ), Math.Min(parent.SizeK - 1, hiK));
        return lo.I > hi.I || lo.J > hi.J || lo.K > hi.K ? null : new Crop(parent, lo, hi);
    }

    public Volume<T> Cut<T>(Volume<T> source)
        where T : unmanaged
    {
        var g = Geometry;
        var output = new Volume<T>(g);
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                source.Voxels.AsSpan(Parent.LinearIndex(Lo.I, Lo.J + j, Lo.K + k), g.SizeI).CopyTo(output.Voxels.AsSpan(g.LinearIndex(0, j, k), g.SizeI));
            }
        }

        return output;
    }

    public Volume<T> Paste<T>(Volume<T> crop)
        where T : unmanaged
    {
        var g = Geometry;
        var output = new Volume<T>(Parent);
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                crop.Voxels.AsSpan(g.LinearIndex(0, j, k), g.SizeI).CopyTo(output.Voxels.AsSpan(Parent.LinearIndex(Lo.I, Lo.J + j, Lo.K + k), g.SizeI));
            }
        }

        return output;
    }
}
