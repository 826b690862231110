using System.Diagnostics;
using System.Globalization;
using System.Text;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning;
using static Seldinger.Bench.BenchEnvironment;

namespace Seldinger.Bench;

/// <summary>
/// B3 — trajectory sweep: every outer skin voxel of a 512×512×400 child torso (whole-body phantom,
/// liver-tumor case, age 10) as an entry to the tumour centre, each path checked against the
/// abdominal-biopsy protected structures with their margins (<see cref="EntryPlanner.Plan"/>); then the
/// catalogue-driven needle planner on the same volume, end to end and by phase (<see cref="NeedlePlannerBench"/>).
/// </summary>
internal static class PlannerSweepBench
{
    public static int Run(string[] args)
    {
        var runs = Options.Int(args, "--runs", 5);
        var size = Options.Int(args, "--size", 512);
        var slices = Options.Int(args, "--slices", 400);
        var ageYears = Options.Int(args, "--age", 10);
        var caseName = Options.String(args, "--case") ?? "liver-tumor";
        var output = Options.String(args, "--out") ?? Path.Combine("bench", "results", "B3-trajectory-sweep.md");
        var checkReference = !args.Contains("--no-reference");
        var inv = CultureInfo.InvariantCulture;

        Console.WriteLine($"{caseName}, age {ageYears}: generating {size}×{size}×{slices} phantom ...");
        var sw = Stopwatch.StartNew();
        var phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions
        {
            Case = caseName,
            AgeYears = ageYears,
            Size = size,
            SliceCount = slices,
            NoiseSigmaHu = 0,
            Seed = 3,
        });
        var labels = phantom.Labels;
        var g = labels.Geometry;
        var target = phantom.Target.Center;
        Console.WriteLine(string.Create(inv, $"  {sw.Elapsed.TotalSeconds:0.0} s; spacing {g.SpacingI:0.###}×{g.SpacingJ:0.###}×{g.SpacingK:0.###} mm, target {target}"));
        var structures = ProtectedStructures.AbdominalBiopsyDefaults;
        var present = structures.Count(s => labels.Voxels.AsSpan().Contains(s.Label));
        var options = new EntryPlannerOptions();

        var load = LoadAverage();
        Console.WriteLine($"distance maps + sweep: 1 warm-up + {runs} runs (load average {load}) ...");
        var evaluator = new NeedlePathEvaluator(labels, structures);
        var first = EntryPlanner.Plan(labels, target, evaluator, options);
        var fingerprint = Fingerprint(first);
        var prepTimes = new List<double>();
        var sweepTimes = new List<double>();
        var identical = true;
        for (var r = 0; r < runs; r++)
        {
            evaluator = null!;
            GC.Collect();
            sw.Restart();
            evaluator = new NeedlePathEvaluator(labels, structures);
            prepTimes.Add(sw.Elapsed.TotalSeconds);
            GC.Collect();
            sw.Restart();
            var plan = EntryPlanner.Plan(labels, target, evaluator, options);
            sweepTimes.Add(sw.Elapsed.TotalSeconds);
            var same = Fingerprint(plan) == fingerprint;
            identical &= same;
            Console.WriteLine(string.Create(inv, $"  distance maps {prepTimes[^1]:0.000} s, sweep {sweepTimes[^1] * 1000:0} ms{(same ? string.Empty : "  RESULT DIFFERS")}"));
        }

        var referenceS = double.NaN;
        bool? referenceSame = null;
        if (checkReference)
        {
            Console.WriteLine("reference (every candidate evaluated in full, no shortcuts), once ...");
            GC.Collect();
            sw.Restart();
            var reference = EntryPlanner.PlanExhaustive(labels, target, evaluator, options);
            referenceS = sw.Elapsed.TotalSeconds;
            referenceSame = Fingerprint(reference) == fingerprint;
            Console.WriteLine(string.Create(inv, $"  {referenceS:0.000} s, {(referenceSame == true ? "same result" : "RESULT DIFFERS")}"));
        }

        var prep = Median(prepTimes);
        var sweep = Median(sweepTimes);
        var candidates = first.CandidatesConsidered;
        Console.WriteLine(string.Create(inv, $"candidates {candidates}, accepted {candidates - first.Rejections.Values.Sum()}, sweep median {sweep * 1000:0} ms ({candidates / sweep:0} paths/s), distance maps median {prep:0.000} s"));
        foreach (var (reason, count) in first.Rejections)
        {
            Console.WriteLine($"  {reason}: {count}");
        }

