using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Planning.Ablation.Physics.Internal;

/// <summary>Rasterises probes on the simulation grid: power deposition patterns, held probe voxels and heat-sink vessels.</summary>
internal static class ProbeSources
{
    /// <summary>
    /// Adds <paramref name="powerWatts"/> × efficiency, spread as the pattern of <paramref name="p"/>, to the source (W/m³).
    /// RF: weight 1/max(d, core)^n with d the distance to the active segment. Microwave: a Gaussian along the antenna
    /// (σ = fraction × length, centred a fraction of the length behind the tip) over max(d⊥, core)^n, d⊥ from the axis.
    /// </summary>
    public static void AddHeat(Volume<float> source, WorldPoint tip, Vector3D axis, double activeLengthMm, double powerWatts, HeatSourceParameters p, bool microwave)
    {
        var g = source.Geometry;
        var weights = new double[source.Voxels.Length];
        var start = tip - (axis * activeLengthMm);
        var sigma = p.AxialSigmaFraction * activeLengthMm;
        var centre = -p.CentreBehindTipFraction * activeLengthMm;
        double total = 0;
        var n = 0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++, n++)
                {
                    var x = g.IndexToWorld(new VoxelIndex(i, j, k));
                    double w;
                    if (microwave)
                    {
                        var along = (x - tip).Dot(axis);
                        var across = ((x - tip) - (axis * along)).Length;
                        var z = (along - centre) / sigma;
                        w = Math.Exp(-0.5 * z * z) / Math.Pow(Math.Max(across, p.CoreRadiusMm), p.SarExponent);
                    }
                    else
                    {
                        w = 1 / Math.Pow(Math.Max(SegmentDistance(x, start, tip), p.CoreRadiusMm), p.SarExponent);
                    }

                    weights[n] = w;
                    total += w;
                }
            }
        }

        var voxelVolume = g.SpacingI * g.SpacingJ * g.SpacingK * 1e-9;
        var scale = powerWatts * p.Efficiency / (total * voxelVolume);
        for (var v = 0; v < weights.Length; v++)
        {
            source.Voxels[v] += (float)(weights[v] * scale);
        }
    }

    /// <summary>Marks as probe voxels those within <paramref name="radiusMm"/> (at least half a spacing) of the active segment, and the voxel under every point of it.</summary>
    public static void MarkProbe(Volume<byte> fixedVoxels, WorldPoint tip, Vector3D axis, double activeLengthMm, double radiusMm)
    {
        var g = fixedVoxels.Geometry;
        var start = tip - (axis * activeLengthMm);
        var radius = Math.Max(radiusMm, 0.5 * g.MinimumSpacing);
        var n = 0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++, n++)
                {
                    if (SegmentDistance(g.IndexToWorld(new VoxelIndex(i, j, k)), start, tip) <= radius)
                    {
                        fixedVoxels.Voxels[n] = (byte)BioheatFixedKind.Probe;
                    }
                }
            }
        }

        var samples = (int)Math.Ceiling(activeLengthMm / (0.25 * g.MinimumSpacing));
        for (var s = 0; s <= samples; s++)
        {
            if (g.TryGetVoxel(start.Lerp(tip, (double)s / samples), out var voxel))
            {
                fixedVoxels[voxel] = (byte)BioheatFixedKind.Probe;
            }
        }
    }

    /// <summary>
    /// Marks as blood (held at blood temperature) the vessel voxels of lumens at least <paramref name="diameterMm"/> wide:
    /// the voxels within D/2 + s/2 of a vessel voxel whose distance to the nearest non-vessel voxel centre is at least
    /// D/2 + s/2 (a morphological opening by a ball of the heat-sink radius, on voxel centres).
    /// </summary>
    public static int MarkHeatSinks(Volume<byte> labels, Func<byte, bool> isVessel, double diameterMm, Volume<byte> fixedVoxels)
    {
        var g = labels.Geometry;
        var radius = (0.5 * diameterMm) + (0.5 * g.MinimumSpacing) - 1e-6;
        var toWall = EuclideanDistanceTransform.Compute(labels, v => !isVessel(v));
        var cores = new Volume<byte>(g);
        var any = false;
        for (var n = 0; n < cores.Voxels.Length; n++)
        {
            if (isVessel(labels.Voxels[n]) && toWall.Voxels[n] >= radius)
            {
                cores.Voxels[n] = 1;
                any = true;
            }
        }

        if (!any)
        {
            return 0;
        }

        var toCore = EuclideanDistanceTransform.Compute(cores, 1);
        var marked = 0;
        for (var n = 0; n < cores.Voxels.Length; n++)
        {
            if (isVessel(labels.Voxels[n]) && toCore.Voxels[n] <= radius && fixedVoxels.Voxels[n] == 0)
            {
                fixedVoxels.Voxels[n] = (byte)BioheatFixedKind.Blood;
                marked++;
            }
        }

        return marked;
    }

    /// <summary>The three electrode tips of a cluster device: an equilateral triangle of side <paramref name="spacingMm"/> around the axis.</summary>
    public static WorldPoint[] ClusterTips(WorldPoint tip, Vector3D axis, double spacingMm)
    {
        var helper = Math.Abs(axis.X) < 0.9 ? Vector3D.UnitX : Vector3D.UnitY;
        var u = axis.Cross(helper).Normalized;
        var v = axis.Cross(u);
        var radius = spacingMm / Math.Sqrt(3);
        return [.. Enumerable.Range(0, 3).Select(e => tip + (((u * Math.Cos(e * 2 * Math.PI / 3)) + (v * Math.Sin(e * 2 * Math.PI / 3))) * radius))];
    }

    public static double SegmentDistance(WorldPoint x, WorldPoint a, WorldPoint b)
    {
        var ab = b - a;
        var t = Math.Clamp((x - a).Dot(ab) / ab.LengthSquared, 0, 1);
        return x.DistanceTo(a + (ab * t));
    }
}
