using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Gpu;

namespace Seldinger.GpuBench;

/// <summary>
/// One prepared GPU check: correctness against the CPU engine on fresh random inputs, warm median timings
/// with device synchronisation, and a device-copy bandwidth probe on the same card, written as JSON.
/// </summary>
internal static class GpuCheck
{
    /// <summary>Largest allowed |GPU − CPU| / max(1 mm, |CPU|): float rounding of a few operations.</summary>
    private const double Tolerance = 1e-5;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        var output = Option(args, "--out");
        if (output is null)
        {
            Console.Error.WriteLine("gpu-bench: --out FILE is required");
            return 2;
        }

        var size = Int(args, "--size", 512);
        var slices = Int(args, "--slices", size * 400 / 512);
        var runs = Int(args, "--runs", 10);
        var seed = Int(args, "--seed", Environment.TickCount & 0x7fffffff);
        var copyMib = Int(args, "--copy-mib", 1024);
        var device = Option(args, "--device") ?? "gpu";
        if (size < 2 || slices < 1 || runs < 1 || copyMib < 1 || device is not ("gpu" or "cpu-accelerator"))
        {
            Console.Error.WriteLine("gpu-bench: --size ≥ 2, --slices ≥ 1, --runs ≥ 1, --copy-mib ≥ 1, --device gpu|cpu-accelerator");
            return 2;
        }

        Context? context = null;
        Accelerator? accelerator = null;
        GpuDistanceTransformEngine? engine;
        if (device == "gpu")
        {
            engine = DistanceTransformEngines.TryCreateCuda(out var reason);
            if (engine is null)
            {
                Console.Error.WriteLine($"gpu-bench: no CUDA device: {reason}");
                return 3;
            }
        }
        else
        {
            context = Context.Create(builder => builder.CPU());
            accelerator = context.CreateCPUAccelerator(0);
            engine = new GpuDistanceTransformEngine(accelerator);
        }

