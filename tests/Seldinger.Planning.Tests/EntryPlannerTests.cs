using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Tests;

public class EntryPlannerTests(PhantomPlanFixture fixture) : IClassFixture<PhantomPlanFixture>
{
    private static readonly TissueLabel[] Forbidden =
        [TissueLabel.Vessel, TissueLabel.Bone, TissueLabel.Bowel, TissueLabel.Kidney, TissueLabel.Spleen, TissueLabel.Lung, TissueLabel.Stomach, TissueLabel.Heart, TissueLabel.Background];

    private static double PointToSegment(WorldPoint p, WorldPoint a, WorldPoint b)
    {
        var ab = b - a;
        var t = Math.Clamp((p - a).Dot(ab) / ab.LengthSquared, 0, 1);
        return p.DistanceTo(a + (ab * t));
    }

    [Fact]
    public void Plan_DefaultPhantom_BestPathIsSafeAndEndsAtLesion()
    {
        var plan = fixture.Plan;
        Assert.NotEmpty(plan.Ranked);
        var best = plan.Ranked[0];
        Assert.True(best.IsSafe);
        Assert.Equal(fixture.Case.LesionCenter, best.Path.Target);
        Assert.True(best.LengthMm <= 150);
        Assert.All(best.Clearances, c => Assert.False(c.Crossed));
        Assert.All(best.Clearances, c => Assert.True(c.MinimumDistanceMm >= c.Structure.MinimumClearanceMm));
    }

    [Fact]
    public void Plan_DefaultPhantom_BestEntryIsRightSidedSkin()
    {
        var best = fixture.Plan.Ranked[0];
        var labels = fixture.Case.Labels;
        Assert.True(labels.Geometry.TryGetVoxel(best.Path.Entry, out var entry));
        Assert.Equal((byte)TissueLabel.Skin, labels[entry]);
        Assert.True(best.Path.Entry.X < 0, $"entry {best.Path.Entry} should be on the patient's right (−X)");
    }

    [Fact]
    public void Plan_DefaultPhantom_RankedPathsPassIndependentVoxelWalk()
    {
        var labels = fixture.Case.Labels;
        var g = labels.Geometry;
        foreach (var evaluation in fixture.Plan.Ranked)
        {
            var path = evaluation.Path;
            var steps = (int)Math.Ceiling(path.LengthMm / 0.05);
            for (var m = 0; m <= steps; m++)
            {
                var point = path.PointAt((double)m / steps);
                Assert.True(g.TryGetVoxel(point, out var v), $"{point} outside the volume");
                var label = (TissueLabel)labels[v];
                Assert.DoesNotContain(label, Forbidden);
            }
        }
    }

