using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ILGPU;
using ILGPU.Runtime.CPU;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Gpu.Thermal;
using Seldinger.Imaging.Thermal;

namespace Seldinger.GpuBench;

/// <summary>
/// The GPU check of the bioheat engine, for every kernel variant (<see cref="Variants"/>: a layout and a chunk length):
/// the ILGPU engine against <see cref="CpuBioheatEngine"/> on fresh random problems (heating, a held hot probe,
/// freezing, a passive thaw), then synchronised median times of N steps at the requested sizes for plain conduction and
/// for an RF-ablation-like problem, with G updates/s and the fraction of the card's measured copy bandwidth, written
/// as JSON. The CPU engine's results are computed once and shared by the variants.
/// </summary>
internal static class ThermalCheck
{
    /// <summary>Largest allowed |GPU − CPU| of the final, peak and coldest temperatures (°C).</summary>
    private const double TemperatureTolerance = 1e-3;

    /// <summary>Largest allowed |ΔΩ| and |ΔCEM43| relative to max(1e-3, |CPU|): device exp and fused multiply–adds.</summary>
    private const double DamageTolerance = 1e-3;

    /// <summary>Bytes per update of a plain-conduction voxel on the device: read T, write T′ (material, Ω and the rest are skipped by the per-thread flags).</summary>
    private const int PlainBytes = 8;

    /// <summary>Bytes per update in the source and fixed-voxel neighbourhood: T read and written, material, fixed kind, Q, Ω.</summary>
    private const int GeneralBytes = 18;

    private const double BloodCapacity = 1050 * 3617.0;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// The variants <c>--variants all</c> runs, by name: the layout and the chunk length along k (0: the engine's choice,
    /// whole columns when the plane has enough of them). "column" is the engine's default.
    /// </summary>
    public static readonly (string Name, GpuBioheatKernelLayout Layout, int ChunkLength)[] Variants =
    [
        ("column", GpuBioheatKernelLayout.ColumnMarch, 0),
        ("list", GpuBioheatKernelLayout.SplitList, 0),
        ("grid-k8", GpuBioheatKernelLayout.SplitGrid, 8),
        ("grid", GpuBioheatKernelLayout.SplitGrid, 0),
        ("pairs-k16", GpuBioheatKernelLayout.SplitGridPairs, 16),
        ("pairs", GpuBioheatKernelLayout.SplitGridPairs, 0),
        ("pairs-k128", GpuBioheatKernelLayout.SplitGridPairs, 128),
        ("quads", GpuBioheatKernelLayout.SplitGridQuads, 0),
        ("vector4", GpuBioheatKernelLayout.SplitGridVector4, 0),
    ];

    public static int Run(string[] args)
    {
        var output = GpuCheck.Option(args, "--out");
        if (output is null)
        {
            Console.Error.WriteLine("thermal-bench: --out FILE is required");
            return 2;
        }

        var sizesText = GpuCheck.Option(args, "--sizes") ?? "256,512";
        var sizes = sizesText.Split(',').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1).ToArray();
        var steps = GpuCheck.Int(args, "--steps", 20);
        var runs = GpuCheck.Int(args, "--runs", 10);
        var seed = GpuCheck.Int(args, "--seed", Environment.TickCount & 0x7fffffff);
        var copyMib = GpuCheck.Int(args, "--copy-mib", 1024);
        var trials = GpuCheck.Int(args, "--trials", 8);
        var device = GpuCheck.Option(args, "--device") ?? "gpu";
        var variantsText = GpuCheck.Option(args, "--variants") ?? "all";
        var names = variantsText == "all" ? Variants.Select(v => v.Name).ToArray() : variantsText.Split(',');
        var unknown = names.Where(n => Variants.All(v => v.Name != n)).ToArray();
        if (sizes.Any(s => s is < 4 or > 1024) || steps < 1 || runs < 1 || copyMib < 1 || trials < 1 || device is not ("gpu" or "cpu-accelerator") || unknown.Length > 0 || names.Length == 0)
        {
            Console.Error.WriteLine($"thermal-bench: --sizes N,N (4…1024), --steps ≥ 1, --runs ≥ 1, --copy-mib ≥ 1, --trials ≥ 1, --device gpu|cpu-accelerator, --variants all|{string.Join(',', Variants.Select(v => v.Name))}");
            return 2;
        }

