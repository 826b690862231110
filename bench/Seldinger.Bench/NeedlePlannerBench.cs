using System.Diagnostics;
using System.Globalization;
using System.Text;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning;
using Seldinger.Planning.Needles;
using Seldinger.Planning.Plans;

namespace Seldinger.Bench;

/// <summary>
/// B3, second part: the catalogue-driven needle planner (<see cref="NeedleRoutePlanner.Plan(PlanningInput, NeedlePlannerOptions)"/>,
/// procedure biopsy-deep) on the same torso, end to end and by phase.
/// </summary>
internal static class NeedlePlannerBench
{
    public static bool Measure(WholeBodyPhantomResult phantom, int runs, StringBuilder sb, int entryPlannerAccepted, Seldinger.Imaging.Geometry.WorldPoint? entryPlannerBest, double entryPlannerSweepS)
    {
        var inv = CultureInfo.InvariantCulture;
        var catalogue = ProcedureCatalogue.Default;
        var procedure = catalogue.Find("biopsy-deep") ?? throw new InvalidOperationException("biopsy-deep is missing from the catalogue.");
        var input = PlanningInput.FromPhantom(phantom, procedure, catalogue);
        var phases = new List<Dictionary<string, double>>();
        var totals = new List<double>();
        string? firstJson = null;
        var identical = true;
        ProcedurePlan? plan = null;
        Console.WriteLine($"catalogue needle planner (biopsy-deep): 1 warm-up + {runs} runs ...");
        for (var r = -1; r < runs; r++)
        {
            var times = new Dictionary<string, double>(StringComparer.Ordinal);
            var options = NeedlePlannerOptions.Default with { OnPhase = (name, elapsed) => times[name] = times.GetValueOrDefault(name) + elapsed.TotalSeconds };
            GC.Collect();
            var sw = Stopwatch.StartNew();
            plan = NeedleRoutePlanner.Plan(input, options);
            var total = sw.Elapsed.TotalSeconds;
            var json = plan.ToJson();
            firstJson ??= json;
            var same = json == firstJson;
            identical &= same;
            Console.WriteLine(string.Create(inv, $"  total {total:0.000} s: {string.Join(", ", times.Select(t => string.Create(inv, $"{t.Key} {t.Value * 1000:0} ms")))}{(same ? string.Empty : "  PLAN DIFFERS")}"));
            if (r >= 0)
            {
                phases.Add(times);
                totals.Add(total);
            }
        }

        sb.AppendLine();
        sb.AppendLine("## The catalogue-driven needle planner (biopsy-deep)");
        sb.AppendLine();
        sb.AppendLine(inv, $"`NeedleRoutePlanner.Plan` on the same volume and target with the catalogue entry `biopsy-deep` ({procedure.Protect.Count} protected structures: {string.Join(", ", procedure.Protect.Select(p => string.Create(inv, $"{p.Label} {p.MinimumClearanceMm} mm")))}; usable length {procedure.Devices.Where(d => d.Kind == DeviceKind.Needle).Max(d => d.LengthMm)} mm). Besides the sweep it computes the exact clearance surplus (capped at 20 mm) of every safe entry, the Pareto front of all safe entries, the weighted ranking and the full plan. One warm-up, then the median of {runs} runs; the plan JSON is identical in every run: {(identical ? "yes" : "NO")}.");
        sb.AppendLine();
        sb.AppendLine("| phase | median ms |");
        sb.AppendLine("|---|---:|");
        foreach (var name in phases[0].Keys)
        {
            sb.AppendLine(inv, $"| {name} | {BenchEnvironment.Median([.. phases.Select(p => p.GetValueOrDefault(name))]) * 1000:0} |");
        }

        sb.AppendLine(inv, $"| **end to end** | **{BenchEnvironment.Median(totals) * 1000:0}** |");
        sb.AppendLine();
        var safe = (int)plan!.Measurements.Single(m => m.Name == "safe entries").Value;
        sb.AppendLine(inv, $"Candidates {plan.CandidatesConsidered}, safe entries {safe}, Pareto front {plan.ParetoFront.Count} entries; best route {plan.Routes[0].Description}, score {plan.Routes[0].Score:0.000}.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Against `EntryPlanner.Plan` above (same structures, margins, length and weights): safe entries equal its accepted paths: {(safe == entryPlannerAccepted ? "yes" : "NO")}; same best entry: {(entryPlannerBest == plan.Routes[0].Entry ? "yes" : "NO")}. Sweep phase / `EntryPlanner.Plan` sweep in this run: {BenchEnvironment.Median([.. phases.Select(p => p.GetValueOrDefault("sweep"))]) / entryPlannerSweepS:0.00}× (the extra work is the exact capped clearance of every safe entry for the Pareto front).");
        return identical;
    }
}
