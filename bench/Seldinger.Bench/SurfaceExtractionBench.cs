using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes;
using static Seldinger.Bench.BenchEnvironment;

namespace Seldinger.Bench;

/// <summary>
/// B7 — surface extraction: the surface of every label of a 512³ multi-label volume, Seldinger's
/// <see cref="LabelSurfaceExtractor"/> against VTK's vtkDiscreteMarchingCubes, vtkDiscreteFlyingEdges3D and
/// vtkFlyingEdges3D on the same volume in the same run, with triangle counts and watertightness for all.
/// </summary>
internal static class SurfaceExtractionBench
{
    private const int LabelCount = 6;

    private sealed record Row(string Name, double MedianS, double MinS, long Triangles, bool Watertight, string Note);

    public static int Run(string[] args)
    {
        var runs = Options.Int(args, "--runs", 5);
        var peerRuns = Options.Int(args, "--peer-runs", 3);
        var size = Options.Int(args, "--size", 512);
        var skipPeer = args.Contains("--no-vtk");
        var output = Options.String(args, "--out") ?? Path.Combine("bench", "results", "B7-surface-extraction.md");
        var dataDir = Options.String(args, "--data")
            ?? Environment.GetEnvironmentVariable("SELDINGER_BENCH_DATA")
            ?? Path.Combine(Path.GetTempPath(), "seldinger-bench");
        var script = Path.Combine(AppContext.BaseDirectory, "b7_vtk.py");
        if (!File.Exists(script))
        {
            script = Path.Combine("bench", "b7_vtk.py");
        }

        Directory.CreateDirectory(dataDir);
        var loadBefore = LoadAverage(1);
        Console.WriteLine($"{size}³: generating {LabelCount}-label volume ...");
        var labels = LabelVolume(size);
        var values = Enumerable.Range(1, LabelCount).Select(l => (byte)l).ToArray();
        var fractions = values.Select(l => labels.Voxels.AsSpan().Count(l) / (double)labels.Voxels.LongLength).ToArray();

        Console.WriteLine($"Seldinger: 1 warm-up + {runs} runs of {LabelCount} labels ...");
        var meshes = values.Select(l => LabelSurfaceExtractor.Extract(labels, l)).ToArray();
        var times = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            meshes = null!;
            GC.Collect();
            var sw = Stopwatch.StartNew();
            meshes = new TriangleMesh[values.Length];
            for (var n = 0; n < values.Length; n++)
            {
                meshes[n] = LabelSurfaceExtractor.Extract(labels, values[n]);
            }

            times.Add(sw.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {times[^1] * 1000:0} ms"));
        }

        var oursTriangles = meshes.Sum(m => (long)m.TriangleCount);
        var oursWatertight = meshes.All(MeshTopology.IsWatertight);
        var rows = new List<Row>
        {
            new("Seldinger `LabelSurfaceExtractor.Extract`", Median(times), times.Min(), oursTriangles, oursWatertight,
                $"{Environment.ProcessorCount} threads; vertices and normals included; every edge also checked for opposite orientation in its two triangles"),
        };

        string? vtkVersion = null;
        if (!skipPeer)
        {
            var path = Path.Combine(dataDir, $"b7-labels-{size}.raw");
            File.WriteAllBytes(path, labels.Voxels);
            Console.WriteLine($"VTK: {peerRuns} run(s) of each filter ...");
            var json = RunPython(script, string.Create(CultureInfo.InvariantCulture,
                $"--labels {path} --size {size} {size} {size} --values {string.Join(' ', values)} --runs {peerRuns}"));
            File.Delete(path);
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var threads = root.GetProperty("threads").GetInt32();
            vtkVersion = $"VTK {root.GetProperty("vtk").GetString()} (SMP backend {root.GetProperty("smp").GetString()}, {threads} threads), numpy {root.GetProperty("numpy").GetString()}";
            foreach (var filter in root.GetProperty("filters").EnumerateObject())
            {
                var seconds = filter.Value.GetProperty("seconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
                var (name, note) = filter.Name switch
                {
                    "discrete-mc" => ("VTK `vtkDiscreteMarchingCubes`", "single-threaded; normals, gradients and scalars off"),
                    "discrete-fe" => ("VTK `vtkDiscreteFlyingEdges3D`", $"{threads} threads; normals, gradients and scalars off"),
                    _ => ("VTK `vtkFlyingEdges3D` at 0.5 on a binary mask", string.Create(CultureInfo.InvariantCulture,
                        $"{threads} threads; building the masks with numpy ({filter.Value.GetProperty("mask_s_per_run").GetDouble() * 1000:0} ms per run) not included")),
                };
                rows.Add(new Row(name, filter.Value.GetProperty("median_s").GetDouble(), seconds.Min(),
                    filter.Value.GetProperty("triangles").GetInt64(), filter.Value.GetProperty("watertight").GetBoolean(), note));
            }
        }

        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Name}: {row.MedianS * 1000:0} ms, {row.Triangles} triangles ({row.Triangles / row.MedianS / 1e6:0.0} M/s), watertight {(row.Watertight ? "yes" : "no")}"));
        }