        var selected = Variants.Where(v => names.Contains(v.Name)).ToArray();
        Context? context = null;
        GpuBioheatEngine? owner;
        if (device == "gpu")
        {
            owner = BioheatEngines.TryCreateCuda(out var reason);
            if (owner is null)
            {
                Console.Error.WriteLine($"thermal-bench: no CUDA device: {reason}");
                return 3;
            }
        }
        else
        {
            context = Context.Create(builder => builder.CPU());
            owner = new GpuBioheatEngine(context.CreateCPUAccelerator(0));
        }

        var results = new List<VariantResult>();
        try
        {
            // A variant that fails (its kernels do not load, a launch fails) is reported as failed; the others still run.
            var clock = Stopwatch.StartNew();
            foreach (var (variant, layout, chunk) in selected)
            {
                var result = new VariantResult(variant, layout, chunk);
                results.Add(result);
                result.Try(() => result.Engine = new GpuBioheatEngine(owner.Accelerator, chunk, layout));
            }

            var cpu = new CpuBioheatEngine();
            var report = new Dictionary<string, object?>
            {
                ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ["device"] = owner.Name,
                ["device_memory_bytes"] = owner.Accelerator.MemorySize,
                ["runtime"] = $".NET {Environment.Version}",
                ["host"] = $"{Environment.ProcessorCount} threads, {Environment.OSVersion}",
                ["cpu_engine"] = cpu.Name,
                ["seed"] = seed,
                ["steps_per_run"] = steps,
                ["runs"] = runs,
                ["tolerance"] = $"|gpu - cpu| <= {TemperatureTolerance} °C for temperatures; |gpu - cpu| <= {DamageTolerance} * max(1e-3, |cpu|) for Ω and CEM43",
            };
            Console.WriteLine($"device: {owner.Name}; seed {seed}; variants {string.Join(", ", selected.Select(v => v.Name))}");
            Correctness(results, cpu, seed, trials);
            foreach (var size in sizes)
            {
                foreach (var ablation in new[] { false, true })
                {
                    Time(results, cpu, size, ablation, steps, runs);
                }
            }

            var bandwidth = GpuCheck.Bandwidth(owner.Accelerator, copyMib, runs);
            report["bandwidth"] = bandwidth;
            var copyGbs = (double)bandwidth["kernel_copy_gb_s"]!;
            var memcpyGbs = (double)bandwidth["memcpy_gb_s"]!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kernel copy {copyGbs:0} GB/s, device memcpy {memcpyGbs:0} GB/s"));
            var pass = true;
            foreach (var r in results)
            {
                var correct = r.Error is null && r.Correctness.All(c => (bool)c["pass"]!);
                Console.WriteLine($"{r.Name}: correctness {(correct ? "pass" : "FAIL")}{(r.Error is null ? string.Empty : $"; error: {r.Error}")}");
                foreach (var t in r.Timings)
                {
                    t["fraction_of_kernel_copy_bandwidth"] = (double)t["effective_gb_s"]! / copyGbs;
                    t["fraction_of_memcpy_bandwidth"] = (double)t["effective_gb_s"]! / memcpyGbs;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-10} {t["case_short"],-18} {(double)t["g_updates_per_s"]!,6:0.0} G updates/s, {(double)t["fraction_of_kernel_copy_bandwidth"]!,4:P0} of the kernel copy bandwidth{((bool)t["pass"]! ? string.Empty : " FAIL")}"));
                }

                pass &= r.Pass;
            }

