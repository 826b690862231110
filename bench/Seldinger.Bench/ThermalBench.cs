using System.Diagnostics;
using System.Globalization;
using System.Text;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;
using static Seldinger.Bench.BenchEnvironment;

namespace Seldinger.Bench;

/// <summary>
/// B4 — thermal simulation: Seldinger's CPU bioheat engine against a plain C reference of the same step (bench/b4/pennes.c)
/// and the machine's memory bandwidth (bench/b4/stream.c), in one run: a 10-simulated-minute RF ablation on a 128³ region
/// at 1 mm, a plain-conduction row, a 512³ run of a few steps, and the engine's error against the analytic solution of
/// 1D conduction from a temperature step.
/// </summary>
internal static class ThermalBench
{
    /// <summary>Bytes per voxel update of the leanest row: read T, write T' (float32), the rest from cache or per row.</summary>
    private const int OursBytes = 8;

    /// <summary>Bytes per voxel update of the C reference's general formula: T read and written, material, fixed kind, Q and Ω read.</summary>
    private const int ReferenceBytes = 18;

    private sealed record Row(string Case, long Voxels, int Steps, double SimulatedS, double OursMedianS, double OursMinS, double? ReferenceS, double? MaxDeltaT, double? MaxDeltaPeak, double? MaxRelDeltaOmega, string Note);

    public static int Run(string[] args)
    {
        var runs = Options.Int(args, "--runs", 3);
        var size = Options.Int(args, "--size", 128);
        var big = Options.Int(args, "--big", 512);
        var bigSteps = Options.Int(args, "--big-steps", 20);
        var skipBig = args.Contains("--no-512");
        var skipReference = args.Contains("--no-c");
        var skipPlain = args.Contains("--no-plain");
        var binaries = Options.String(args, "--c-bin") ?? Path.Combine("bench", "b4", "bin");
        var workloadPath = Options.String(args, "--workload") ?? Path.Combine("bench", "b4", "workload.json");
        var output = Options.String(args, "--out") ?? Path.Combine("bench", "results", "B4-thermal-simulation.md");
        var dataDir = Options.String(args, "--data")
            ?? Environment.GetEnvironmentVariable("SELDINGER_BENCH_DATA")
            ?? Path.Combine(Path.GetTempPath(), "seldinger-bench");
        Directory.CreateDirectory(dataDir);
        var workload = ThermalWorkload.Load(workloadPath);
        var loadBefore = LoadAverage(1);
        var engine = new CpuBioheatEngine(0, Options.Int(args, "--block", 0));

        Console.WriteLine("bandwidth: bench/b4 stream (copy, triad), 256 MiB arrays, 10 runs ...");
        var stream = ParseLine(RunProcess(Path.Combine(binaries, "b4-stream"), "256 10"));
        var copy = stream["copy_gbs"];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  copy {copy:0.0} GB/s, triad {stream["triad_gbs"]:0.0} GB/s ({stream["threads"]} threads)"));

        var rows = new List<Row>();

        // 1. The ablation: 10 simulated minutes on size³ at 1 mm.
        var problem = workload.Build(size, 1.0);
        BioheatPhase[] schedule = [new(workload.DurationSeconds, 1, null)];
        rows.Add(Measure(engine, $"RF ablation {size}³ at 1 mm, {workload.DurationSeconds / 60:0} simulated min", problem, schedule, null, runs, skipReference, binaries, dataDir,
            "liver, tumour, a 7 mm vein held at 37 °C, 20 W deposited around a 20 mm tip"));

        // 2. Plain conduction: one material, no source, no fixed voxel, a warm bump that stays below the damage threshold.
        var plain = PlainProblem(workload, size);
        if (!skipPlain)
        {
            rows.Add(Measure(engine, $"plain conduction {size}³ at 1 mm, {workload.DurationSeconds / 60:0} simulated min", plain, schedule, null, runs, skipReference, binaries, dataDir,
                "liver only, no source, start 37–39.9 °C: every row takes the SIMD path"));
        }

        // 3. 512³: a few steps of the same workload.
        if (!skipBig)
        {
            problem = null!;
            plain = null!;
            GC.Collect();
            var large = workload.Build(big, 1.0);
            var dt = BioheatOptions.DefaultStabilityFraction * large.MaxStableTimeStepSeconds(schedule);
            BioheatPhase[] few = [new(bigSteps * dt, 1, null)];
            rows.Add(Measure(engine, $"RF ablation {big}³ at 1 mm, first {bigSteps} steps", large, few, new BioheatOptions { TimeStepSeconds = dt }, Math.Max(1, runs / 2), skipReference, binaries, dataDir,
                "same workload on a larger region; fewer steps (stated)"));
        }

        Console.WriteLine("analytic: 1D conduction from a 10 °C step, 60 s ...");
        var analytic = new[] { 1.0, 0.5 }.Select(h => AnalyticStep(engine, workload, h)).ToList();
        foreach (var a in analytic)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  h {a.SpacingMm} mm: max error {a.Max:0.0000} °C, mean {a.Mean:0.00000} °C"));
        }

