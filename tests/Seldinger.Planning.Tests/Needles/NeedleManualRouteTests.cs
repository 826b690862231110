using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Needles;
using Seldinger.Planning.Plans;
using static Seldinger.Planning.Tests.Needles.NeedleTestGeometry;

namespace Seldinger.Planning.Tests.Needles;

/// <summary>Manual routes through known structures are flagged with the right structure and reason.</summary>
public class NeedleManualRouteTests
{
    private static ProcedureCatalogue Catalogue => ProcedureCatalogue.Default;

    /// <summary>The centre of the last body voxel (skin where the label map has it) on the ray from <paramref name="from"/> through <paramref name="through"/> before it leaves the body.</summary>
    private static WorldPoint RayToSkin(Volume<byte> labels, WorldPoint from, WorldPoint through)
    {
        var g = labels.Geometry;
        var direction = (through - from).Normalized;
        VoxelIndex? skin = null;
        for (var s = 0.0; s < 1000; s += g.MinimumSpacing / 10)
        {
            var c = g.WorldToIndex(through + (direction * s));
            var v = new VoxelIndex((int)Math.Round(c.I), (int)Math.Round(c.J), (int)Math.Round(c.K));
            if (!g.Contains(v) || labels[v] == 0)
            {
                break;
            }

            skin = v;
        }

        return g.IndexToWorld(skin ?? throw new InvalidOperationException("The ray starts outside the body."));
    }

    /// <summary>The centre of the first voxel that is not bone, going from the rib landmark along the slice axis in <paramref name="step"/> (−1 down, +1 up).</summary>
    private static WorldPoint OffRib(Volume<byte> labels, WorldPoint rib, int step)
    {
        var g = labels.Geometry;
        Assert.True(g.TryGetVoxel(rib, out var v));
        Assert.Equal((byte)TissueLabel.Bone, labels[v]);
        while (labels[v] == (byte)TissueLabel.Bone)
        {
            v = v with { K = v.K + step };
        }

        return g.IndexToWorld(v);
    }

    [Fact]
    public void Plan_ManualPathThroughTheAorta_DangerNamingTheArtery()
    {
        var phantom = Phantom("renal-mass");
        var input = PlanningInput.FromPhantom(phantom, Catalogue.Find("biopsy-deep")!, Catalogue);
        var aorta = phantom.Landmark("aorta-abdominal").Point;
        var entry = RayToSkin(input.Labels, input.Target!.Value, aorta);
        Assert.True(DenseWalk(input.Labels, entry, input.Target!.Value, out _).Contains((byte)TissueLabel.Artery), "the test path crosses the aorta");

        var plan = NeedleRoutePlanner.Plan(input with { ManualEntry = entry });

        Assert.Equal("manual", plan.Method);
        Assert.False(plan.Feasible);
        Assert.False(plan.Routes.Single().IsSafe);
        var warning = Assert.Single(plan.Warnings, w => w.Code == "crosses" && w.Structure == "Artery");
        Assert.Equal(PlanWarningSeverity.Danger, warning.Severity);
        Assert.StartsWith("crosses the artery", warning.Message, StringComparison.Ordinal);
        Assert.Contains("aorta", warning.Message, StringComparison.Ordinal);
        Assert.True(plan.Routes[0].Clearances.Single(c => c.Structure == "Artery").Crossed);
    }

    [Fact]
    public void Plan_ManualPleuralPathUnderARib_BelowTheRib()
    {
        var phantom = Phantom("pleural-effusion");
        var input = PlanningInput.FromPhantom(phantom, Catalogue.Find("pleural-drain")!, Catalogue) with { Target = null };
        var automatic = NeedleRoutePlanner.Plan(input);
        var target = automatic.Target!.Value;
        var rib = phantom.Landmarks.Where(l => l.Name.StartsWith("rib-right-", StringComparison.Ordinal)).MinBy(l => Math.Abs(l.Point.Z - target.Z))!;
        var under = OffRib(input.Labels, rib.Point, -1);
        var entry = RayToSkin(input.Labels, target, under);

        var plan = NeedleRoutePlanner.Plan(input with { ManualEntry = entry });

        Assert.False(plan.Feasible);
        var warning = Assert.Single(plan.Warnings, w => w.Code == "below-rib");
        Assert.Equal(PlanWarningSeverity.Danger, warning.Severity);
        Assert.StartsWith("enters below the ", warning.Message, StringComparison.Ordinal);
        Assert.Contains(" right rib", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ManualPleuralPathOverTheLowerRib_NotBelowTheRib()
    {
        var phantom = Phantom("pleural-effusion");
        var input = PlanningInput.FromPhantom(phantom, Catalogue.Find("pleural-drain")!, Catalogue) with { Target = null };
        var target = NeedleRoutePlanner.Plan(input).Target!.Value;

        // The automatic route keeps the rule; a path just over the upper edge of the rib under the target does too.
        var lower = phantom.Landmarks.Where(l => l.Name.StartsWith("rib-right-", StringComparison.Ordinal) && l.Point.Z < target.Z).MaxBy(l => l.Point.Z)!;
        var over = OffRib(input.Labels, lower.Point, +1);
        var entry = RayToSkin(input.Labels, target, over);
        var plan = NeedleRoutePlanner.Plan(input with { ManualEntry = entry });
        Assert.DoesNotContain(plan.Warnings, w => w.Code == "below-rib");
    }

    [Fact]
    public void Plan_ManualPathLongerThanTheNeedle_TooLong()
    {
        var phantom = Phantom("pleural-effusion");
        var input = PlanningInput.FromPhantom(phantom, Catalogue.Find("pleural-drain")!, Catalogue);
        var target = input.Target!.Value;

        // Enter from the opposite (left) side of the chest: far longer than the 70 mm needle.
        var entry = RayToSkin(input.Labels, target, target + new Vector3D(1, 0, 0));
        var length = entry.DistanceTo(target);
        Assert.True(length > 70);

        var plan = NeedleRoutePlanner.Plan(input with { ManualEntry = entry });
        var warning = Assert.Single(plan.Warnings, w => w.Code == "too-long");
        Assert.Equal(PlanWarningSeverity.Danger, warning.Severity);
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"needle path {length:0} mm is longer than the 70 mm needle"), warning.Message);
        Assert.False(plan.Feasible);
    }

    [Fact]
    public void Plan_ManualEntryAtTheAutomaticProposal_SafeWithTheSameNumbers()
    {
        var input = PlanningInput.FromPhantom(Phantom("liver-tumor"), Catalogue.Find("biopsy-deep")!, Catalogue);
        var automatic = NeedleRoutePlanner.Plan(input);
        var best = automatic.Routes[0];
        var manual = NeedleRoutePlanner.Plan(input with { ManualEntry = best.Entry });

        Assert.True(manual.Feasible);
        Assert.Empty(manual.Warnings);
        Assert.Equal(best.LengthMm, manual.Routes[0].LengthMm);
        Assert.Equal(best.Score, manual.Routes[0].Score, 9);
        Assert.Equal(best.Clearances, manual.Routes[0].Clearances);
    }
}
