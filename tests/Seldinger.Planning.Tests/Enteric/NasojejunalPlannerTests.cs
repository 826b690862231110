using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Enteric;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Enteric;

public class NasojejunalPlannerTests(GastrostomyFixture fixture) : IClassFixture<GastrostomyFixture>
{
    private static ProcedureDefinition Procedure => ProcedureCatalogue.Default.Find("nasojejunal-tube")!;

    private PlanningInput Input => PlanningInput.FromPhantom(fixture.Phantom, Procedure, ProcedureCatalogue.Default);

    private WorldPoint Landmark(string name) => fixture.Phantom.Landmark(name).Point;

    private static int IndexOf(IReadOnlyList<WorldPoint> points, WorldPoint p)
    {
        for (var n = 0; n < points.Count; n++)
        {
            if (points[n] == p)
            {
                return n;
            }
        }

        return -1;
    }

    private static double Length(IReadOnlyList<WorldPoint> points, int from, int to)
    {
        var sum = 0.0;
        for (var n = from + 1; n <= to; n++)
        {
            sum += points[n - 1].DistanceTo(points[n]);
        }

        return sum;
    }

    /// <summary>Every sample (0.1 mm) of the polyline between two indices lies on a voxel of <paramref name="label"/>.</summary>
    private void AssertInside(IReadOnlyList<WorldPoint> points, int from, int to, TissueLabel label)
    {
        var labels = fixture.Phantom.Labels;
        var g = labels.Geometry;
        for (var n = from + 1; n <= to; n++)
        {
            var steps = Math.Max(1, (int)Math.Ceiling(points[n - 1].DistanceTo(points[n]) / 0.1));
            for (var m = 0; m <= steps; m++)
            {
                var p = points[n - 1].Lerp(points[n], (double)m / steps);
                Assert.True(g.TryGetVoxel(p, out var v), $"{p} outside the images");
                Assert.True(labels[v] == (byte)label, $"{p} is {(TissueLabel)labels[v]}, not {label}");
            }
        }
    }

    [Fact]
    public void Plan_GastrostomyPhantom_RouteStaysInStomachAndBowelAndEndsPastTheFlexure()
    {
        var plan = NasojejunalPlanner.Plan(Input);
        Assert.True(plan.Feasible);
        var route = Assert.Single(plan.Routes);
        Assert.Equal("tube", route.Kind);
        var points = route.Points;
        Assert.Equal(Landmark("nostril"), points[0]);

        var gej = IndexOf(points, Landmark("gastro-oesophageal-junction"));
        var pylorus = IndexOf(points, Landmark("pylorus"));
        var flexure = IndexOf(points, Landmark("duodenojejunal-flexure"));
        Assert.True(gej > 0 && pylorus > gej && flexure > pylorus, $"{gej} {pylorus} {flexure}");

        // Junction to pylorus inside the stomach; flexure to tip inside the bowel.
        AssertInside(points, gej, pylorus, TissueLabel.Stomach);
        AssertInside(points, flexure, points.Count - 1, TissueLabel.Bowel);

        // The tip is the catalogue distance beyond the flexure along the route.
        var beyond = Procedure.Parameters.Single(p => p.Name == "tipBeyondFlexureMm").Value;
        Assert.Equal(beyond, Length(points, flexure, points.Count - 1), 6);
        Assert.Equal(points[^1], plan.Target);
        Assert.Equal(points[^1], plan.Points.Single(p => p.Role == "tip").Point);

        // The reported lengths add up and equal the polyline.
        var total = plan.Measurements.Single(m => m.Name == "tube length to tip").Value;
        Assert.Equal(Length(points, 0, points.Count - 1), total, 6);
        Assert.Equal(total, route.LengthMm, 9);
        var parts = plan.Measurements.Where(m => m.Name is "nose to gastro-oesophageal junction" or "stomach (junction to pylorus)" or "duodenum (pylorus to flexure)" or "jejunum (flexure to tip)").Sum(m => m.Value);
        Assert.Equal(total, parts, 6);
        Assert.Equal(Length(points, gej, pylorus), plan.Measurements.Single(m => m.Name == "stomach (junction to pylorus)").Value, 6);
        Assert.True(total < Procedure.Devices.Single(d => d.Kind == DeviceKind.Tube).LengthMm);
        Assert.Equal(points, Assert.Single(plan.Polylines).Points);
    }

    [Fact]
    public void Plan_StomachPath_IsCentred()
    {
        // The centred path keeps well inside the stomach: its interior points are deeper on average than a straight line's.
        var plan = NasojejunalPlanner.Plan(Input);
        var points = plan.Routes[0].Points;
        var gej = IndexOf(points, Landmark("gastro-oesophageal-junction"));
        var pylorus = IndexOf(points, Landmark("pylorus"));
        var labels = fixture.Phantom.Labels;
        var depth = Imaging.Filters.EuclideanDistanceTransform.Compute(labels, v => v != (byte)TissueLabel.Stomach);
        var g = labels.Geometry;
        double Depth(WorldPoint p) => g.TryGetVoxel(p, out var v) ? depth[v] : 0;
        var path = Enumerable.Range(gej + 2, Math.Max(1, pylorus - gej - 3)).Average(n => Depth(points[n]));
        var line = Enumerable.Range(1, 49).Average(t => Depth(points[gej].Lerp(points[pylorus], t / 50.0)));
        Assert.True(path >= line, $"path depth {path} mm, straight line {line} mm");
    }

    [Fact]
    public void Plan_LongerTipDistance_MovesTheTipFurtherAlongTheJejunum()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions))!;
        var nj = json["procedures"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "nasojejunal-tube")!;
        nj["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "tipBeyondFlexureMm")!["value"] = 120;
        var catalogue = ProcedureCatalogue.Parse(json.ToJsonString());
        var plan = NasojejunalPlanner.Plan(Input with { Procedure = catalogue.Find("nasojejunal-tube")!, Catalogue = catalogue });
        var points = plan.Routes[0].Points;
        var flexure = IndexOf(points, Landmark("duodenojejunal-flexure"));
        Assert.Equal(120, Length(points, flexure, points.Count - 1), 6);
        AssertInside(points, flexure, points.Count - 1, TissueLabel.Bowel);
    }

    [Fact]
    public void Plan_MissingLandmark_ThrowsPlainWords()
    {
        var input = Input with { Landmarks = [.. Input.Landmarks.Where(l => l.Name != "pylorus")] };
        var ex = Assert.Throws<PlanningException>(() => NasojejunalPlanner.Plan(input));
        Assert.Contains("'pylorus'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FlexureFarFromBowel_ThrowsPlainWords()
    {
        var moved = Input.Landmarks.Select(l => l.Name == "duodenojejunal-flexure" ? l with { Point = new WorldPoint(0, 0, 10_000) } : l).ToList();
        var ex = Assert.Throws<PlanningException>(() => NasojejunalPlanner.Plan(Input with { Landmarks = moved }));
        Assert.Contains("duodenojejunal flexure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatcher_SendsTheTubeToThisPlanner() =>
        Assert.Equal("nasojejunal", ProcedurePlanner.PlannerFor(Procedure));
}