    [Fact]
    public void Plan_DefaultPhantom_BestPathKeepsMarginsByBruteForce()
    {
        var labels = fixture.Case.Labels;
        var g = labels.Geometry;
        var best = fixture.Plan.Ranked[0].Path;
        var tolerance = g.VoxelHalfDiagonal + (fixture.Evaluator.SampleStepMm / 2);
        foreach (var structure in ProtectedStructures.AbdominalBiopsyDefaults)
        {
            var nearest = double.PositiveInfinity;
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                if (labels.Voxels[n] == structure.Label)
                {
                    nearest = Math.Min(nearest, PointToSegment(g.IndexToWorld(g.VoxelAt(n)), best.Entry, best.Target));
                }
            }

            Assert.True(nearest >= structure.MinimumClearanceMm - tolerance, $"{structure.Name}: {nearest:F2} mm");
        }
    }

    [Fact]
    public void Plan_DefaultPhantom_RankedBestFirstAndSeparated()
    {
        var plan = fixture.Plan;
        Assert.InRange(plan.Ranked.Count, 3, 5);
        for (var n = 1; n < plan.Scores.Count; n++)
        {
            Assert.True(plan.Scores[n - 1] >= plan.Scores[n]);
        }

        for (var a = 0; a < plan.Ranked.Count; a++)
        {
            for (var b = a + 1; b < plan.Ranked.Count; b++)
            {
                Assert.True(plan.Ranked[a].Path.Entry.DistanceTo(plan.Ranked[b].Path.Entry) >= 10);
            }
        }

        Assert.All(plan.Ranked, r => Assert.True(r.IsSafe));
    }

    [Fact]
    public void Plan_DefaultPhantom_RejectionsExplainTheRest()
    {
        var plan = fixture.Plan;
        Assert.True(plan.CandidatesConsidered > 1000);
        Assert.True(plan.Rejections.Values.Sum() < plan.CandidatesConsidered);
        Assert.Contains("crosses Vessel", plan.Rejections.Keys);
        Assert.Contains("crosses Bone", plan.Rejections.Keys);
        Assert.Contains("too long", plan.Rejections.Keys);
        Assert.Contains(plan.Rejections.Keys, k => k.StartsWith("margin Vessel < 5", StringComparison.Ordinal));
        Assert.Equal(plan.Rejections.Keys.Order(StringComparer.Ordinal), plan.Rejections.Keys);
    }

    [Fact]
    public void Evaluate_StraightPathThroughNearestVessel_IsUnsafeAndCrossed()
    {
        var labels = fixture.Case.Labels;
        var g = labels.Geometry;
        var target = fixture.Case.LesionCenter;

        // The vessel voxel nearest the lesion centre; extend the line from the centre through it to the skin.
        var vessel = Enumerable.Range(0, labels.Voxels.Length)
            .Where(n => labels.Voxels[n] == (byte)TissueLabel.Vessel)
            .Select(n => g.IndexToWorld(g.VoxelAt(n)))
            .MinBy(p => p.DistanceTo(target));
        var direction = (vessel - target).Normalized;
        var entry = vessel;
        for (var step = 0.0; ; step += 0.25)
        {
            var p = vessel + (direction * step);
            if (!g.TryGetVoxel(p, out var v) || labels[v] == (byte)TissueLabel.Background)
            {
                break;
            }

            entry = p;
        }

        var evaluation = fixture.Evaluator.Evaluate(new NeedlePath(entry, target));
        Assert.False(evaluation.IsSafe);
        var clearance = evaluation.Clearances.Single(c => c.Structure.Name == "Vessel");
        Assert.True(clearance.Crossed);
        Assert.True(clearance.ViolatesMargin);
    }

    [Fact]
    public void Evaluate_NaiveLateralAndAnteriorPaths_HitAVessel()
    {
        var target = fixture.Case.LesionCenter;
        foreach (var entry in new[] { new WorldPoint(-104, target.Y, target.Z), new WorldPoint(target.X, -74, target.Z) })
        {
            var evaluation = fixture.Evaluator.Evaluate(new NeedlePath(entry, target));
            Assert.True(evaluation.Clearances.Single(c => c.Structure.Name == "Vessel").Crossed, $"from {entry}");
        }
    }

    [Fact]
    public void Plan_SameInputs_SameOutput()
    {
        var again = EntryPlanner.Plan(fixture.Case.Labels, fixture.Case.LesionCenter, fixture.Evaluator, new EntryPlannerOptions());
        Assert.Equal(fixture.Plan.Ranked.Select(r => r.Path), again.Ranked.Select(r => r.Path));
        Assert.Equal(fixture.Plan.Scores, again.Scores);
        Assert.Equal(fixture.Plan.Rejections, again.Rejections);
    }

    [Fact]
    public void Plan_InPlaneOnlyAndStride_AllWithinAngleLimit()
    {
        var options = new EntryPlannerOptions { MaximumInsertionAngleDeg = 5, CandidateStride = 3 };
        var plan = EntryPlanner.Plan(fixture.Case.Labels, fixture.Case.LesionCenter, fixture.Evaluator, options);
        Assert.True(plan.CandidatesConsidered < fixture.Plan.CandidatesConsidered / 2);
        Assert.Contains("too steep", plan.Rejections.Keys);
        Assert.All(plan.Ranked, r => Assert.True(r.InsertionAngleDeg <= 5));
    }

    [Fact]
    public void Plan_SmallDiscWithVesselWall_ChoosesTheOpenSide()
    {
        // One slice: a disc of fat with a skin ring, target at the centre, a vessel wall on the left half (+X).
        var g = new VolumeGeometry(41, 41, 1, new WorldPoint(-20, -20, 0), 1, 1, 1);
        var labels = new Volume<byte>(g);
        for (var j = 0; j < 41; j++)
        {
            for (var i = 0; i < 41; i++)
            {
                var r = Math.Sqrt(((i - 20) * (i - 20)) + ((j - 20) * (j - 20)));
                labels[i, j, 0] = r > 18 ? (byte)TissueLabel.Background
                    : r > 16.5 ? (byte)TissueLabel.Skin
                    : (i == 28 && Math.Abs(j - 20) <= 12) ? (byte)TissueLabel.Vessel
                    : (byte)TissueLabel.Fat;
            }
        }

        var evaluator = new NeedlePathEvaluator(labels, ProtectedStructures.AbdominalBiopsyDefaults);
        var plan = EntryPlanner.Plan(labels, WorldPoint.Origin, evaluator, new EntryPlannerOptions { MaximumResults = 3 });
        Assert.NotEmpty(plan.Ranked);
        Assert.True(plan.Ranked[0].Path.Entry.X < 0, $"best entry {plan.Ranked[0].Path.Entry}");
        Assert.True(plan.Rejections.ContainsKey("crosses Vessel"));
        Assert.All(plan.Ranked, r => Assert.True(r.IsSafe));
    }

    [Fact]
    public void Plan_EvaluatorOnOtherGrid_Throws()
    {
        var labels = new Volume<byte>(new VolumeGeometry(5, 5, 5, WorldPoint.Origin, 1, 1, 1));
        var other = new Volume<byte>(new VolumeGeometry(6, 5, 5, WorldPoint.Origin, 1, 1, 1));
        var evaluator = new NeedlePathEvaluator(other, []);
        Assert.Throws<ArgumentException>(() => EntryPlanner.Plan(labels, WorldPoint.Origin, evaluator, new EntryPlannerOptions()));
    }
}