        try
        {
            var report = new Dictionary<string, object?>
            {
                ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ["device"] = engine.Name,
                ["device_memory_bytes"] = engine.Accelerator.MemorySize,
                ["runtime"] = $".NET {Environment.Version}",
                ["host"] = $"{Environment.ProcessorCount} threads, {Environment.OSVersion}",
                ["seed"] = seed,
                ["tolerance"] = $"|gpu - cpu| <= {Tolerance} * max(1 mm, |cpu|)",
            };
            Console.WriteLine($"device: {engine.Name}; seed {seed}");

            var checks = Correctness(engine, seed);
            report["correctness"] = checks;
            var correct = checks.All(c => (bool)c["pass"]!);
            Console.WriteLine($"correctness: {(correct ? "pass" : "FAIL")}");

            var timings = new List<Dictionary<string, object?>>();
            foreach (var (name, geometry, caseSeed) in new[]
            {
                (string.Create(CultureInfo.InvariantCulture, $"{size}³ isotropic, 1 mm"), new VolumeGeometry(size, size, size, WorldPoint.Origin, 1, 1, 1), 2),
                (string.Create(CultureInfo.InvariantCulture, $"{size}×{size}×{slices} anisotropic, 0.7×0.7×1.25 mm"), new VolumeGeometry(size, size, slices, WorldPoint.Origin, 0.7, 0.7, 1.25), 3),
            })
            {
                var timing = Time(engine, name, Ellipsoids(geometry, caseSeed), runs);
                correct &= (bool)timing["pass"]!;
                timings.Add(timing);
            }

            report["timings"] = timings;
            var bandwidth = Bandwidth(engine.Accelerator, copyMib, runs);
            report["bandwidth"] = bandwidth;
            var copyGbs = (double)bandwidth["kernel_copy_gb_s"]!;
            foreach (var t in timings)
            {
                t["fraction_of_copy_bandwidth"] = (double)t["effective_gb_s"]! / copyGbs;
            }

            report["pass"] = correct;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.WriteAllText(output, JsonSerializer.Serialize(report, Json));
            Console.WriteLine($"wrote {output}");
            return correct ? 0 : 1;
        }
        finally
        {
            engine.Dispose();
            accelerator?.Dispose();
            context?.Dispose();
        }
    }

    /// <summary>Random anisotropic volumes (sizes, spacings, densities, feature sets from the seed), unsigned and signed.</summary>
    private static List<Dictionary<string, object?>> Correctness(GpuDistanceTransformEngine engine, int seed)
    {
        var random = new Random(seed);
        var results = new List<Dictionary<string, object?>>();
        for (var trial = 0; trial < 12; trial++)
        {
            var g = new VolumeGeometry(random.Next(1, 97), random.Next(1, 97), random.Next(1, 97), WorldPoint.Origin,
                0.3 + (random.NextDouble() * 3), 0.3 + (random.NextDouble() * 3), 0.3 + (random.NextDouble() * 3));
            var density = new[] { 0.0005, 0.01, 0.2, 0.7, 0.999, 0.0 }[trial % 6];
            var labels = new Volume<byte>(g);
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                labels.Voxels[n] = random.NextDouble() < density ? (byte)(1 + random.Next(3)) : (byte)0;
            }

            var signed = trial % 2 == 1;
            static bool IsFeature(byte v) => v is 1 or 2;
            var expected = signed ? CpuDistanceTransformEngine.Instance.ComputeSigned(labels, IsFeature) : CpuDistanceTransformEngine.Instance.Compute(labels, IsFeature);
            var actual = signed ? engine.ComputeSigned(labels, IsFeature) : engine.Compute(labels, IsFeature);
            var (maxRel, bitEqual, infinityMismatch) = Compare(expected.Voxels, actual.Voxels);
            var pass = infinityMismatch == 0 && maxRel <= Tolerance;
            results.Add(new()
            {
                ["size"] = new[] { g.SizeI, g.SizeJ, g.SizeK },
                ["spacing_mm"] = new[] { g.SpacingI, g.SpacingJ, g.SpacingK },
                ["density"] = density,
                ["signed"] = signed,
                ["max_rel_diff"] = maxRel,
                ["bit_equal_fraction"] = bitEqual,
                ["infinity_mismatches"] = infinityMismatch,
                ["pass"] = pass,
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.SizeI}×{g.SizeJ}×{g.SizeK} density {density} {(signed ? "signed" : "unsigned")}: max rel diff {maxRel:g3}, bit-equal {bitEqual:P2}{(pass ? string.Empty : " FAIL")}"));
        }

        return results;
    }

    private static Dictionary<string, object?> Time(GpuDistanceTransformEngine engine, string name, Volume<byte> labels, int runs)
    {
        var voxels = labels.Voxels.LongLength;
        Console.WriteLine($"{name}: CPU engine reference ...");
        var sw = Stopwatch.StartNew();
        var cpu = CpuDistanceTransformEngine.Instance.Compute(labels, v => v == 1);
        var cpuS = sw.Elapsed.TotalSeconds;

        Console.WriteLine($"{name}: device, 1 warm-up + {runs} runs ...");
        var device = new List<double>();
        var signedDevice = new List<double>();
        double maxRel;
        using (var resident = engine.Upload(labels))
        {
            resident.Run(v => v == 1, signedDistance: false);
            for (var r = 0; r < runs; r++)
            {
                sw.Restart();
                resident.Run(v => v == 1, signedDistance: false);
                device.Add(sw.Elapsed.TotalSeconds);
            }

            (maxRel, _, _) = Compare(cpu.Voxels, resident.Download().Voxels);
            resident.Run(v => v == 1, signedDistance: true);
            for (var r = 0; r < Math.Max(1, runs / 2); r++)
            {
                sw.Restart();
                resident.Run(v => v == 1, signedDistance: true);
                signedDevice.Add(sw.Elapsed.TotalSeconds);
            }
        }

        var endToEnd = new List<double>();
        for (var r = 0; r < Math.Max(1, runs / 2); r++)
        {
            sw.Restart();
            _ = engine.Compute(labels, v => v == 1);
            endToEnd.Add(sw.Elapsed.TotalSeconds);
        }

        var median = Median(device);

        // Least traffic of the three passes: labels read and squared distances written, then a read and a
        // write of the float volume per envelope pass.
        var bytes = voxels * (1 + 4 + 8 + 8);
        var pass = maxRel <= Tolerance;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: device median {median * 1e3:0.00} ms ({median * 1e9 / voxels:0.000} ns/voxel), with transfers {Median(endToEnd) * 1e3:0.0} ms, CPU engine {cpuS:0.000} s, max rel diff {maxRel:g3}{(pass ? string.Empty : " FAIL")}"));
        return new()
        {
            ["case"] = name,
            ["voxels"] = voxels,
            ["device_median_s"] = median,
            ["device_min_s"] = device.Min(),
            ["device_runs_s"] = device,
            ["signed_device_median_s"] = Median(signedDevice),
            ["end_to_end_median_s"] = Median(endToEnd),
            ["cpu_engine_s"] = cpuS,
            ["ns_per_voxel"] = median * 1e9 / voxels,
            ["effective_gb_s"] = bytes / median / 1e9,
            ["max_rel_diff"] = maxRel,
            ["pass"] = pass,
        };
    }

    /// <summary>Device-to-device copies of a buffer: the driver's copy and a plain one-float-per-thread kernel.</summary>
    internal static Dictionary<string, object?> Bandwidth(Accelerator accelerator, int mib, int runs)
    {
        var count = (long)mib << 18;
        using var source = accelerator.Allocate1D<float>(count);
        using var target = accelerator.Allocate1D<float>(count);
        source.MemSetToZero();
        accelerator.Synchronize();
        var copyKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(CopyKernel);
        var memcpy = new List<double>();
        var kernel = new List<double>();
        for (var r = 0; r <= runs; r++)
        {
            var sw = Stopwatch.StartNew();
            source.View.CopyTo(target.View);
            accelerator.Synchronize();
            var a = sw.Elapsed.TotalSeconds;
            sw.Restart();
            copyKernel((Index1D)count, source.View, target.View);
            accelerator.Synchronize();
            var b = sw.Elapsed.TotalSeconds;
            if (r > 0)
            {
                memcpy.Add(a);
                kernel.Add(b);
            }
        }

        var moved = 2.0 * count * sizeof(float);
        var result = new Dictionary<string, object?>
        {
            ["buffer_bytes"] = count * sizeof(float),
            ["memcpy_gb_s"] = moved / Median(memcpy) / 1e9,
            ["kernel_copy_gb_s"] = moved / Median(kernel) / 1e9,
            ["note"] = "read + write bytes per second, median of runs",
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bandwidth: copy {result["memcpy_gb_s"]:0} GB/s, kernel copy {result["kernel_copy_gb_s"]:0} GB/s"));
        return result;
    }

    private static void CopyKernel(Index1D index, ArrayView<float> source, ArrayView<float> target) => target[index] = source[index];

    private static (double MaxRel, double BitEqual, long InfinityMismatch) Compare(float[] expected, float[] actual)
    {
        double maxRel = 0;
        long equal = 0, mismatch = 0;
        for (var n = 0; n < expected.Length; n++)
        {
            if (BitConverter.SingleToInt32Bits(expected[n]) == BitConverter.SingleToInt32Bits(actual[n]))
            {
                equal++;
                continue;
            }

            if (float.IsInfinity(expected[n]) || float.IsInfinity(actual[n]) || float.IsNaN(actual[n]))
            {
                mismatch++;
                continue;
            }

            maxRel = Math.Max(maxRel, Math.Abs(expected[n] - actual[n]) / Math.Max(1.0, Math.Abs(expected[n])));
        }

        return (mismatch > 0 ? double.PositiveInfinity : maxRel, expected.Length == 0 ? 1 : equal / (double)expected.Length, mismatch);
    }

    /// <summary>60 random ellipsoids (radii 4–44 mm) set to label 1, as in benchmark B2.</summary>
    private static Volume<byte> Ellipsoids(VolumeGeometry g, int seed)
    {
        var labels = new Volume<byte>(g);
        var random = new Random(seed);
        var extent = new[] { g.SizeI * g.SpacingI, g.SizeJ * g.SpacingJ, g.SizeK * g.SpacingK };
        var ellipsoids = Enumerable.Range(0, 60).Select(_ => (
            Centre: new[] { random.NextDouble() * extent[0], random.NextDouble() * extent[1], random.NextDouble() * extent[2] },
            Radii: new[] { 4 + (random.NextDouble() * 40), 4 + (random.NextDouble() * 40), 4 + (random.NextDouble() * 40) })).ToArray();
        Parallel.For(0, g.SizeK, k =>
        {
            foreach (var (centre, radii) in ellipsoids)
            {
                var dz = ((k * g.SpacingK) - centre[2]) / radii[2];
                for (var j = 0; j < g.SizeJ && dz * dz <= 1; j++)
                {
                    var dy = ((j * g.SpacingJ) - centre[1]) / radii[1];
                    var rest = 1 - (dz * dz) - (dy * dy);
                    if (rest < 0)
                    {
                        continue;
                    }

                    var half = Math.Sqrt(rest) * radii[0];
                    var from = Math.Max(0, (int)Math.Ceiling((centre[0] - half) / g.SpacingI));
                    var to = Math.Min(g.SizeI - 1, (int)Math.Floor((centre[0] + half) / g.SpacingI));
                    if (from <= to)
                    {
                        labels.Voxels.AsSpan(g.LinearIndex(from, j, k), to - from + 1).Fill(1);
                    }
                }
            }
        });
        return labels;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    internal static int Int(string[] args, string name, int fallback)
    {
        var text = Option(args, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : -1;
    }
}
