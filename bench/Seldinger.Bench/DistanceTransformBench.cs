using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using static Seldinger.Bench.BenchEnvironment;

namespace Seldinger.Bench;

/// <summary>
/// B2 — exact Euclidean distance transform of a 512³ mask (1 mm) and of a 512×512×400 mask with
/// 0.7×0.7×1.25 mm voxels, timed against <c>scipy.ndimage.distance_transform_edt</c> in the same run.
/// </summary>
internal static class DistanceTransformBench
{
    private const byte Feature = 1;

    private sealed record Case(string Name, int SizeI, int SizeJ, int SizeK, double SpacingI, double SpacingJ, double SpacingK, int Seed);

    private sealed record Result(Case Case, double OursMedianS, double OursMinS, double ScipyMedianS, double MaxAbsDiff, double MaxRelDiff, double FeatureFraction, string Load);

    public static int Run(string[] args)
    {
        var runs = Options.Int(args, "--runs", 5);
        var peerRuns = Options.Int(args, "--peer-runs", 1);
        var size = Options.Int(args, "--size", 512);
        var slices = Options.Int(args, "--slices", 400);
        var skipPeer = args.Contains("--no-scipy");
        var output = Options.String(args, "--out") ?? Path.Combine("bench", "results", "B2-distance-transform.md");
        var dataDir = Options.String(args, "--data")
            ?? Environment.GetEnvironmentVariable("SELDINGER_BENCH_DATA")
            ?? Path.Combine(Path.GetTempPath(), "seldinger-bench");
        var script = Path.Combine(AppContext.BaseDirectory, "b2_scipy.py");
        if (!File.Exists(script))
        {
            script = Path.Combine("bench", "b2_scipy.py");
        }

        Directory.CreateDirectory(dataDir);
        var cases = new[]
        {
            new Case(string.Create(CultureInfo.InvariantCulture, $"{size}³ isotropic, 1 mm"), size, size, size, 1, 1, 1, 2),
            new Case(string.Create(CultureInfo.InvariantCulture, $"{size}×{size}×{slices} anisotropic, 0.7×0.7×1.25 mm"), size, size, slices, 0.7, 0.7, 1.25, 3),
        };

        string? scipyVersion = null;
        var results = new List<Result>();
        foreach (var c in cases)
        {
            Console.WriteLine($"{c.Name}: generating mask ...");
            var labels = Mask(c);
            var voxels = labels.Voxels.LongLength;
            var featureFraction = labels.Voxels.AsSpan().Count(Feature) / (double)voxels;

            var load = LoadAverage();
            Console.WriteLine($"{c.Name}: Seldinger, 1 warm-up + {runs} runs (load average {load}) ...");
            Volume<float> ours = EuclideanDistanceTransform.Compute(labels, Feature);
            var times = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                ours = null!;
                GC.Collect();
                var sw = Stopwatch.StartNew();
                ours = EuclideanDistanceTransform.Compute(labels, Feature);
                times.Add(sw.Elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {times[^1]:0.000} s"));
            }

            double scipyS = double.NaN, maxAbs = double.NaN, maxRel = double.NaN;
            if (!skipPeer)
            {
                var maskPath = Path.Combine(dataDir, $"b2-mask-{c.SizeI}x{c.SizeJ}x{c.SizeK}.raw");
                var outPath = Path.Combine(dataDir, $"b2-scipy-{c.SizeI}x{c.SizeJ}x{c.SizeK}.raw");
                File.WriteAllBytes(maskPath, labels.Voxels);
                Console.WriteLine($"{c.Name}: scipy, {peerRuns} run(s) ...");
                var json = RunPython(script, string.Create(CultureInfo.InvariantCulture,
                    $"--mask {maskPath} --size {c.SizeI} {c.SizeJ} {c.SizeK} --spacing {c.SpacingI} {c.SpacingJ} {c.SpacingK} --feature {Feature} --runs {peerRuns} --out {outPath}"));
                using var doc = JsonDocument.Parse(json);
                scipyS = doc.RootElement.GetProperty("median_s").GetDouble();
                scipyVersion = $"scipy {doc.RootElement.GetProperty("scipy").GetString()}, numpy {doc.RootElement.GetProperty("numpy").GetString()}";
                (maxAbs, maxRel) = Compare(ours.Voxels, outPath);
                File.Delete(maskPath);
                File.Delete(outPath);
            }

            var result = new Result(c, Median(times), times.Min(), scipyS, maxAbs, maxRel, featureFraction, load);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Name}: Seldinger {result.OursMedianS:0.000} s ({result.OursMedianS * 1e9 / voxels:0.00} ns/voxel), scipy {scipyS:0.00} s, ratio {scipyS / result.OursMedianS:0.0}×, max |diff| {maxAbs:g3} mm (relative {maxRel:g3})"));
            results.Add(result);
        }

