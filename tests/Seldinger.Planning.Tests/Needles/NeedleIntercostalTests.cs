using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Needles;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Needles;

/// <summary>The geometric intercostal rule on a chest wall with two ribs and no vessels (so only the rule can object).</summary>
public class NeedleIntercostalTests
{
    private const int LowerRibTop = 11;
    private const int UpperRibBottom = 20;

    /// <summary>A box of muscle with a skin shell, two rib slabs in the wall at x = 3–4 (z = 10–11 and 20–21) and a pleural effusion inside; 1 mm voxels.</summary>
    private static PlanningInput Chest()
    {
        var g = new VolumeGeometry(30, 20, 32, new WorldPoint(0, 0, 0), 1, 1, 1);
        var labels = new Volume<byte>(g);
        for (var k = 0; k < 32; k++)
        {
            for (var j = 1; j <= 18; j++)
            {
                for (var i = 1; i <= 28; i++)
                {
                    labels[i, j, k] = i is 1 or 28 || j is 1 or 18 ? (byte)TissueLabel.Skin
                        : i is 3 or 4 && k is 10 or LowerRibTop or UpperRibBottom or 21 ? (byte)TissueLabel.Bone
                        : i is >= 8 and <= 14 && j is >= 6 and <= 13 && k is >= 8 and <= 24 ? (byte)TissueLabel.PleuralEffusion
                        : (byte)TissueLabel.Muscle;
                }
            }
        }

        var catalogue = ProcedureCatalogue.Default;
        return new PlanningInput { Labels = labels, Procedure = catalogue.Find("pleural-drain")!, Catalogue = catalogue, Target = new WorldPoint(11, 10, 16) };
    }

    [Fact]
    public void Plan_PathJustUnderTheUpperRib_BelowTheRib()
    {
        var plan = NeedleRoutePlanner.Plan(Chest() with { ManualEntry = new WorldPoint(1, 10, 18) });
        Assert.False(plan.Feasible);
        var warning = Assert.Single(plan.Warnings);
        Assert.Equal("below-rib", warning.Code);
        Assert.Equal("enters below a rib: the intercostal vein, artery and nerve run under each rib; pass over the upper edge of the rib below", warning.Message);
    }

    [Fact]
    public void Plan_PathJustOverTheLowerRib_Safe()
    {
        var plan = NeedleRoutePlanner.Plan(Chest() with { ManualEntry = new WorldPoint(1, 10, 13) });
        Assert.True(plan.Feasible, string.Join("; ", plan.Warnings.Select(w => w.Message)));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Plan_Automatic_EveryProposalPassesCloserToTheLowerRib()
    {
        var plan = NeedleRoutePlanner.Plan(Chest());
        Assert.True(plan.Feasible);
        Assert.True(plan.Rejections["below the rib (intercostal bundle)"] > 0);
        foreach (var route in plan.Routes)
        {
            // Where the path crosses the rib column (x = 3.5 mm), if it is between the ribs, it is nearer the lower one.
            var (a, b) = (route.Entry, route.Tip);
            if (a.X >= 3.5)
            {
                continue;
            }

            var z = a.Z + ((b.Z - a.Z) * (3.5 - a.X) / (b.X - a.X));
            if (z > LowerRibTop && z < UpperRibBottom)
            {
                Assert.True(z - LowerRibTop < UpperRibBottom - z, $"route {route.Entry} crosses the wall at z = {z:0.00}");
            }
        }
    }
}
