using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;
using Seldinger.Planning.Vascular;
using Xunit.Abstractions;

namespace Seldinger.Planning.Tests.Vascular;

public sealed class VascularAccessPlannerTests(VenousAccessFixture fixture, ITestOutputHelper output) : IClassFixture<VenousAccessFixture>
{
    private static ProcedureCatalogue Catalogue => ProcedureCatalogue.Default;

    private PlanningInput Input(string procedureId, Func<ProcedureDefinition, ProcedureDefinition>? change = null)
    {
        var procedure = Catalogue.Find(procedureId)!;
        return PlanningInput.FromPhantom(fixture.Phantom, change is null ? procedure : change(procedure), Catalogue);
    }

    private static ProcedureDefinition WithCatheter(ProcedureDefinition p, double french) =>
        p with { Devices = [.. p.Devices.Select(d => d.Kind == DeviceKind.Catheter ? d with { French = french } : d)] };

    private static double Measurement(ProcedurePlan plan, string name) => plan.Measurements.First(m => m.Name == name).Value;

    [Fact]
    public void Plan_Picc_ChoosesRightBasilicMeasuresItsDiameterAndRoutesToTheJunction()
    {
        var plan = fixture.PiccPlan;
        foreach (var m in plan.Measurements)
        {
            output.WriteLine($"{m.Name}: {m.Value:0.###} {m.Unit}");
        }

        Assert.True(plan.Feasible);
        Assert.Equal("vascular-access", plan.Planner);
        var landmark = fixture.Phantom.Landmark("right-basilic-vein");

        // Phantom construction: 2.8 mm lumen. Sub-voxel sampling of 0.4 mm voxels: within 0.15 mm.
        var diameter = Measurement(plan, "right basilic vein lumen diameter");
        Assert.InRange(diameter, landmark.DiameterMm!.Value - 0.15, landmark.DiameterMm.Value + 0.15);
        Assert.Equal(1.0 / diameter, Measurement(plan, "catheter-to-vein ratio"), 6);
        var catheter = plan.Routes[0];
        Assert.Equal("catheter", catheter.Kind);
        Assert.Contains("right basilic vein", catheter.Description, StringComparison.Ordinal);
        Assert.InRange(catheter.Entry.DistanceTo(landmark.Point), 0, 1.0);
        var junction = fixture.Phantom.Landmark("cavo-atrial-junction").Point;
        Assert.InRange(catheter.Tip.DistanceTo(junction), 0, 1.0);
        var tip = plan.Points.Single(p => p.Role == "tip");
        Assert.Equal(catheter.Tip, tip.Point);
        Assert.Equal(fixture.Phantom.Landmark("carina").Point.Z - tip.Point.Z, Measurement(plan, "tip below the carina"), 6);
        var total = Measurement(plan, "catheter length");
        Assert.Equal(Measurement(plan, "catheter length in the vein") + Measurement(plan, "skin-to-vein tract"), total, 6);
        Assert.Equal(Math.Ceiling(total / 10) * 10, Measurement(plan, "trimmed catheter length"));
        var needle = plan.Routes[1];
        Assert.Equal("needle", needle.Kind);
        Assert.True(needle.IsSafe);
        Assert.Equal((byte)TissueLabel.Skin, LabelAt(needle.Entry));
        Assert.Equal(plan.Measurements, ProcedurePlan.FromJson(plan.ToJson()).Measurements);
    }