        var load = $"{loadBefore} at the start, {LoadAverage(1)} at the end";
        var gcc = RunProcess("gcc", "--version").Split('\n')[0];
        var report = Report(rows, analytic, stream, load, gcc, engine, runs, args);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, report);
        Console.WriteLine($"wrote {output}");
        var agree = rows.All(r => r.MaxDeltaT is null or <= 1e-3);
        return agree ? 0 : 1;
    }

    private static Row Measure(CpuBioheatEngine engine, string name, BioheatProblem problem, BioheatPhase[] schedule, BioheatOptions? options, int runs, bool skipReference, string binaries, string dataDir, string note)
    {
        var voxels = problem.Geometry.VoxelCount;
        Console.WriteLine($"{name}: Seldinger, 1 warm-up (1/20 of the schedule) + {runs} runs ...");
        var warmOptions = options ?? new BioheatOptions();
        _ = engine.Run(problem, [schedule[0] with { DurationSeconds = schedule[0].DurationSeconds / 20 }], warmOptions);
        var times = new List<double>();
        BioheatResult? ours = null;
        for (var r = 0; r < runs; r++)
        {
            ours = null;
            GC.Collect();
            var sw = Stopwatch.StartNew();
            ours = engine.Run(problem, schedule, options);
            times.Add(sw.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {times[^1]:0.000} s, {ours.Steps} steps, {ours.Steps * (double)voxels / times[^1] / 1e9:0.000} G updates/s, peak {ours.PeakTemperature.Voxels.Max():0.0} °C"));
        }

        double? referenceS = null, maxDeltaT = null, maxDeltaPeak = null, maxRelOmega = null;
        if (!skipReference)
        {
            var problemPath = Path.Combine(dataDir, "b4-problem.bin");
            var resultPath = Path.Combine(dataDir, "b4-result.bin");
            WriteProblem(problemPath, problem, schedule, options);
            Console.WriteLine($"{name}: C reference ...");
            var line = ParseLine(RunProcess(Path.Combine(binaries, "b4-pennes"), $"{problemPath} {resultPath}"));
            referenceS = line["seconds"];
            if ((int)line["steps"] != ours!.Steps)
            {
                throw new InvalidOperationException($"the C reference took {line["steps"]} steps, Seldinger {ours.Steps}");
            }

            (maxDeltaT, maxDeltaPeak, maxRelOmega) = Compare(resultPath, ours);
            File.Delete(problemPath);
            File.Delete(resultPath);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  C {referenceS:0.000} s ({ours.Steps * (double)voxels / referenceS / 1e9:0.000} G updates/s), max |ΔT| {maxDeltaT:g3} °C, max |Δpeak| {maxDeltaPeak:g3} °C, max rel ΔΩ {maxRelOmega:g3}"));
        }

        return new Row(name, voxels, ours!.Steps, ours.SimulatedSeconds, Median(times), times.Min(), referenceS, maxDeltaT, maxDeltaPeak, maxRelOmega, note);
    }

    private static BioheatProblem PlainProblem(ThermalWorkload workload, int size)
    {
        var g = new VolumeGeometry(size, size, size, WorldPoint.Origin, 1, 1, 1);
        var initial = new Volume<float>(g);
        var c = size / 2.0;
        for (var k = 0; k < size; k++)
        {
            for (var j = 0; j < size; j++)
            {
                for (var i = 0; i < size; i++)
                {
                    var r2 = ((i - c) * (i - c)) + ((j - c) * (j - c)) + ((k - c) * (k - c));
                    initial[i, j, k] = (float)(37 + (2.9 * Math.Exp(-r2 / 200.0)));
                }
            }
        }

        return new BioheatProblem(new Volume<byte>(g), [workload.Materials[0]], workload.BloodTemperature, workload.BloodCapacity) { InitialTemperature = initial };
    }

    private sealed record AnalyticRow(double SpacingMm, int Voxels, int Steps, double Max, double Mean);

    /// <summary>
    /// Homogeneous liver without perfusion, 200 mm long along i (zero-flux ends far away), 47 °C on the left half and 37 °C
    /// on the right; after 60 s, T = 37 + 5·erfc(x / (2√(αt))), x from the interface, α = k/(ρc).
    /// </summary>
    private static AnalyticRow AnalyticStep(CpuBioheatEngine engine, ThermalWorkload workload, double h)
    {
        var liver = workload.Materials[0] with { Perfusion = 0 };
        var n = (int)Math.Round(200 / h);
        var g = new VolumeGeometry(n, 1, 1, WorldPoint.Origin, h, h, h);
        var initial = new Volume<float>(g);
        for (var i = 0; i < n; i++)
        {
            initial.Voxels[i] = i < n / 2 ? 47f : 37f;
        }

        var problem = new BioheatProblem(new Volume<byte>(g), [liver], 37, workload.BloodCapacity) { InitialTemperature = initial };
        const double time = 60;
        var result = engine.Run(problem, [new BioheatPhase(time, 0, null)]);
        var alpha = liver.Conductivity / (liver.Density * liver.SpecificHeat);
        var interface_ = ((n / 2) - 0.5) * h;
        double max = 0, sum = 0;
        for (var i = 0; i < n; i++)
        {
            var x = ((i * h) - interface_) * 1e-3;
            var exact = 37 + (5 * Erfc(x / (2 * Math.Sqrt(alpha * time))));
            var error = Math.Abs(result.FinalTemperature.Voxels[i] - exact);
            max = Math.Max(max, error);
            sum += error;
        }

        return new AnalyticRow(h, n, result.Steps, max, sum / n);
    }

    /// <summary>erfc by the Maclaurin series of erf for |x| &lt; 4 (terms to 1e-17), and 0 or 2 beyond (erfc(4) = 1.5e-8).</summary>
    private static double Erfc(double x)
    {
        if (x >= 4)
        {
            return 0;
        }

        if (x <= -4)
        {
            return 2;
        }

        double term = x, sum = x;
        for (var k = 1; k < 200 && Math.Abs(term) > 1e-17; k++)
        {
            term *= -x * x / k;
            sum += term / ((2 * k) + 1);
        }

        return 1 - (2 / Math.Sqrt(Math.PI) * sum);
    }

    /// <summary>The problem file of bench/b4/pennes.c (layout in its read_problem).</summary>
    private static void WriteProblem(string path, BioheatProblem problem, BioheatPhase[] schedule, BioheatOptions? options)
    {
        options ??= new BioheatOptions();
        var plan = BioheatStepPlan.Create(problem, schedule, options);
        var g = problem.Geometry;
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var w = new BinaryWriter(stream);
        w.Write("B4P1"u8);
        w.Write(g.SizeI);
        w.Write(g.SizeJ);
        w.Write(g.SizeK);
        w.Write(problem.Materials.Count);
        w.Write(problem.Fixed is null ? 0 : 1);
        w.Write(problem.HeatSource is null ? 0 : 1);
        w.Write(schedule.Length);
        w.Write(g.SpacingI);
        w.Write(g.SpacingJ);
        w.Write(g.SpacingK);
        w.Write(problem.BloodTemperatureCelsius);
        w.Write(problem.BloodVolumetricHeatCapacity);
        w.Write(problem.PhaseChangeLowCelsius);
        w.Write(problem.PhaseChangeHighCelsius);
        w.Write(problem.SourceCutoffCelsius);
        w.Write(options.DamageThresholdCelsius);
        w.Write(options.ColdTrackingCelsius);
        foreach (var m in problem.Materials)
        {
            foreach (var v in new[] { m.Conductivity, m.Density, m.SpecificHeat, m.Perfusion, m.ArrheniusFrequencyFactor, m.ArrheniusActivationEnergy, m.FrozenConductivity, m.FrozenSpecificHeat, m.LatentHeat })
            {
                w.Write(v);
            }
        }

        for (var p = 0; p < schedule.Length; p++)
        {
            w.Write(plan.StepsPerPhase[p]);
            w.Write(plan.PhaseTimeStepSeconds[p]);
            w.Write(schedule[p].SourceScale);
            w.Write(schedule[p].ProbeTemperatureCelsius.HasValue ? 1 : 0);
            w.Write(schedule[p].ProbeTemperatureCelsius ?? 0);
        }

        w.Write(problem.MaterialIndex.Voxels);
        if (problem.Fixed is { } fixedKind)
        {
            w.Write(fixedKind.Voxels);
        }

        if (problem.HeatSource is { } source)
        {
            WriteFloats(w, source.Voxels);
        }

        if (problem.InitialTemperature is { } initial)
        {
            WriteFloats(w, initial.Voxels);
        }
        else
        {
            var blood = new float[g.VoxelCount];
            Array.Fill(blood, (float)problem.BloodTemperatureCelsius);
            WriteFloats(w, blood);
        }
    }

    private static void WriteFloats(BinaryWriter w, float[] values) =>
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>Max |ΔT| of the final and peak temperatures and max relative ΔΩ (over Ω ≥ 1e-3) between the C result file and ours.</summary>
    private static (double DeltaT, double DeltaPeak, double RelOmega) Compare(string path, BioheatResult ours)
    {
        var count = ours.FinalTemperature.Voxels.Length;
        using var stream = File.OpenRead(path);
        var buffer = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan());
        double[] max = [0, 0, 0];
        float[][] mine = [ours.FinalTemperature.Voxels, ours.PeakTemperature.Voxels, ours.ColdestTemperature.Voxels, ours.Damage.Voxels];
        for (var v = 0; v < 4; v++)
        {
            stream.ReadExactly(bytes);
            if (v == 2)
            {
                continue;
            }

            var slot = v == 3 ? 2 : v;
            for (var n = 0; n < count; n++)
            {
                var d = Math.Abs(buffer[n] - mine[v][n]);
                if (v == 3)
                {
                    d = buffer[n] >= 1e-3 ? d / buffer[n] : 0;
                }

                max[slot] = Math.Max(max[slot], d);
            }
        }

        return (max[0], max[1], max[2]);
    }

    private static Dictionary<string, double> ParseLine(string text)
    {
        var line = text.Trim().Split('\n')[^1];
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
    }

    private static string Report(List<Row> rows, List<AnalyticRow> analytic, Dictionary<string, double> stream, string load, string gcc, CpuBioheatEngine engine, int runs, string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var copy = stream["copy_gbs"];
        var sb = new StringBuilder();
        sb.AppendLine("# B4 — thermal simulation");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(inv, $"- Machine: {Machine()}; load average (1 min) {load} (other work shares the machine: absolute times drift, ratios in one run hold better)");
        sb.AppendLine(inv, $"- Runtime: .NET {Environment.Version}, Seldinger `CpuBioheatEngine` ({engine.Name}); C: {gcc}, `-O3 -march=native -fopenmp -std=c11` (no floating-point contraction), {stream["threads"]} OpenMP threads");
        sb.AppendLine(inv, $"- Memory bandwidth, measured in this run (`bench/b4/stream.c`, 256 MiB float arrays, all cores, median of 10): copy **{copy:0.0} GB/s** (best {stream["copy_best_gbs"]:0.0}), triad {stream["triad_gbs"]:0.0} GB/s (best {stream["triad_best_gbs"]:0.0}); bytes counted as STREAM does (copy 8 B per element, write-allocate not counted).");
        sb.AppendLine("- Workload (`bench/b4/workload.json`): liver with a 12 mm tumour, a 7 mm vein 14 mm from a monopolar RF electrode held at 37 °C (the heat sink), 20 W deposited around the 20 mm active tip with a 1/r⁴ fall-off (dropped below 1e-5 of its peak), deposition stopping at 100 °C; Pennes with Arrhenius Ω and CEM43, explicit, float32, the default time step (0.9 × the stable limit). The discretisation is the one of docs/ablation-physics.md; `bench/b4/pennes.c` is a plain C transcription of it (general formula at every voxel, OpenMP over k) that reads the same problem from a file.");
        sb.AppendLine(inv, $"- Bytes per voxel update: Seldinger's rows of one material without source or fixed voxel that were never hot take a SIMD path that moves **{OursBytes} B** per update (read T, write T′; neighbours from cache, coefficients per row) — used for our GB/s below; other rows also read material, fixed kind, Q and Ω. The C reference reads all of them at every voxel: **{ReferenceBytes} B** (T 4 + T′ 4 + material 1 + fixed 1 + Q 4 + Ω 4). Fraction = updates/s × bytes ÷ measured copy bandwidth.");
        sb.AppendLine(inv, $"- Seldinger: one warm-up (1/20 of the schedule), then median of {runs} runs in one process (`IBioheatEngine.Run`, allocation of the five result volumes included). C: one run, stepping loop timed.");
        sb.AppendLine("- Agreement: max |ΔT| of final and peak temperature between C and Seldinger over all voxels, and max relative ΔΩ where Ω ≥ 1e-3.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Reproduce: `bench/run-b4.sh{(args.Length > 0 ? " " + string.Join(' ', args.Where(a => a != "--c-bin" && a != "bench/b4/bin")) : string.Empty)}` (compiles bench/b4 with gcc, publishes Release with ReadyToRun, then `dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b4 --c-bin bench/b4/bin`).");
        sb.AppendLine();
        sb.AppendLine("| case | voxels | steps | Seldinger median s | min s | G updates/s | GB/s at 8 B | of copy bw | C s | C G updates/s | C GB/s at 18 B | C of copy bw | C ÷ Seldinger time | max \\|ΔT\\| °C | max \\|Δpeak\\| °C | max rel ΔΩ | goal | note |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in rows)
        {
            var updates = r.Steps * (double)r.Voxels;
            var ours = updates / r.OursMedianS;
            var cRate = r.ReferenceS is { } c ? updates / c : double.NaN;
            var goal = r.Case.Contains("10 simulated min", StringComparison.Ordinal) && r.Case.StartsWith("RF", StringComparison.Ordinal)
                ? $"≤ 1 s: {(r.OursMedianS <= 1 ? "yes" : "no")}; ≥ 70 % of copy: {(ours * OursBytes / 1e9 / copy >= 0.7 ? "yes" : "no")}"
                : $"≥ 70 % of copy: {(ours * OursBytes / 1e9 / copy >= 0.7 ? "yes" : "no")}";
            sb.AppendLine(inv, $"| {r.Case} | {r.Voxels} | {r.Steps} | {r.OursMedianS:0.000} | {r.OursMinS:0.000} | {ours / 1e9:0.000} | {ours * OursBytes / 1e9:0.0} | {ours * OursBytes / 1e9 / copy:P0} | {Opt(r.ReferenceS, "0.000")} | {Opt(cRate / 1e9, "0.000")} | {Opt(cRate * ReferenceBytes / 1e9, "0.0")} | {Opt(cRate * ReferenceBytes / 1e9 / copy, "P0")} | {Opt(r.ReferenceS / r.OursMedianS, "0.00")} | {Opt(r.MaxDeltaT, "g3")} | {Opt(r.MaxDeltaPeak, "g3")} | {Opt(r.MaxRelDeltaOmega, "g3")} | {goal} | {r.Note} |");
        }

        sb.AppendLine();
        sb.AppendLine("Error against an analytic solution: homogeneous liver without perfusion, 200 mm along i (zero-flux ends), 47 °C on one half and 37 °C on the other; after 60 s the exact temperature is 37 + 5·erfc(x / 2√(αt)), α = k/(ρc), x from the interface (voxel centres). Errors over all voxels:");
        sb.AppendLine();
        sb.AppendLine("| spacing mm | voxels | steps | max error °C | mean error °C |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var a in analytic)
        {
            sb.AppendLine(inv, $"| {a.SpacingMm} | {a.Voxels} | {a.Steps} | {a.Max:0.0000} | {a.Mean:0.00000} |");
        }

        return sb.ToString();
    }

    private static string Opt(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