            report["variants"] = results.Select(r => new Dictionary<string, object?>
            {
                ["name"] = r.Name,
                ["layout"] = r.Layout.ToString(),
                ["chunk_length"] = r.ChunkLength,
                ["pass"] = r.Pass,
                ["error"] = r.Error,
                ["correctness"] = r.Correctness,
                ["timings"] = r.Timings,
            }).ToList();
            report["wall_s"] = clock.Elapsed.TotalSeconds;
            report["pass"] = pass;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.WriteAllText(output, JsonSerializer.Serialize(report, Json));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(pass ? "all variants pass" : "FAIL")}; {clock.Elapsed.TotalSeconds:0} s; wrote {output}"));
            return pass ? 0 : 1;
        }
        finally
        {
            foreach (var r in results)
            {
                r.Engine?.Dispose();
            }

            var accelerator = owner.Accelerator;
            owner.Dispose();
            if (context is not null)
            {
                accelerator.Dispose();
                context.Dispose();
            }
        }
    }

    /// <summary>Random problems (sizes, spacings, materials, sources, fixed voxels from the seed) over a heat–hold–cool–freeze–thaw schedule, each variant against one CPU run.</summary>
    private static void Correctness(List<VariantResult> results, CpuBioheatEngine cpu, int seed, int trials)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < trials; trial++)
        {
            var problem = RandomProblem(random);
            BioheatPhase[] schedule = [new(20 + (20 * random.NextDouble()), 1, null), new(6, 0.5, 95), new(5, 0, null), new(15, 0, -150), new(6, 0, null)];
            var expected = cpu.Run(problem, schedule);
            var g = problem.Geometry;
            foreach (var r in results.Where(r => r.Error is null))
            {
                BioheatResult? actual = null;
                if (!r.Try(() => actual = r.Engine!.Run(problem, schedule)) || actual is null)
                {
                    continue;
                }

                var dT = Math.Max(MaxAbs(expected.FinalTemperature.Voxels, actual.FinalTemperature.Voxels),
                    Math.Max(MaxAbs(expected.PeakTemperature.Voxels, actual.PeakTemperature.Voxels), MaxAbs(expected.ColdestTemperature.Voxels, actual.ColdestTemperature.Voxels)));
                var dOmega = Math.Max(MaxRel(expected.Damage.Voxels, actual.Damage.Voxels), MaxRel(expected.Cem43.Voxels, actual.Cem43.Voxels));
                var pass = dT <= TemperatureTolerance && dOmega <= DamageTolerance && expected.Steps == actual.Steps;
                r.Pass &= pass;
                r.Correctness.Add(new()
                {
                    ["size"] = new[] { g.SizeI, g.SizeJ, g.SizeK },
                    ["spacing_mm"] = new[] { g.SpacingI, g.SpacingJ, g.SpacingK },
                    ["materials"] = problem.Materials.Count,
                    ["steps"] = expected.Steps,
                    ["max_abs_diff_temperature_c"] = dT,
                    ["max_rel_diff_damage"] = dOmega,
                    ["max_omega"] = expected.Damage.Voxels.Max(),
                    ["min_temperature_c"] = expected.ColdestTemperature.Voxels.Min(),
                    ["pass"] = pass,
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Name,-10} {g.SizeI}×{g.SizeJ}×{g.SizeK}, {problem.Materials.Count} materials, {expected.Steps} steps: max |ΔT| {dT:g3} °C, max rel ΔΩ/CEM {dOmega:g3}{(pass ? string.Empty : " FAIL")}"));
            }
        }
    }

    /// <summary>For each variant: the median time of <paramref name="steps"/> synchronised steps on a size³ problem, and the agreement with the CPU engine (run once) after them.</summary>
    private static void Time(List<VariantResult> results, CpuBioheatEngine cpu, int size, bool ablation, int steps, int runs)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{size}³ at 1 mm, {(ablation ? "RF ablation (tumour, vein held at 37 °C, 1/r⁴ source)" : "plain conduction (one material, no source)")}");
        var shortName = string.Create(CultureInfo.InvariantCulture, $"{size}³ {(ablation ? "RF ablation" : "plain")}");
        var problem = ablation ? AblationProblem(size) : PlainProblem(size);
        BioheatPhase[] unit = [new(1, 1, null)];
        var dt = BioheatOptions.DefaultStabilityFraction * problem.MaxStableTimeStepSeconds(unit);
        var options = new BioheatOptions { TimeStepSeconds = dt };
        var voxels = problem.Geometry.VoxelCount;
        Console.WriteLine($"{name}: {steps} steps with the CPU engine ...");
        BioheatPhase[] check = [new(steps * dt, 1, null)];
        var sw = Stopwatch.StartNew();
        var expected = cpu.Run(problem, check, options);
        var cpuS = sw.Elapsed.TotalSeconds;
        var general = ablation ? GeneralFraction(problem) : 0;
        var bytesPerUpdate = PlainBytes + ((GeneralBytes - PlainBytes) * general);
        foreach (var r in results.Where(r => r.Error is null))
        {
            var times = new List<double>();
            var chunkUsed = 0;
            BioheatResult? actual = null;
            var ran = r.Try(() =>
            {
                // One upload: the first steps are compared with the CPU engine, the following ones timed.
                using var run = r.Engine!.Upload(problem, [new((steps + 2 + (runs * steps)) * dt, 1, null)], options);
                chunkUsed = run.ChunkLength;
                run.Advance(steps);
                actual = run.Download();
                run.Advance(2);
                run.Synchronize();
                for (var n = 0; n < runs; n++)
                {
                    var clock = Stopwatch.StartNew();
                    run.Advance(steps);
                    run.Synchronize();
                    times.Add(clock.Elapsed.TotalSeconds);
                }
            });
            if (!ran || actual is null)
            {
                continue;
            }

            var dT = MaxAbs(expected.FinalTemperature.Voxels, actual.FinalTemperature.Voxels);
            var dOmega = MaxRel(expected.Damage.Voxels, actual.Damage.Voxels);
            var median = GpuCheck.Median(times);
            var updates = voxels * (double)steps / median;
            var pass = dT <= TemperatureTolerance && dOmega <= DamageTolerance;
            r.Pass &= pass;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Name,-10} {shortName}: median {median * 1e3:0.00} ms per {steps} steps, {updates / 1e9:0.0} G updates/s; max |ΔT| {dT:g3} °C{(pass ? string.Empty : " FAIL")}"));
            r.Timings.Add(new()
            {
                ["case"] = name,
                ["case_short"] = shortName,
                ["voxels"] = voxels,
                ["chunk_length_used"] = chunkUsed,
                ["steps_per_run"] = steps,
                ["time_step_s"] = dt,
                ["device_median_s"] = median,
                ["device_min_s"] = times.Min(),
                ["device_runs_s"] = times,
                ["g_updates_per_s"] = updates / 1e9,
                ["cpu_engine_s"] = cpuS,
                ["cpu_engine_g_updates_per_s"] = voxels * (double)steps / cpuS / 1e9,
                ["general_voxel_fraction"] = general,
                ["bytes_per_update"] = bytesPerUpdate,
                ["bytes_note"] = $"{PlainBytes} B (T read, T' written) where the thread's neighbourhood is one free material without source; {GeneralBytes} B (also material, fixed kind, Q, Ω) near sources and fixed voxels",
                ["effective_gb_s"] = updates * bytesPerUpdate / 1e9,
                ["max_abs_diff_temperature_c"] = dT,
                ["max_rel_diff_damage"] = dOmega,
                ["pass"] = pass,
            });
        }
    }

    /// <summary>Fraction of voxels near a source or a fixed voxel (those the device reads the extra volumes for, approximately).</summary>
    private static double GeneralFraction(BioheatProblem problem)
    {
        long general = 0;
        var source = problem.HeatSource?.Voxels;
        var fixedKind = problem.Fixed?.Voxels;
        for (var n = 0; n < problem.MaterialIndex.Voxels.Length; n++)
        {
            if ((source is not null && source[n] != 0) || (fixedKind is not null && fixedKind[n] != 0))
            {
                general++;
            }
        }

        return general / (double)problem.MaterialIndex.Voxels.Length;
    }

    private static BioheatMaterial Liver(double perfusion) => new("liver-like", 0.52, 1079, 3540, perfusion, 7.39e39, 2.577e5, 2.0, 1800, 250_000);

    private static BioheatProblem PlainProblem(int size)
    {
        var g = new VolumeGeometry(size, size, size, WorldPoint.Origin, 1, 1, 1);
        var initial = new Volume<float>(g);
        var c = size / 2.0;
        Parallel.For(0, size, k =>
        {
            for (var j = 0; j < size; j++)
            {
                for (var i = 0; i < size; i++)
                {
                    var r2 = ((i - c) * (i - c)) + ((j - c) * (j - c)) + ((k - c) * (k - c));
                    initial[i, j, k] = (float)(37 + (2.9 * Math.Exp(-r2 / 200.0)));
                }
            }
        });
        return new BioheatProblem(new Volume<byte>(g), [Liver(0.0064)], 37, BloodCapacity) { InitialTemperature = initial };
    }

    /// <summary>A tumour (half perfusion), a 7 mm vessel held at 37 °C beside the probe, 20 W around a 20 mm tip with a 1/r⁴ fall-off cut at 1e-5 of its peak.</summary>
    private static BioheatProblem AblationProblem(int size)
    {
        var g = new VolumeGeometry(size, size, size, WorldPoint.Origin, 1, 1, 1);
        var material = new Volume<byte>(g);
        var fixedKind = new Volume<byte>(g);
        var source = new Volume<float>(g);
        var c = size / 2;
        Parallel.For(0, size, k =>
        {
            for (var j = 0; j < size; j++)
            {
                for (var i = 0; i < size; i++)
                {
                    double x = i - c, y = j - c, z = k - c;
                    var n = g.LinearIndex(i, j, k);
                    if ((x * x) + (y * y) + (z * z) <= 144)
                    {
                        material.Voxels[n] = 1;
                    }

                    if (((x - 14) * (x - 14)) + (y * y) <= 12.25)
                    {
                        fixedKind.Voxels[n] = (byte)BioheatFixedKind.Blood;
                        continue;
                    }

                    var along = Math.Max(0, Math.Abs(z) - 10);
                    var r = Math.Max(2, Math.Sqrt((x * x) + (y * y) + (along * along)));
                    var w = Math.Pow(r / 2, -4);
                    source.Voxels[n] = w >= 1e-5 ? (float)(6e7 * w) : 0f;
                }
            }
        });
        return new BioheatProblem(material, [Liver(0.0064), Liver(0.0032)], 37, BloodCapacity) { HeatSource = source, Fixed = fixedKind, SourceCutoffCelsius = 100 };
    }

    private static BioheatProblem RandomProblem(Random random)
    {
        int ni = 8 + random.Next(33), nj = 8 + random.Next(33), nk = 8 + random.Next(33);
        var g = new VolumeGeometry(ni, nj, nk, WorldPoint.Origin, 0.8 + random.NextDouble(), 0.8 + random.NextDouble(), 0.8 + (1.5 * random.NextDouble()));
        var materials = Enumerable.Range(0, 1 + random.Next(5)).Select(m => new BioheatMaterial(
            $"m{m}", 0.2 + random.NextDouble(), 950 + (250 * random.NextDouble()), 2800 + (1200 * random.NextDouble()),
            random.NextDouble() < 0.25 ? 0 : 0.025 * random.NextDouble(), Math.Exp(85 + (40 * random.NextDouble())), 2.4e5 + (1.5e5 * random.NextDouble()),
            1.2 + random.NextDouble(), 1600 + (600 * random.NextDouble()), 150_000 + (150_000 * random.NextDouble()))).ToArray();
        var index = new Volume<byte>(g);
        var fixedKind = new Volume<byte>(g);
        var source = new Volume<float>(g);
        var initial = new Volume<float>(g);
        var background = (byte)random.Next(materials.Length);
        int ci = random.Next(ni), cj = random.Next(nj), ck = random.Next(nk), pi = random.Next(ni), pj = random.Next(nj);
        for (var k = 0; k < nk; k++)
        {
            for (var j = 0; j < nj; j++)
            {
                for (var i = 0; i < ni; i++)
                {
                    var n = g.LinearIndex(i, j, k);
                    index.Voxels[n] = k < nk / 3 ? (byte)(materials.Length - 1) : random.NextDouble() < 0.1 ? (byte)random.Next(materials.Length) : background;
                    initial.Voxels[n] = 36f + (2f * random.NextSingle());
                    var d2 = ((i - ci) * (i - ci)) + ((j - cj) * (j - cj)) + ((k - ck) * (k - ck));
                    if (d2 <= 6)
                    {
                        source.Voxels[n] = (float)(3e7 * (0.3 + random.NextDouble()) / (1 + d2));
                    }

                    if (i == pi && j == pj && k >= nk / 2)
                    {
                        fixedKind.Voxels[n] = (byte)BioheatFixedKind.Probe;
                    }
                    else if (random.NextDouble() < 0.01)
                    {
                        fixedKind.Voxels[n] = (byte)BioheatFixedKind.Blood;
                    }
                }
            }
        }

        return new BioheatProblem(index, materials, 37, BloodCapacity)
        {
            InitialTemperature = initial,
            HeatSource = source,
            Fixed = fixedKind,
            SourceCutoffCelsius = 95 + (20 * random.NextDouble()),
        };
    }

    private static double MaxAbs(float[] expected, float[] actual)
    {
        double max = 0;
        for (var n = 0; n < expected.Length; n++)
        {
            var d = Math.Abs((double)expected[n] - actual[n]);
            max = float.IsFinite(actual[n]) ? Math.Max(max, d) : double.PositiveInfinity;
        }

        return max;
    }

    private static double MaxRel(float[] expected, float[] actual)
    {
        double max = 0;
        for (var n = 0; n < expected.Length; n++)
        {
            var d = Math.Abs((double)expected[n] - actual[n]) / Math.Max(1e-3, Math.Abs(expected[n]));
            max = float.IsFinite(actual[n]) ? Math.Max(max, d) : double.PositiveInfinity;
        }

        return max;
    }

    /// <summary>One variant's engine and what the check measured for it.</summary>
    private sealed class VariantResult(string name, GpuBioheatKernelLayout layout, int chunkLength)
    {
        public string Name { get; } = name;

        public GpuBioheatKernelLayout Layout { get; } = layout;

        public int ChunkLength { get; } = chunkLength;

        public GpuBioheatEngine? Engine { get; set; }

        /// <summary>The first failure (exception) of this variant; it is then skipped.</summary>
        public string? Error { get; private set; }

        public List<Dictionary<string, object?>> Correctness { get; } = [];

        public List<Dictionary<string, object?>> Timings { get; } = [];

        public bool Pass { get; set; } = true;

        /// <summary>Runs <paramref name="action"/>; on an exception records it as this variant's error, fails the variant and returns false.</summary>
        public bool Try(Action action)
        {
            try
            {
                action();
                return true;
            }
#pragma warning disable CA1031 // Any failure of one variant is reported, and the check goes on with the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Error = $"{e.GetType().Name}: {e.Message}";
                Pass = false;
                Console.WriteLine($"  {Name}: {Error}");
                return false;
            }
        }
    }
}
