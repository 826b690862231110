using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Malformations;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Malformations;

/// <summary>The vesicles phantom on a fine patch of the right lateral thigh (0.4 mm voxels), generated once.</summary>
public sealed class VesiclePatchFixture
{
    /// <summary>The phantom's vesicle radii (BodyModel.Skeleton, case "vesicles"), mm.</summary>
    public static readonly double[] Radii = [2.2, 1.6, 1.4, 1.8, 1.2, 1.5, 1.3, 1.6, 1.1, 1.4, 1.2, 1.5];

    public VesiclePatchFixture()
    {
        // The case's target is the largest vesicle; the cluster spans about ±14 mm around it on the skin.
        var probe = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "vesicles", NoiseSigmaHu = 0, Geometry = new VolumeGeometry(2, 2, 2, default, 1, 1, 1) });
        var c = probe.Target.Center;
        const double S = 0.4;
        var origin = new WorldPoint(c.X - 8, c.Y - 18, c.Z - 14);
        var geometry = new VolumeGeometry((int)(16 / S), (int)(36 / S), (int)(36 / S), origin, S, S, S);
        Phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "vesicles", NoiseSigmaHu = 0, Geometry = geometry });
        Procedure = ProcedureCatalogue.Default.Find("laser-photoevaporation")!;
        Plan = PhotoevaporationPlanner.Plan(Input(Phantom.Labels));
    }

    public WholeBodyPhantomResult Phantom { get; }

    public ProcedureDefinition Procedure { get; }

    public ProcedurePlan Plan { get; }

    public PlanningInput Input(Volume<byte> labels) => new()
    {
        Labels = labels,
        Procedure = Procedure,
        Catalogue = ProcedureCatalogue.Default,
        Landmarks = PlanningInput.LandmarksOf(Phantom),
    };
}

public class PhotoevaporationPlannerTests(VesiclePatchFixture fixture) : IClassFixture<VesiclePatchFixture>
{
    /// <summary>Independent count: 6-connected flood fill (the vesicles are well apart, so 6 or 26 give the same).</summary>
    private static List<List<int>> FloodComponents(Volume<byte> labels, TissueLabel label)
    {
        var g = labels.Geometry;
        var seen = new bool[labels.Voxels.Length];
        var result = new List<List<int>>();
        for (var n = 0; n < seen.Length; n++)
        {
            if (seen[n] || labels.Voxels[n] != (byte)label)
            {
                continue;
            }

            var part = new List<int>();
            var stack = new Stack<int>();
            stack.Push(n);
            seen[n] = true;
            while (stack.Count > 0)
            {
                var m = stack.Pop();
                part.Add(m);
                var v = g.VoxelAt(m);
                foreach (var w in new[] { v with { I = v.I - 1 }, v with { I = v.I + 1 }, v with { J = v.J - 1 }, v with { J = v.J + 1 }, v with { K = v.K - 1 }, v with { K = v.K + 1 } })
                {
                    if (g.Contains(w) && labels[w] == (byte)label && !seen[g.LinearIndex(w)])
                    {
                        seen[g.LinearIndex(w)] = true;
                        stack.Push(g.LinearIndex(w));
                    }
                }
            }

            result.Add(part);
        }

        return result;
    }

    [Fact]
    public void Plan_VesiclePhantom_CountAndSizesMatchTheDrawnVesicles()
    {
        var plan = fixture.Plan;
        var lesions = plan.Points.Where(p => p.Role == "lesion").ToList();
        var independent = FloodComponents(fixture.Phantom.Labels, TissueLabel.Vesicle);
        Assert.Equal(VesiclePatchFixture.Radii.Length, independent.Count);
        Assert.Equal(independent.Count, lesions.Count);
        Assert.Equal(lesions.Count, plan.Measurements.Single(m => m.Name == "lesion count").Value);

        // Equivalent diameters against the drawn diameters, both sorted (0.4 mm voxels: within 0.35 mm).
        var drawn = VesiclePatchFixture.Radii.Select(r => 2 * r).OrderDescending().ToArray();
        var measured = lesions.Select(l => l.SizeMm!.Value).OrderDescending().ToArray();
        for (var n = 0; n < drawn.Length; n++)
        {
            Assert.InRange(measured[n], drawn[n] - 0.35, drawn[n] + 0.35);
        }

        // Largest diameters: within one voxel diagonal of the drawn diameter.
        var largest = plan.Measurements.Where(m => m.Name.EndsWith(": largest diameter", StringComparison.Ordinal)).Select(m => m.Value).OrderDescending().ToArray();
        for (var n = 0; n < drawn.Length; n++)
        {
            Assert.InRange(largest[n], drawn[n] - 0.7, drawn[n] + 0.7);
        }

        // The largest is the case's target, centred where it was drawn.
        Assert.True(lesions[0].Point.DistanceTo(fixture.Phantom.Target.Center) < 0.3, $"{lesions[0].Point} vs {fixture.Phantom.Target.Center}");
        var volume = independent.Sum(p => p.Count) * 0.4 * 0.4 * 0.4;
        Assert.Equal(volume, plan.Measurements.Single(m => m.Name == "total lesion volume").Value, 6);
    }