    [Fact]
    public void Plan_Picc4FrenchInBasilic_RejectsTheDefaultAtTheRatioLimitAndProposes3French()
    {
        var plan = VascularAccessPlanner.Plan(Input("picc", p => WithCatheter(p, 4)));
        var diameter = Measurement(plan, "right basilic vein lumen diameter");
        var ratio4 = 4.0 / 3 / diameter;
        output.WriteLine($"diameter {diameter:0.000} mm, 4 F ratio {ratio4:0.000}");

        // 4 F = 1.33 mm in a 2.8 mm vein: 0.48 > 0.45.
        Assert.True(ratio4 > 0.45);
        Assert.Equal(1, plan.Rejections["catheter-to-vein ratio over 0.45 with the default 4 F (smaller size proposed)"]);
        var warning = Assert.Single(plan.Warnings, w => w.Code == "catheter-downsized");
        Assert.Equal(PlanWarningSeverity.Caution, warning.Severity);
        Assert.Contains("3 F", warning.Message, StringComparison.Ordinal);
        Assert.Contains("over the limit of 0.45", warning.Message, StringComparison.Ordinal);
        Assert.Equal(3, plan.Devices.Single(d => d.Kind == DeviceKind.Catheter).French);
        Assert.Equal(1.0 / diameter, Measurement(plan, "catheter-to-vein ratio"), 6);
        Assert.True(plan.Feasible);
    }

    [Fact]
    public void Plan_RatioLimitTooStrictForEverySize_InfeasibleWithDangerWarning()
    {
        var plan = VascularAccessPlanner.Plan(Input("picc", p => p with
        {
            Parameters = [.. p.Parameters.Select(x => x.Name == "catheterToVeinRatioMax" ? x with { Value = 0.2 } : x)],
        }));
        Assert.False(plan.Feasible);
        Assert.Empty(plan.Routes);
        Assert.Equal(1, plan.Rejections["catheter-to-vein ratio over 0.2 at every standard size"]);
        Assert.Contains(plan.Warnings, w => w.Severity == PlanWarningSeverity.Danger && w.Code == "no-vein");
    }

    [Fact]
    public void Plan_CatheterLength_AgreesWithBruteForceGeodesicThroughTheVein()
    {
        var plan = fixture.PiccPlan;
        var route = plan.Routes[0];
        var reference = BruteForceGeodesicMm(fixture.Phantom.Labels, route.Entry, route.Tip);
        output.WriteLine($"catheter {route.LengthMm:0.0} mm, geodesic {reference:0.0} mm");

        // The geodesic hugs the inside of every bend and the centreline does not, so the centreline is longer by
        // at most the bends' radius × angle (a few mm per bend here); the 26-neighbour steps of the geodesic
        // overstate straight oblique runs by up to 8 %, which the smoothed centreline does not.
        Assert.InRange(route.LengthMm, 0.95 * reference, 1.08 * reference);

        // Lower bound: the straight chain through the landmarks the vein passes.
        var chain = new[] { route.Entry, fixture.Phantom.Landmark("right-subclavian-vein").Point, fixture.Phantom.Landmark("superior-vena-cava").Point, route.Tip };
        var chord = chain.Zip(chain.Skip(1), (a, b) => a.DistanceTo(b)).Sum();
        Assert.True(route.LengthMm > chord, $"route {route.LengthMm} mm shorter than the landmark chain {chord} mm");
    }

    [Fact]
    public void Plan_CatheterRoute_StaysInsideTheVein()
    {
        var plan = fixture.PiccPlan;
        var g = fixture.Phantom.Labels.Geometry;
        foreach (var p in plan.Routes[0].Points)
        {
            Assert.True(g.TryGetVoxel(p, out var v));
            Assert.Equal((byte)TissueLabel.Vein, fixture.Phantom.Labels[v]);
        }
    }

    [Fact]
    public void Plan_Port_PrefersTheRightInternalJugularAndRanksTheSubclavianAfter()
    {
        var input = Input("port") with { Target = null };
        var plan = VascularAccessPlanner.Plan(input);
        Assert.True(plan.Feasible);
        Assert.Contains("right internal jugular vein", plan.Routes[0].Description, StringComparison.Ordinal);
        Assert.Contains(plan.Routes.Skip(2), r => r.Description.Contains("right subclavian vein", StringComparison.Ordinal));
        var ij = Measurement(plan, "right internal jugular vein lumen diameter");
        Assert.InRange(ij, 7.5 - 0.2, 7.5 + 0.2);
        Assert.True(plan.Rejections["vein outside the image"] >= 1);
    }

