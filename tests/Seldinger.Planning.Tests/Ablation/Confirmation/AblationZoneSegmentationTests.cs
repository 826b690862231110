using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Registration;
using Seldinger.Planning.Ablation.Confirmation;
using Seldinger.Planning.Plans;
using Xunit.Abstractions;

namespace Seldinger.Planning.Tests.Ablation.Confirmation;

public sealed class AblationZoneSegmentationTests(ITestOutputHelper output)
{
    [Fact]
    public void Segment_EllipsoidZoneOnAlignedPostCt_DiceAtLeastPointNine()
    {
        // An ellipsoid zone (radii 22, 17, 15 mm) around the tumor, no patient motion, the planning grid as output.
        var planning = ConfirmationPhantom.Planning;
        var grid = planning.Labels.Geometry;
        var c = ConfirmationPhantom.TumorCentre;
        var zone = new Volume<byte>(grid);
        for (var n = 0; n < zone.Voxels.Length; n++)
        {
            var d = grid.IndexToWorld(grid.VoxelAt(n)) - c;
            zone.Voxels[n] = (byte)((d.X * d.X / (22.0 * 22)) + (d.Y * d.Y / (17.0 * 17)) + (d.Z * d.Z / (15.0 * 15)) <= 1 ? 1 : 0);
        }

        var post = PostAblationCtSynthesis.Synthesize(planning.Hounsfield, planning.Labels, zone, RigidTransform.Identity, 3, ConfirmationPhantom.Parameters);
        var result = AblationZoneSegmentation.Segment(post, planning.Labels, [c]);
        var dice = ConfirmationPhantom.Dice(result.Zone.Lethal, zone);
        output.WriteLine($"Dice {dice:0.###}; zone {result.ZoneHu:0} HU, parenchyma {result.ParenchymaHu:0} HU, threshold {result.ThresholdHu:0} HU");
        Assert.True(dice >= 0.9, $"Dice {dice:0.###}");
        Assert.InRange(result.ZoneHu, ConfirmationPhantom.Parameters.CoagulationHu - 10, ConfirmationPhantom.Parameters.CoagulationHu + 10);
    }

    [Fact]
    public void Segment_SeedInEnhancingParenchyma_ThrowsPlanningExceptionSayingNoZone()
    {
        var planning = ConfirmationPhantom.Planning;
        var g = planning.Labels.Geometry;
        // The liver voxel deepest inside the liver (farthest from any other tissue) away from the tumor.
        var depth = EuclideanDistanceTransform.Compute(planning.Labels, v => v != (byte)TissueLabel.Liver);
        var liver = Enumerable.Range(0, depth.Voxels.Length)
            .Where(n => g.IndexToWorld(g.VoxelAt(n)).DistanceTo(ConfirmationPhantom.TumorCentre) > ConfirmationPhantom.TumorRadiusMm + 12)
            .MaxBy(n => depth.Voxels[n]);
        var error = Assert.Throws<PlanningException>(() => AblationZoneSegmentation.Segment(planning.Hounsfield, planning.Labels, [g.IndexToWorld(g.VoxelAt(liver))]));
        Assert.Contains("No non-enhancing zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_BadInput_ThrowsPlanningException()
    {
        var planning = ConfirmationPhantom.Planning;
        Assert.Throws<PlanningException>(() => AblationZoneSegmentation.Segment(planning.Hounsfield, planning.Labels, []));
        Assert.Throws<PlanningException>(() => AblationZoneSegmentation.Segment(planning.Hounsfield, planning.Labels, [new WorldPoint(1e5, 0, 0)]));
        var other = new Volume<byte>(new VolumeGeometry(4, 4, 4, default, 1, 1, 1));
        Assert.Throws<PlanningException>(() => AblationZoneSegmentation.Segment(planning.Hounsfield, other, [ConfirmationPhantom.TumorCentre]));
    }
}
