using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Vessels;

/// <summary>Segments contrast-filled vessels of a CT by a CT-number window and region growing from a seed.</summary>
public static class VesselSegmentation
{
    /// <summary>
    /// The voxel within <see cref="VesselSegmentationOptions.SeedSearchRadiusMm"/> of <paramref name="point"/> whose CT number
    /// lies in the window, nearest the point (ties to the brightest), or <see langword="null"/> when there is none
    /// (the point is not in an enhanced vessel, or the CT has no contrast there).
    /// </summary>
    public static VoxelIndex? FindSeed(Volume<short> ct, WorldPoint point, VesselSegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ct);
        options ??= new VesselSegmentationOptions();
        var g = ct.Geometry;
        var c = g.WorldToIndex(point);
        var r = options.SeedSearchRadiusMm;
        int ri = (int)Math.Ceiling(r / g.SpacingI), rj = (int)Math.Ceiling(r / g.SpacingJ), rk = (int)Math.Ceiling(r / g.SpacingK);
        int ci = (int)Math.Round(c.I), cj = (int)Math.Round(c.J), ck = (int)Math.Round(c.K);
        VoxelIndex? best = null;
        double bestD = double.PositiveInfinity;
        for (var k = Math.Max(0, ck - rk); k <= Math.Min(g.SizeK - 1, ck + rk); k++)
        {
            for (var j = Math.Max(0, cj - rj); j <= Math.Min(g.SizeJ - 1, cj + rj); j++)
            {
                for (var i = Math.Max(0, ci - ri); i <= Math.Min(g.SizeI - 1, ci + ri); i++)
                {
                    var hu = ct[i, j, k];
                    if (hu < options.LowerHu || hu > options.UpperHu)
                    {
                        continue;
                    }

                    var d = g.IndexToWorld(new VoxelIndex(i, j, k)).DistanceTo(point);
                    if (d <= r && d < bestD)
                    {
                        bestD = d;
                        best = new VoxelIndex(i, j, k);
                    }
                }
            }
        }

        return best;
    }

    /// <summary>Grows the lumen from <paramref name="seed"/> over connected voxels inside the CT-number window.</summary>
    /// <exception cref="ArgumentException">The seed is outside the grid or outside the window.</exception>
    public static VesselSegmentationResult Grow(Volume<short> ct, VoxelIndex seed, VesselSegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ct);
        options ??= new VesselSegmentationOptions();
        if (!ct.Geometry.Contains(seed))
        {
            throw new ArgumentException($"The seed {seed} is outside the image.", nameof(seed));
        }

        var hu = ct[seed];
        if (hu < options.LowerHu || hu > options.UpperHu)
        {
            throw new ArgumentException($"The seed's CT number {hu} HU is outside the vessel window [{options.LowerHu}, {options.UpperHu}] HU.", nameof(seed));
        }

        var grown = RegionGrowing.Grow(ct, seed, options.LowerHu, options.UpperHu, options.Connectivity, options.MaximumVoxels);
        return new VesselSegmentationResult(grown.Mask, seed, grown.VoxelCount, grown.BudgetExhausted);
    }
}
