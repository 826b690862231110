using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Helpers on binary lumen masks (non-zero voxels are lumen): building them, the distance to the wall, finding a lumen voxel near a point.</summary>
public static class VesselLumen
{
    /// <summary>A mask (1 = lumen) of the voxels of <paramref name="labels"/> whose label is one of <paramref name="lumenLabels"/>.</summary>
    public static Volume<byte> MaskOf(Volume<byte> labels, params ReadOnlySpan<byte> lumenLabels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var lookup = new bool[256];
        foreach (var l in lumenLabels)
        {
            lookup[l] = true;
        }

        var mask = new Volume<byte>(labels.Geometry);
        var src = labels.Voxels;
        var dst = mask.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            dst[n] = lookup[src[n]] ? (byte)1 : (byte)0;
        }

        return mask;
    }

    /// <summary>
    /// Distance (mm) from every lumen voxel centre to the nearest voxel centre outside the lumen: about the
    /// local radius on the centreline plus half a voxel; 0 outside the lumen.
    /// </summary>
    /// <exception cref="ArgumentException">The grid's direction cosines are not orthonormal.</exception>
    public static Volume<float> WallDistance(Volume<byte> lumen)
    {
        ArgumentNullException.ThrowIfNull(lumen);
        var d = EuclideanDistanceTransform.Compute(lumen, v => v == 0);
        var values = d.Voxels;
        for (var n = 0; n < values.Length; n++)
        {
            if (float.IsPositiveInfinity(values[n]))
            {
                // Every voxel is lumen: no wall in the grid; use the grid's extent as the bound.
                values[n] = (float)(lumen.Geometry.MinimumSpacing * Math.Max(lumen.Geometry.SizeI, Math.Max(lumen.Geometry.SizeJ, lumen.Geometry.SizeK)));
            }
        }

        return d;
    }

    /// <summary>
    /// The lumen voxel nearest <paramref name="point"/> within <paramref name="searchRadiusMm"/> (ties: the one with the
    /// largest <paramref name="preferLarger"/> value, e.g. the wall distance, so the point snaps towards the centre), or <see langword="null"/>.
    /// </summary>
    public static VoxelIndex? Nearest(Volume<byte> lumen, WorldPoint point, double searchRadiusMm, Volume<float>? preferLarger = null)
    {
        ArgumentNullException.ThrowIfNull(lumen);
        var g = lumen.Geometry;
        var c = g.WorldToIndex(point);
        int ri = (int)Math.Ceiling(searchRadiusMm / g.SpacingI), rj = (int)Math.Ceiling(searchRadiusMm / g.SpacingJ), rk = (int)Math.Ceiling(searchRadiusMm / g.SpacingK);
        int ci = (int)Math.Round(c.I), cj = (int)Math.Round(c.J), ck = (int)Math.Round(c.K);
        VoxelIndex? best = null;
        double bestD = double.PositiveInfinity, bestPrefer = double.NegativeInfinity;
        for (var k = Math.Max(0, ck - rk); k <= Math.Min(g.SizeK - 1, ck + rk); k++)
        {
            for (var j = Math.Max(0, cj - rj); j <= Math.Min(g.SizeJ - 1, cj + rj); j++)
            {
                for (var i = Math.Max(0, ci - ri); i <= Math.Min(g.SizeI - 1, ci + ri); i++)
                {
                    var n = g.LinearIndex(i, j, k);
                    if (lumen.Voxels[n] == 0)
                    {
                        continue;
                    }

                    var d = g.IndexToWorld(new VoxelIndex(i, j, k)).DistanceTo(point);
                    if (d > searchRadiusMm)
                    {
                        continue;
                    }

                    // Within half a voxel the distance is rounding; then the wall distance decides.
                    var prefer = preferLarger?.Voxels[n] ?? 0;
                    var tolerance = 0.5 * g.MinimumSpacing;
                    if (d < bestD - tolerance || (d <= bestD + tolerance && prefer > bestPrefer))
                    {
                        best = new VoxelIndex(i, j, k);
                        bestD = Math.Min(bestD, d);
                        bestPrefer = prefer;
                    }
                }
            }
        }

        return best;
    }
}
