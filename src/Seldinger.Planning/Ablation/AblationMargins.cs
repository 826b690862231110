using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// Ablative margins: how far the zone's surface lies outside the target at each target voxel (the "margin colour map")
/// and its minimum. Distances are exact Euclidean distances between voxel centres on a crop around target and zone.
/// </summary>
public static class AblationMargins
{
    /// <summary>Margins are exact up to this distance (mm) and clamped to ±it beyond (a margin of 30 mm or more is "30").</summary>
    public const double ReachMm = 30;

    /// <summary>Margin of <paramref name="zone"/> around the voxels of <paramref name="labels"/> equal to <paramref name="target"/>.</summary>
    /// <exception cref="PlanningException">The target label is absent, or zone and labels are on different grids.</exception>
    public static AblationMarginResult Compute(Volume<byte> labels, TissueLabel target, Volume<byte> zone)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(zone);
        var geometry = labels.Geometry;
        if (zone.Geometry != geometry)
        {
            throw new PlanningException("The ablation zone is not on the label map's grid.");
        }

        var targetValue = (byte)target;
        if (!TryBounds(labels.Voxels, targetValue, geometry, out var lo, out var hi))
        {
            throw new PlanningException($"The label map has no {target} voxels to measure a margin around.");
        }

        // The margin never needs distances beyond the zone's own extent near the target, so the distance map is
        // computed on the target's box grown by the largest margin worth reporting plus one voxel.
        lo = new VoxelIndex(
            Math.Max(0, lo.I - (int)Math.Ceiling(ReachMm / geometry.SpacingI) - 1),
            Math.Max(0, lo.J - (int)Math.Ceiling(ReachMm / geometry.SpacingJ) - 1),
            Math.Max(0, lo.K - (int)Math.Ceiling(ReachMm / geometry.SpacingK) - 1));
        hi = new VoxelIndex(
            Math.Min(geometry.SizeI - 1, hi.I + (int)Math.Ceiling(ReachMm / geometry.SpacingI) + 1),
            Math.Min(geometry.SizeJ - 1, hi.J + (int)Math.Ceiling(ReachMm / geometry.SpacingJ) + 1),
            Math.Min(geometry.SizeK - 1, hi.K + (int)Math.Ceiling(ReachMm / geometry.SpacingK) + 1));
        int ni = hi.I - lo.I + 1, nj = hi.J - lo.J + 1, nk = hi.K - lo.K + 1;
        var cropGeometry = new VolumeGeometry(ni, nj, nk, geometry.IndexToWorld(lo), geometry.SpacingI, geometry.SpacingJ, geometry.SpacingK, geometry.Direction);
        var zoneCrop = new Volume<byte>(cropGeometry);
        for (var k = 0; k < nk; k++)
        {
            for (var j = 0; j < nj; j++)
            {
                var source = geometry.LinearIndex(lo.I, lo.J + j, lo.K + k);
                zone.Voxels.AsSpan(source, ni).CopyTo(zoneCrop.Voxels.AsSpan(cropGeometry.LinearIndex(0, j, k), ni));
            }
        }

        // Signed distance of the zone: negative inside. The margin is its negation at target voxels.
        var signedZone = EuclideanDistanceTransform.ComputeSigned(zoneCrop, v => v != 0);

        var marginMap = new Volume<float>(geometry);
        Array.Fill(marginMap.Voxels, float.NaN);
        var surface = new Volume<byte>(geometry);
        long targetCount = 0, covered = 0, surfaceCount = 0, surface5 = 0, surface10 = 0;
        var minimal = double.PositiveInfinity;
        var minimalAt = default(VoxelIndex);
        for (var k = 0; k < nk; k++)
        {
            for (var j = 0; j < nj; j++)
            {
                for (var i = 0; i < ni; i++)
                {
                    int gi = lo.I + i, gj = lo.J + j, gk = lo.K + k;
                    var index = geometry.LinearIndex(gi, gj, gk);
                    if (labels.Voxels[index] != targetValue)
                    {
                        continue;
                    }

                    var margin = (float)Math.Clamp(-signedZone.Voxels[cropGeometry.LinearIndex(i, j, k)], -ReachMm, ReachMm);
                    marginMap.Voxels[index] = margin;
                    targetCount++;
                    if (zone.Voxels[index] != 0)
                    {
                        covered++;
                    }

                    if (margin < minimal)
                    {
                        minimal = margin;
                        minimalAt = new VoxelIndex(gi, gj, gk);
                    }

                    if (IsSurface(labels, targetValue, gi, gj, gk))
                    {
                        surface.Voxels[index] = 1;
                        surfaceCount++;
                        if (margin >= 5)
                        {
                            surface5++;
                        }

                        if (margin >= 10)
                        {
                            surface10++;
                        }
                    }
                }
            }
        }

        return new AblationMarginResult(
            minimal,
            geometry.IndexToWorld(minimalAt),
            (double)covered / targetCount,
            surfaceCount == 0 ? 0 : (double)surface5 / surfaceCount,
            surfaceCount == 0 ? 0 : (double)surface10 / surfaceCount,
            marginMap,
            surface);
    }

    private static bool IsSurface(Volume<byte> labels, byte value, int i, int j, int k)
    {
        var g = labels.Geometry;
        return i == 0 || j == 0 || k == 0 || i == g.SizeI - 1 || j == g.SizeJ - 1 || k == g.SizeK - 1
            || labels[i - 1, j, k] != value || labels[i + 1, j, k] != value
            || labels[i, j - 1, k] != value || labels[i, j + 1, k] != value
            || labels[i, j, k - 1] != value || labels[i, j, k + 1] != value;
    }

    private static bool TryBounds(byte[] voxels, byte value, VolumeGeometry geometry, out VoxelIndex lo, out VoxelIndex hi)
    {
        int minI = int.MaxValue, minJ = int.MaxValue, minK = int.MaxValue, maxI = -1, maxJ = -1, maxK = -1;
        for (var n = 0; n < voxels.Length; n++)
        {
            if (voxels[n] != value)
            {
                continue;
            }

            var v = geometry.VoxelAt(n);
            minI = Math.Min(minI, v.I);
            minJ = Math.Min(minJ, v.J);
            minK = Math.Min(minK, v.K);
            maxI = Math.Max(maxI, v.I);
            maxJ = Math.Max(maxJ, v.J);
            maxK = Math.Max(maxK, v.K);
        }

        lo = new VoxelIndex(minI, minJ, minK);
        hi = new VoxelIndex(maxI, maxJ, maxK);
        return maxI >= 0;
    }
}