        var report = Report(results, runs, peerRuns, scipyVersion, args);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, report);
        Console.WriteLine($"wrote {output}");
        return results.All(r => Met(r) != false) ? 0 : 1;
    }

    /// <summary>Random ellipsoids (label 1) in an empty volume; deterministic for a seed.</summary>
    private static Volume<byte> Mask(Case c)
    {
        var g = new VolumeGeometry(c.SizeI, c.SizeJ, c.SizeK, WorldPoint.Origin, c.SpacingI, c.SpacingJ, c.SpacingK);
        var labels = new Volume<byte>(g);
        var random = new Random(c.Seed);
        var extentMm = new[] { c.SizeI * c.SpacingI, c.SizeJ * c.SpacingJ, c.SizeK * c.SpacingK };
        var ellipsoids = Enumerable.Range(0, 60).Select(_ => (
            Centre: new[] { random.NextDouble() * extentMm[0], random.NextDouble() * extentMm[1], random.NextDouble() * extentMm[2] },
            Radii: new[] { 4 + (random.NextDouble() * 40), 4 + (random.NextDouble() * 40), 4 + (random.NextDouble() * 40) })).ToArray();
        var plane = c.SizeI * c.SizeJ;
        Parallel.For(0, c.SizeK, k =>
        {
            var z = k * c.SpacingK;
            foreach (var (centre, radii) in ellipsoids)
            {
                var dz = (z - centre[2]) / radii[2];
                if (dz * dz > 1)
                {
                    continue;
                }

                for (var j = 0; j < c.SizeJ; j++)
                {
                    var dy = ((j * c.SpacingJ) - centre[1]) / radii[1];
                    var rest = 1 - (dz * dz) - (dy * dy);
                    if (rest < 0)
                    {
                        continue;
                    }

                    var half = Math.Sqrt(rest) * radii[0];
                    var from = Math.Max(0, (int)Math.Ceiling((centre[0] - half) / c.SpacingI));
                    var to = Math.Min(c.SizeI - 1, (int)Math.Floor((centre[0] + half) / c.SpacingI));
                    if (from <= to)
                    {
                        labels.Voxels.AsSpan((k * plane) + (j * c.SizeI) + from, to - from + 1).Fill(Feature);
                    }
                }
            }
        });
        return labels;
    }

    private static (double MaxAbs, double MaxRel) Compare(float[] ours, string scipyPath)
    {
        var bytes = File.ReadAllBytes(scipyPath);
        var theirs = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes);
        if (theirs.Length != ours.Length)
        {
            throw new InvalidOperationException($"scipy wrote {theirs.Length} voxels, expected {ours.Length}");
        }

        double maxAbs = 0, maxRel = 0;
        for (var n = 0; n < ours.Length; n++)
        {
            double diff = Math.Abs(ours[n] - theirs[n]);
            maxAbs = Math.Max(maxAbs, diff);
            maxRel = Math.Max(maxRel, diff / Math.Max(1.0, theirs[n]));
        }

        return (maxAbs, maxRel);
    }

    private static bool? Met(Result r) => double.IsNaN(r.ScipyMedianS)
        ? r.OursMedianS < 1 ? null : false
        : r.OursMedianS < 1 && r.ScipyMedianS / r.OursMedianS >= 10;

    private static string Report(List<Result> results, int runs, int peerRuns, string? scipyVersion, string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# B2 — distance transform");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(inv, $"- Machine: {Machine()} (shared with other work while measured: absolute times drift)");
        sb.AppendLine(inv, $"- Runtime: .NET {Environment.Version}, {scipyVersion ?? "scipy not run"} (Debian /usr/bin/python3)");
        sb.AppendLine(inv, $"- Masks: 60 random ellipsoids (radii 4–44 mm, fixed seed) set to label 1 in an empty volume; distance (mm) from every voxel centre to the nearest label-1 voxel centre. scipy gets `mask != 1` with `sampling=(sk, sj, si)`.");
        sb.AppendLine(inv, $"- Seldinger: `EuclideanDistanceTransform.Compute(labels, 1)`, one warm-up then median of {runs} runs in one process ({Environment.ProcessorCount} threads), allocation of the float result included. scipy: `bench/b2_scipy.py`, `distance_transform_edt` (single-threaded, float64 result), median of {peerRuns} run(s), the `mask != 1` included.");
        sb.AppendLine("- Check: max abs difference between the two results (relative: divided by max(1 mm, scipy's distance)).");
        sb.AppendLine(inv, $"- Load average (1, 5, 15 min) when Seldinger's runs started: {string.Join("; ", results.Select(r => $"{r.Load} ({r.Case.Name})"))}. Above about 1 on this 2-core machine the times are inflated.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Reproduce: `bench/run-b2.sh{(args.Length > 0 ? " " + string.Join(' ', args) : string.Empty)}` (publishes Release with ReadyToRun, then `dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b2`).");
        sb.AppendLine();
        sb.AppendLine("| mask | voxels | label-1 fraction | Seldinger median s | min s | ns/voxel | scipy s | scipy / Seldinger | max abs diff mm | max rel diff | goal < 1 s and ≥ 10× |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var voxels = (long)r.Case.SizeI * r.Case.SizeJ * r.Case.SizeK;
            var met = Met(r) switch { true => "yes", false => "no", null => "(scipy not run)" };
            sb.AppendLine(inv, $"| {r.Case.Name} | {voxels} | {r.FeatureFraction:0.000} | {r.OursMedianS:0.000} | {r.OursMinS:0.000} | {r.OursMedianS * 1e9 / voxels:0.00} | {r.ScipyMedianS:0.00} | {r.ScipyMedianS / r.OursMedianS:0.0} | {r.MaxAbsDiff:0.###e+0} | {r.MaxRelDiff:0.###e+0} | {met} |");
        }

        return sb.ToString();
    }
}