        var load = $"{loadBefore} at the start, {LoadAverage(1)} at the end";
        var report = Report(size, fractions, rows, runs, peerRuns, vtkVersion, load, args);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, report);
        Console.WriteLine($"wrote {output}");
        var fastestPeer = rows.Skip(1).Select(r => r.MedianS).DefaultIfEmpty(double.PositiveInfinity).Min();
        return oursWatertight && rows[0].MedianS <= fastestPeer ? 0 : 1;
    }

    /// <summary>
    /// Labels 1–6 on 90 random ellipsoids (radii 3–60 voxels, later ones over earlier ones), with a band of thin
    /// tubes of label 6, 1 mm voxels, and one background voxel all round so every surface is closed for every filter.
    /// </summary>
    private static Volume<byte> LabelVolume(int size)
    {
        var g = new VolumeGeometry(size, size, size, WorldPoint.Origin, 1, 1, 1);
        var labels = new Volume<byte>(g);
        var random = new Random(7);
        var scale = size / 512.0;
        var ellipsoids = Enumerable.Range(0, 90).Select(n => (
            Centre: new[] { random.NextDouble() * size, random.NextDouble() * size, random.NextDouble() * size },
            Radii: new[] { (3 + (random.NextDouble() * 57)) * scale, (3 + (random.NextDouble() * 57)) * scale, (3 + (random.NextDouble() * 57)) * scale },
            Label: (byte)(1 + (n % (LabelCount - 1))))).ToArray();
        var tubes = Enumerable.Range(0, 40).Select(_ => (
            Centre: new[] { random.NextDouble() * size, random.NextDouble() * size },
            Radius: (1 + (random.NextDouble() * 3)) * scale)).ToArray();
        Parallel.For(1, size - 1, k =>
        {
            var plane = (long)k * size * size;
            foreach (var (centre, radii, label) in ellipsoids)
            {
                var dz = (k - centre[2]) / radii[2];
                if (dz * dz > 1)
                {
                    continue;
                }

                for (var j = 1; j < size - 1; j++)
                {
                    var dy = (j - centre[1]) / radii[1];
                    var rest = 1 - (dz * dz) - (dy * dy);
                    if (rest < 0)
                    {
                        continue;
                    }

                    var half = Math.Sqrt(rest) * radii[0];
                    var from = Math.Max(1, (int)Math.Ceiling(centre[0] - half));
                    var to = Math.Min(size - 2, (int)Math.Floor(centre[0] + half));
                    if (from <= to)
                    {
                        labels.Voxels.AsSpan((int)(plane + ((long)j * size) + from), to - from + 1).Fill(label);
                    }
                }
            }

            // Thin vertical tubes (vessels): many small, curved cross-sections per slice.
            foreach (var (centre, radius) in tubes)
            {
                var cx = centre[0] + (10 * scale * Math.Sin(k / (17.0 * scale)));
                var cy = centre[1] + (10 * scale * Math.Cos(k / (23.0 * scale)));
                for (var j = Math.Max(1, (int)(cy - radius)); j <= Math.Min(size - 2, (int)(cy + radius) + 1); j++)
                {
                    for (var i = Math.Max(1, (int)(cx - radius)); i <= Math.Min(size - 2, (int)(cx + radius) + 1); i++)
                    {
                        if (((i - cx) * (i - cx)) + ((j - cy) * (j - cy)) <= radius * radius)
                        {
                            labels.Voxels[plane + ((long)j * size) + i] = LabelCount;
                        }
                    }
                }
            }
        });
        return labels;
    }

    private static string Report(int size, double[] fractions, List<Row> rows, int runs, int peerRuns, string? vtkVersion, string load, string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# B7 — surface extraction");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(inv, $"- Machine: {Machine()}; load average (1 min) {load} (other work shares the machine: absolute times drift, ratios in one run hold better)");
        sb.AppendLine(inv, $"- Runtime: .NET {Environment.Version}, {vtkVersion ?? "VTK not run"} (Debian /usr/bin/python3)");
        sb.AppendLine(inv, $"- Volume: {size}³ uint8, 1 mm voxels, labels 1–{LabelCount} (90 random ellipsoids with radii 3–60 mm and 40 thin winding tubes, fixed seed), one background voxel all round so that every filter's surfaces close. Label fractions: {string.Join(", ", fractions.Select((f, n) => string.Create(inv, $"{n + 1}: {f:0.0000}")))}.");
        sb.AppendLine(inv, $"- Work: the surface of each of the {LabelCount} labels separately (one call per label, the label's own closed surface), summed. Seldinger: one warm-up, then median of {runs} runs in one process. VTK: the same raw volume through `bench/b7_vtk.py`, `Update()` timed, median of {peerRuns} run(s) per filter.");
        sb.AppendLine("- Watertight: every undirected edge of each label's mesh is shared by exactly two triangles (for Seldinger also: in opposite directions).");
        sb.AppendLine("- Triangle counts can differ: Seldinger's case table adds a centre vertex in cells whose faces are ambiguous, so that the surface is manifold as well as closed; VTK's tables use the classic triangulation.");
        sb.AppendLine();
        sb.AppendLine(inv, $"Reproduce: `bench/run-b7.sh{(args.Length > 0 ? " " + string.Join(' ', args) : string.Empty)}` (publishes Release with ReadyToRun, then `dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b7`).");
        sb.AppendLine();
        sb.AppendLine("| extractor | median ms | min ms | triangles | M triangles/s | ms ratio to Seldinger | watertight | note |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in rows)
        {
            sb.AppendLine(inv, $"| {r.Name} | {r.MedianS * 1000:0} | {r.MinS * 1000:0} | {r.Triangles} | {r.Triangles / r.MedianS / 1e6:0.0} | {r.MedianS / rows[0].MedianS:0.00} | {(r.Watertight ? "yes" : "no")} | {r.Note} |");
        }

        var peers = rows.Skip(1).ToList();
        if (peers.Count > 0)
        {
            var fastest = peers.MinBy(r => r.MedianS)!;
            sb.AppendLine();
            sb.AppendLine(inv, $"Goal (≥ parity with VTK, watertight): {(rows[0].MedianS <= fastest.MedianS && rows[0].Watertight ? "met" : "not met")} — fastest VTK filter {fastest.Name} at {fastest.MedianS * 1000:0} ms against Seldinger's {rows[0].MedianS * 1000:0} ms.");
        }

        return sb.ToString();
    }
}