    [Fact]
    public void MapLesions_RightThigh_SideAndNearestLandmark()
    {
        var lesions = PhotoevaporationPlanner.MapLesions(fixture.Phantom.Labels, TissueLabel.Vesicle, PlanningInput.LandmarksOf(fixture.Phantom));
        Assert.All(lesions, l => Assert.Equal("right", l.Side));
        Assert.All(lesions, l => Assert.NotNull(l.NearestLandmark));
        var landmarks = PlanningInput.LandmarksOf(fixture.Phantom);
        foreach (var l in lesions)
        {
            var expected = landmarks.MinBy(x => x.Point.DistanceTo(l.Center))!;
            Assert.Equal(expected.Name, l.NearestLandmark);
        }
    }

    [Fact]
    public void Compare_EditedLabelMap_FindsResolvedNewAndGrownVesicles()
    {
        var earlier = fixture.Plan;
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        var edited = new Volume<byte>(g, (byte[])labels.Voxels.Clone());
        var lesions = earlier.Points.Where(p => p.Role == "lesion").ToList();

        // Remove the smallest vesicle, grow the largest by 0.8 mm in radius, add one 6 mm beyond the highest.
        var removed = lesions[^1];
        Paint(edited, removed.Point, 1.6, TissueLabel.Vesicle, TissueLabel.Skin);
        var grown = lesions[0];
        Paint(edited, grown.Point, (grown.SizeMm!.Value / 2) + 0.8, null, TissueLabel.Vesicle);
        var top = lesions.MaxBy(l => l.Point.Z)!;
        var added = top.Point + new Vector3D(0, 0, 6);
        Paint(edited, added, 1.5, null, TissueLabel.Vesicle);

        var later = PhotoevaporationPlanner.Plan(fixture.Input(edited));
        var comparison = PhotoevaporationPlanner.Compare(earlier, later);

        Assert.Equal(3, comparison.ToleranceMm);
        Assert.Equal(removed.Name, Assert.Single(comparison.Resolved).Name);
        Assert.True(Assert.Single(comparison.New).Point.DistanceTo(added) < 0.5);
        Assert.Equal(lesions.Count - 1, comparison.Persisting.Count);
        var change = comparison.Persisting.Single(p => p.Earlier.Name == grown.Name);
        Assert.InRange(change.SizeChangeMm, 1.2, 2.0);
        Assert.All(comparison.Persisting.Where(p => p.Earlier.Name != grown.Name), p => Assert.InRange(p.SizeChangeMm, -1e-9, 1e-9));
        Assert.All(comparison.Persisting, p => Assert.True(p.DistanceMm <= comparison.ToleranceMm));

        // Compared with itself, every lesion persists unchanged.
        var same = PhotoevaporationPlanner.Compare(earlier, earlier);
        Assert.Equal(lesions.Count, same.Persisting.Count);
        Assert.Empty(same.Resolved);
        Assert.Empty(same.New);
    }

    [Fact]
    public void Compare_PlanOfAnotherPlanner_Throws()
    {
        var other = fixture.Plan with { Planner = "needle" };
        Assert.Throws<PlanningException>(() => PhotoevaporationPlanner.Compare(other, fixture.Plan));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhotoevaporationPlanner.Compare(fixture.Plan, fixture.Plan, 0));
    }

    [Fact]
    public void Dispatcher_SendsLaserPhotoevaporationHere() =>
        Assert.Equal("photoevaporation", ProcedurePlanner.PlannerFor(fixture.Procedure));

    [Fact]
    public void Plan_NoVesicles_ThrowsPlainWords()
    {
        var g = fixture.Phantom.Labels.Geometry;
        var empty = new Volume<byte>(g);
        var ex = Assert.Throws<PlanningException>(() => PhotoevaporationPlanner.Plan(fixture.Input(empty)));
        Assert.Contains("no Vesicle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RoundTripsThroughJson()
    {
        var again = ProcedurePlan.FromJson(fixture.Plan.ToJson());
        Assert.Equal(fixture.Plan.Points, again.Points);
        Assert.Empty(PhotoevaporationPlanner.Compare(fixture.Plan, again).New);
    }

    private static void Paint(Volume<byte> labels, WorldPoint center, double radius, TissueLabel? only, TissueLabel value)
    {
        var g = labels.Geometry;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (g.IndexToWorld(g.VoxelAt(n)).DistanceTo(center) <= radius && (only is null || labels.Voxels[n] == (byte)only))
            {
                labels.Voxels[n] = (byte)value;
            }
        }
    }
}