    [Fact]
    public void Plan_PortWithTargetOnSubclavian_RanksTheDoctorsVeinFirst()
    {
        var input = Input("port") with { Target = fixture.Phantom.Landmark("right-subclavian-vein").Point };
        var plan = VascularAccessPlanner.Plan(input);
        Assert.Contains("right subclavian vein", plan.Routes[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoVeinLabel_ThrowsPlainWords()
    {
        var labels = Copy(fixture.Phantom.Labels, TissueLabel.Vein, TissueLabel.Muscle);
        var input = Input("picc") with { Labels = labels };
        var e = Assert.Throws<PlanningException>(() => VascularAccessPlanner.Plan(input));
        Assert.Contains("no Vein label", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MissingJunctionLandmark_ThrowsPlainWords()
    {
        var input = Input("picc");
        input = input with { Landmarks = [.. input.Landmarks.Where(l => l.Name != "cavo-atrial-junction")] };
        var e = Assert.Throws<PlanningException>(() => VascularAccessPlanner.Plan(input));
        Assert.Contains("cavo-atrial-junction", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_JunctionLandmarkAwayFromVeins_ThrowsPlainWords()
    {
        var input = Input("picc");
        var moved = input.Landmarks.Select(l => l.Name == "cavo-atrial-junction" ? l with { Point = new WorldPoint(-80, 10, 700) } : l).ToList();
        var e = Assert.Throws<PlanningException>(() => VascularAccessPlanner.Plan(input with { Landmarks = moved }));
        Assert.Contains("No vein lies within 5 mm", e.Message, StringComparison.Ordinal);
    }

    private byte LabelAt(WorldPoint p)
    {
        var labels = fixture.Phantom.Labels;
        Assert.True(labels.Geometry.TryGetVoxel(p, out var v));
        return labels[v];
    }

    private static Volume<byte> Copy(Volume<byte> labels, TissueLabel from, TissueLabel to)
    {
        var copy = new Volume<byte>(labels.Geometry, (byte[])labels.Voxels.Clone());
        for (var n = 0; n < copy.Voxels.Length; n++)
        {
            if (copy.Voxels[n] == (byte)from)
            {
                copy.Voxels[n] = (byte)to;
            }
        }

        return copy;
    }

    /// <summary>Plain shortest path through Vein voxels (26 neighbours, Euclidean steps), by a simple Dijkstra written here.</summary>
    private static double BruteForceGeodesicMm(Volume<byte> labels, WorldPoint from, WorldPoint to)
    {
        var g = labels.Geometry;
        Assert.True(g.TryGetVoxel(from, out var a));
        Assert.True(g.TryGetVoxel(to, out var b));
        var dist = new Dictionary<VoxelIndex, double> { [a] = 0 };
        var queue = new PriorityQueue<VoxelIndex, double>();
        queue.Enqueue(a, 0);
        while (queue.TryDequeue(out var v, out var d))
        {
            if (v == b)
            {
                return d;
            }

            if (d > dist[v])
            {
                continue;
            }

            for (var dk = -1; dk <= 1; dk++)
            {
                for (var dj = -1; dj <= 1; dj++)
                {
                    for (var di = -1; di <= 1; di++)
                    {
                        var w = new VoxelIndex(v.I + di, v.J + dj, v.K + dk);
                        if (w == v || !g.Contains(w) || labels[w] != (byte)TissueLabel.Vein)
                        {
                            continue;
                        }

                        var nd = d + g.IndexToWorld(v).DistanceTo(g.IndexToWorld(w));
                        if (!dist.TryGetValue(w, out var old) || nd < old)
                        {
                            dist[w] = nd;
                            queue.Enqueue(w, nd);
                        }
                    }
                }
            }
        }

        throw new InvalidOperationException("No vein path.");
    }
}
