using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Ablation;

public class AblationMarginsTests
{
    private const byte Tumor = (byte)TissueLabel.Lesion;

    private static (Volume<byte> Labels, Volume<byte> Zone) Spheres(VolumeGeometry g, WorldPoint tumorCentre, double tumorRadius, WorldPoint zoneCentre, double zoneRadius)
    {
        var labels = new Volume<byte>(g);
        var zone = new Volume<byte>(g);
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var p = g.IndexToWorld(new VoxelIndex(i, j, k));
                    labels[i, j, k] = p.DistanceTo(tumorCentre) <= tumorRadius ? Tumor : (byte)TissueLabel.Liver;
                    zone[i, j, k] = p.DistanceTo(zoneCentre) <= zoneRadius ? (byte)1 : (byte)0;
                }
            }
        }

        return (labels, zone);
    }

    [Fact]
    public void Compute_RandomVolumes_MatchesBruteForceOverVoxelPairs()
    {
        var random = new Random(2026);
        for (var trial = 0; trial < 25; trial++)
        {
            var g = new VolumeGeometry(
                random.Next(3, 11), random.Next(3, 10), random.Next(2, 8), new WorldPoint(random.NextDouble() * 20, -5, 3),
                0.5 + random.NextDouble(), 0.5 + random.NextDouble(), 0.8 + (2 * random.NextDouble()));
            var labels = new Volume<byte>(g);
            var zone = new Volume<byte>(g);
            var pTumor = 0.2 + (0.5 * random.NextDouble());
            var pZone = trial == 0 ? 1.0 : 0.2 + (0.6 * random.NextDouble());
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                labels.Voxels[n] = random.NextDouble() < pTumor ? Tumor : (byte)TissueLabel.Liver;
                zone.Voxels[n] = random.NextDouble() < pZone ? (byte)1 : (byte)0;
            }

            labels.Voxels[random.Next(labels.Voxels.Length)] = Tumor;
            var result = AblationMargins.Compute(labels, TissueLabel.Lesion, zone);

            long count = 0, covered = 0, surface = 0, surface5 = 0, surface10 = 0;
            var minimal = double.PositiveInfinity;
            for (var a = 0; a < labels.Voxels.Length; a++)
            {
                if (labels.Voxels[a] != Tumor)
                {
                    Assert.True(float.IsNaN(result.MarginMap.Voxels[a]));
                    continue;
                }

                // Inside the zone: distance to the nearest voxel outside it; outside: minus the distance to the zone.
                var inside = zone.Voxels[a] != 0;
                var pa = g.IndexToWorld(g.VoxelAt(a));
                var nearest = double.PositiveInfinity;
                for (var b = 0; b < zone.Voxels.Length; b++)
                {
                    if ((zone.Voxels[b] != 0) != inside)
                    {
                        nearest = Math.Min(nearest, pa.DistanceTo(g.IndexToWorld(g.VoxelAt(b))));
                    }
                }

                var expected = Math.Clamp(inside ? nearest : -nearest, -AblationMargins.ReachMm, AblationMargins.ReachMm);
                Assert.Equal(expected, result.MarginMap.Voxels[a], 1e-4);
                count++;
                covered += inside ? 1 : 0;
                minimal = Math.Min(minimal, expected);
                var v = g.VoxelAt(a);
                var isSurface = v.I == 0 || v.J == 0 || v.K == 0 || v.I == g.SizeI - 1 || v.J == g.SizeJ - 1 || v.K == g.SizeK - 1
                    || labels[v.I - 1, v.J, v.K] != Tumor || labels[v.I + 1, v.J, v.K] != Tumor
                    || labels[v.I, v.J - 1, v.K] != Tumor || labels[v.I, v.J + 1, v.K] != Tumor
                    || labels[v.I, v.J, v.K - 1] != Tumor || labels[v.I, v.J, v.K + 1] != Tumor;
                Assert.Equal(isSurface ? 1 : 0, result.SurfaceMask.Voxels[a]);
                if (isSurface)
                {
                    surface++;
                    surface5 += expected >= 5 ? 1 : 0;
                    surface10 += expected >= 10 ? 1 : 0;
                }
            }

            Assert.Equal(minimal, result.MinimalMarginMm, 1e-4);
            Assert.Equal((double)covered / count, result.TargetCoveredFraction, 1e-12);
            Assert.Equal((double)surface5 / surface, result.SurfaceFractionAtLeast5Mm, 1e-12);
            Assert.Equal((double)surface10 / surface, result.SurfaceFractionAtLeast10Mm, 1e-12);
            Assert.Equal(Tumor, labels[g.VoxelAt(g.LinearIndex(g.WorldToIndex(result.MinimalMarginAt).Round()))]);
        }
    }

    [Fact]
    public void Compute_ConcentricSpheres_MarginIsTheRadiusDifferenceWithinAVoxel()
    {
        const double spacing = 0.5;
        var g = new VolumeGeometry(64, 64, 64, new WorldPoint(-16, -16, -16), spacing, spacing, spacing);
        var (labels, zone) = Spheres(g, new WorldPoint(0.2, 0.1, -0.3), 4, new WorldPoint(0.2, 0.1, -0.3), 11);

        var result = AblationMargins.Compute(labels, TissueLabel.Lesion, zone);

        Assert.InRange(result.MinimalMarginMm, 7 - 0.01, 7 + spacing);
        Assert.Equal(1.0, result.TargetCoveredFraction);
        Assert.Equal(1.0, result.SurfaceFractionAtLeast5Mm);
        Assert.Equal(0.0, result.SurfaceFractionAtLeast10Mm);

        // The deepest tumor voxel (the centre) has the largest margin: the zone's radius, within a voxel.
        var centre = g.LinearIndex(g.WorldToIndex(new WorldPoint(0, 0, 0)).Round());
        Assert.InRange(result.MarginMap.Voxels[centre], 11 - spacing, 11 + spacing);
    }

    [Fact]
    public void Compute_ZoneMissesOneSide_NegativeMinimumOnThatSide()
    {
        const double spacing = 0.5;
        var g = new VolumeGeometry(72, 48, 48, new WorldPoint(-18, -12, -12), spacing, spacing, spacing);

        // Tumor radius 5 at the origin; zone radius 8 shifted 6 mm to +X: the tumor's −X edge is 3 mm outside.
        var (labels, zone) = Spheres(g, new WorldPoint(0, 0, 0), 5, new WorldPoint(6, 0, 0), 8);

        var result = AblationMargins.Compute(labels, TissueLabel.Lesion, zone);

        Assert.InRange(result.MinimalMarginMm, -3 - spacing, -3 + spacing);
        Assert.True(result.MinimalMarginAt.X < -4, $"minimal margin at {result.MinimalMarginAt}");
        Assert.InRange(result.TargetCoveredFraction, 0.5, 0.99);

        // The +X side is well inside: the tumor's +X edge lies 1 mm from the zone's centre, 7 mm inside its surface.
        var east = g.LinearIndex(g.WorldToIndex(new WorldPoint(5, 0, 0)).Round());
        Assert.InRange(result.MarginMap.Voxels[east], 7 - spacing, 7 + spacing);
    }

    [Fact]
    public void Compute_ZoneBeyondReachOrCoveringAll_ClampsAtReach()
    {
        var g = new VolumeGeometry(60, 12, 12, new WorldPoint(0, 0, 0), 1, 1, 1);
        var labels = new Volume<byte>(g);
        labels[3, 6, 6] = Tumor;
        labels[4, 6, 6] = Tumor;

        // A zone 40 mm away is beyond reach: every margin reads −30.
        var far = new Volume<byte>(g);
        far[50, 6, 6] = 1;
        var farResult = AblationMargins.Compute(labels, TissueLabel.Lesion, far);
        Assert.Equal(-AblationMargins.ReachMm, farResult.MinimalMarginMm);
        Assert.Equal(0.0, farResult.TargetCoveredFraction);

        // A zone 20 and 21 mm from the two tumor voxels is within reach: exact, the farther voxel is the minimum.
        var near = new Volume<byte>(g);
        near[24, 6, 6] = 1;
        var nearResult = AblationMargins.Compute(labels, TissueLabel.Lesion, near);
        Assert.Equal(-21, nearResult.MinimalMarginMm, 1e-4);
        Assert.Equal(-20, nearResult.MarginMap[4, 6, 6], 1e-4);

        // A zone covering everything: no edge in reach, every margin reads +30.
        var all = new Volume<byte>(g);
        Array.Fill(all.Voxels, (byte)1);
        var allResult = AblationMargins.Compute(labels, TissueLabel.Lesion, all);
        Assert.Equal(AblationMargins.ReachMm, allResult.MinimalMarginMm);
        Assert.Equal(1.0, allResult.TargetCoveredFraction);
    }

    [Fact]
    public void Compute_NoTargetOrOtherGrid_ThrowsPlanningException()
    {
        var g = new VolumeGeometry(8, 8, 8, new WorldPoint(0, 0, 0), 1, 1, 1);
        var labels = new Volume<byte>(g);
        var zone = new Volume<byte>(g);
        Assert.Contains("no Lesion", Assert.Throws<PlanningException>(() => AblationMargins.Compute(labels, TissueLabel.Lesion, zone)).Message, StringComparison.Ordinal);

        labels[2, 2, 2] = Tumor;
        var other = new Volume<byte>(new VolumeGeometry(8, 8, 8, new WorldPoint(0, 0, 0), 1, 1, 2));
        Assert.Throws<PlanningException>(() => AblationMargins.Compute(labels, TissueLabel.Lesion, other));
    }
}