        var sb = new StringBuilder();
        sb.AppendLine("# B3 — trajectory sweep");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(inv, $"- Machine: {Machine()} (shared with other work while measured: absolute times drift)");
        sb.AppendLine(inv, $"- Runtime: .NET {Environment.Version}, {Environment.ProcessorCount} threads");
        sb.AppendLine(inv, $"- Load average (1, 5, 15 min) when the timed runs started: {load}. Above about 1 on a 2-core machine the times are inflated.");
        sb.AppendLine(inv, $"- Volume: `WholeBodyPhantom`, case `{caseName}`, age {ageYears}, {g.SizeI}×{g.SizeJ}×{g.SizeK} voxels of {g.SpacingI:0.###}×{g.SpacingJ:0.###}×{g.SpacingK:0.###} mm, noise-free labels; target = the tumour centre {target}.");
        sb.AppendLine(inv, $"- Work: `EntryPlanner.Plan` with default options (every outer skin voxel, stride 1; needle ≤ {options.MaximumLengthMm} mm; allowed tissues skin, fat, muscle, liver, lesion) against the {structures.Count} abdominal-biopsy protected structures ({present} present in the volume) with their margins: {string.Join(", ", structures.Select(s => string.Create(inv, $"{s.Name} {s.MinimumClearanceMm} mm")))}.");
        sb.AppendLine(inv, $"- Timing: one warm-up, then the median of {runs} runs in one process. Distance maps = `new NeedlePathEvaluator(...)` (one exact distance transform per protected label); sweep = `EntryPlanner.Plan(...)` (candidate extraction, all paths, ranking).");
        var check = $"- Check: the plan (candidate count, rejection counts, ranked entries and scores) is identical in every run: {(identical ? "yes" : "NO")}.";
        if (referenceSame is { } rs)
        {
            check += string.Create(inv, $" Against `EntryPlanner.PlanExhaustive` (every candidate through the full `NeedlePathEvaluator.Evaluate`, no shortcuts; {referenceS:0.00} s once): {(rs ? "identical" : "DIFFERENT")}.");
        }

        sb.AppendLine(check);
        sb.AppendLine();
        sb.AppendLine(inv, $"Reproduce: `bench/run-b3.sh{(args.Length > 0 ? " " + string.Join(' ', args) : string.Empty)}` (publishes Release with ReadyToRun, then `dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b3`).");
        sb.AppendLine();
        sb.AppendLine("| quantity | value |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine(inv, $"| candidate entries (outer skin voxels) | {candidates} |");
        sb.AppendLine(inv, $"| accepted paths | {candidates - first.Rejections.Values.Sum()} |");
        sb.AppendLine(inv, $"| sweep, median ms | {sweep * 1000:0} |");
        sb.AppendLine(inv, $"| sweep, min ms | {sweepTimes.Min() * 1000:0} |");
        sb.AppendLine(inv, $"| paths/s | {candidates / sweep:0} |");
        sb.AppendLine(inv, $"| distance maps, median s ({structures.Select(s => s.Label).Distinct().Count()} labels) | {prep:0.000} |");
        sb.AppendLine(inv, $"| goal: sweep < 1 s on 2 cores | {(sweep < 1 ? "yes" : "no")} |");
        sb.AppendLine(inv, $"| published: 1.9 s per case on a GPU (Sensors 2025, 25(7):2137) | ours {sweep:0.00} s (sweep), {prep + sweep:0.00} s with distance maps |");
        sb.AppendLine();
        sb.AppendLine("| rejection | count |");
        sb.AppendLine("|---|---:|");
        foreach (var (reason, count) in first.Rejections)
        {
            sb.AppendLine(inv, $"| {reason} | {count} |");
        }

        sb.AppendLine();
        sb.AppendLine("| rank | entry (LPS mm) | length mm | angle ° | score |");
        sb.AppendLine("|---:|---|---:|---:|---:|");
        for (var n = 0; n < first.Ranked.Count; n++)
        {
            var e = first.Ranked[n];
            sb.AppendLine(inv, $"| {n + 1} | {e.Path.Entry.X:0.0}, {e.Path.Entry.Y:0.0}, {e.Path.Entry.Z:0.0} | {e.LengthMm:0.0} | {e.InsertionAngleDeg:0.0} | {first.Scores[n]:0.000} |");
        }

        var entryAccepted = candidates - first.Rejections.Values.Sum();
        var entryBest = first.Ranked.Count > 0 ? first.Ranked[0].Path.Entry : (Seldinger.Imaging.Geometry.WorldPoint?)null;
        var entrySweep = sweep;
        evaluator = null!;
        first = null!;
        GC.Collect();
        var catalogueSame = args.Contains("--no-catalogue") || NeedlePlannerBench.Measure(phantom, runs, sb, entryAccepted, entryBest, entrySweep);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, sb.ToString());
        Console.WriteLine($"wrote {output}");
        return identical && referenceSame != false && catalogueSame ? 0 : 1;
    }

    private static string Fingerprint(EntryPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append(plan.CandidatesConsidered).Append('|');
        foreach (var (reason, count) in plan.Rejections)
        {
            sb.Append(reason).Append('=').Append(count).Append(';');
        }

        for (var n = 0; n < plan.Ranked.Count; n++)
        {
            var e = plan.Ranked[n];
            sb.Append(CultureInfo.InvariantCulture, $"|{e.Path.Entry.X:R},{e.Path.Entry.Y:R},{e.Path.Entry.Z:R},{plan.Scores[n]:R},{e.MinimumMarginSurplusMm:R}");
        }

        return sb.ToString();
    }
}
