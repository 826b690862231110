using System.Text;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Registration;
using Seldinger.Imaging.Series;
using Seldinger.Planning.Ablation.Confirmation;
using Seldinger.Planning.Plans;
using Seldinger.Testing;

namespace Seldinger.Planning.Tests.Ablation.Confirmation;

public sealed class PostAblationCtSynthesisTests
{
    [Fact]
    public void Synthesize_NoMotionNoNoise_DrawsCoagulationRimAndShiftAsSpecified()
    {
        var planning = ConfirmationPhantom.Planning;
        var grid = planning.Labels.Geometry;
        var c = ConfirmationPhantom.TumorCentre;
        var zone = ConfirmationPhantom.Sphere(grid, c, 15);
        var p = ConfirmationPhantom.Parameters with { NoiseSigmaHu = 0 };
        var post = PostAblationCtSynthesis.Synthesize(planning.Hounsfield, planning.Labels, zone, RigidTransform.Identity, 1, p);
        var distance = Imaging.Filters.EuclideanDistanceTransform.Compute(zone, v => v != 0);
        int checkedZone = 0, checkedRim = 0, checkedFar = 0;
        for (var n = 0; n < post.Voxels.Length; n++)
        {
            var label = (TissueLabel)planning.Labels.Voxels[n];
            if (zone.Voxels[n] != 0 && label is TissueLabel.Liver or TissueLabel.Lesion)
            {
                Assert.Equal(p.CoagulationHu, post.Voxels[n]);
                checkedZone++;
            }
            else if (zone.Voxels[n] == 0 && label == TissueLabel.Liver)
            {
                var extra = distance.Voxels[n] <= p.RimWidthMm ? p.RimEnhancementHu : 0;
                Assert.Equal(planning.Hounsfield.Voxels[n] + p.ParenchymaShiftHu + extra, post.Voxels[n], 0.5);
                checkedRim += extra > 0 ? 1 : 0;
                checkedFar += extra > 0 ? 0 : 1;
            }
        }

        Assert.True(checkedZone > 1000 && checkedRim > 100 && checkedFar > 1000);
    }

    [Fact]
    public void Synthesize_KnownMotion_MovesTheZoneCentreWithThePatient()
    {
        var planning = ConfirmationPhantom.Planning;
        var grid = planning.Labels.Geometry;
        var c = ConfirmationPhantom.TumorCentre;
        var motion = RigidTransform.FromEulerAngles(c, 0, 0, 0.1, new Vector3D(6, -4.5, 3));
        var post = PostAblationCtSynthesis.Synthesize(planning.Hounsfield, planning.Labels, ConfirmationPhantom.Sphere(grid, c, 12), motion, 1, ConfirmationPhantom.Parameters with { NoiseSigmaHu = 0 });

        // The zone's coagulated voxels now sit around motion(c): their centroid is within a voxel of it.
        double x = 0, y = 0, z = 0;
        var count = 0;
        for (var n = 0; n < post.Voxels.Length; n++)
        {
            var p = grid.IndexToWorld(grid.VoxelAt(n));
            if (Math.Abs(post.Voxels[n] - ConfirmationPhantom.Parameters.CoagulationHu) <= 1 && p.DistanceTo(motion.Apply(c)) < 20)
            {
                (x, y, z) = (x + p.X, y + p.Y, z + p.Z);
                count++;
            }
        }

        Assert.True(new WorldPoint(x / count, y / count, z / count).DistanceTo(motion.Apply(c)) < ConfirmationPhantom.Spacing);
    }

    [Fact]
    public void Synthesize_EmptyZoneOrOtherGrid_ThrowsPlanningException()
    {
        var planning = ConfirmationPhantom.Planning;
        var grid = planning.Labels.Geometry;
        Assert.Throws<PlanningException>(() => PostAblationCtSynthesis.Synthesize(planning.Hounsfield, planning.Labels, new Volume<byte>(grid), RigidTransform.Identity, 1, ConfirmationPhantom.Parameters));
        var other = new Volume<byte>(new VolumeGeometry(4, 4, 4, default, 1, 1, 1));
        Assert.Throws<PlanningException>(() => PostAblationCtSynthesis.Synthesize(planning.Hounsfield, planning.Labels, other, RigidTransform.Identity, 1, ConfirmationPhantom.Parameters));
    }

    [Fact]
    public void Load_BadJsonOrValueOutOfRange_ThrowsPlanningException()
    {
        Assert.Throws<PlanningException>(() => PostAblationCtParameters.Load(new MemoryStream(Encoding.UTF8.GetBytes("{ not json"))));
        Assert.Throws<PlanningException>(() => PostAblationCtParameters.Load(new MemoryStream(Encoding.UTF8.GetBytes("{\"values\":{}}"))));
        const string TooHot = "{\"values\":{\"coagulationHu\":{\"value\":900},\"rimEnhancementHu\":{\"value\":0},\"rimWidthMm\":{\"value\":0},\"parenchymaShiftHu\":{\"value\":0},\"noiseSigmaHu\":{\"value\":0}}}";
        Assert.Contains("coagulationHu", Assert.Throws<PlanningException>(() => PostAblationCtParameters.Load(new MemoryStream(Encoding.UTF8.GetBytes(TooHot)))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostAblationCtWriter_SmallVolume_RoundTripsThroughDicomSeries()
    {
        var geometry = new VolumeGeometry(8, 6, 4, new WorldPoint(-10, 20, 30), 1.5, 1.5, 2);
        var volume = new Volume<short>(geometry);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)((n * 37 % 400) - 100);
        }

        using var directory = new TemporaryDirectory();
        var files = PostAblationCtWriter.Write(volume, new CtSeriesDescription { PatientName = "Test^Child", PatientId = "P1" }, directory.Path);
        var read = DicomSeriesReader.ReadVolume(files);
        Assert.Equal(PostAblationCtWriter.DefaultSeriesDescription, read.SeriesDescription);
        Assert.Equal(volume.Voxels, read.Hounsfield.Voxels);
        Assert.True(read.Hounsfield.Geometry.Origin.DistanceTo(geometry.Origin) < 1e-3);
    }
}
