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
        var g = lumen.Geometry;

        // Only the lumen's bounding box and one voxel around it matter: the nearest non-lumen voxel of a lumen voxel
        // is never farther out than that layer (clamping a voxel to the box brings it closer on every axis).
        int i0 = int.MaxValue, j0 = int.MaxValue, k0 = int.MaxValue, i1 = -1, j1 = -1, k1 = -1;
        var src = lumen.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            if (src[n] == 0)
            {
                continue;
            }

            var v = g.VoxelAt(n);
            i0 = Math.Min(i0, v.I);
            j0 = Math.Min(j0, v.J);
            k0 = Math.Min(k0, v.K);
            i1 = Math.Max(i1, v.I);
            j1 = Math.Max(j1, v.J);
            k1 = Math.Max(k1, v.K);
        }

        var result = new Volume<float>(g);
        if (i1 < 0)
        {
            return result;
        }

        i0 = Math.Max(0, i0 - 1);
        j0 = Math.Max(0, j0 - 1);
        k0 = Math.Max(0, k0 - 1);
        i1 = Math.Min(g.SizeI - 1, i1 + 1);
        j1 = Math.Min(g.SizeJ - 1, j1 + 1);
        k1 = Math.Min(g.SizeK - 1, k1 + 1);
        var box = new VolumeGeometry(i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1, g.IndexToWorld(new VoxelIndex(i0, j0, k0)), g.SpacingI, g.SpacingJ, g.SpacingK, g.Direction);
        var sub = new Volume<byte>(box);
        for (var k = 0; k < box.SizeK; k++)
        {
            for (var j = 0; j < box.SizeJ; j++)
            {
                Array.Copy(src, g.LinearIndex(i0, j0 + j, k0 + k), sub.Voxels, box.LinearIndex(0, j, k), box.SizeI);
            }
        }

        var d = EuclideanDistanceTransform.Compute(sub, v => v == 0);
        var bound = (float)(g.MinimumSpacing * Math.Max(g.SizeI, Math.Max(g.SizeJ, g.SizeK)));
        for (var k = 0; k < box.SizeK; k++)
        {
            for (var j = 0; j < box.SizeJ; j++)
            {
                for (var i = 0; i < box.SizeI; i++)
                {
                    var value = d.Voxels[box.LinearIndex(i, j, k)];

                    // Every voxel is lumen: no wall in the grid; the grid's extent bounds the distance.
                    result.Voxels[g.LinearIndex(i0 + i, j0 + j, k0 + k)] = float.IsPositiveInfinity(value) ? bound : value;
                }
            }
        }

        return result;
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
