using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Series;
using static Seldinger.Bench.BenchEnvironment;

namespace Seldinger.Bench;

/// <summary>
/// B1 — series ingest: a 500-slice 512×512 16-bit CT series to a sorted, geometry-checked volume, with
/// pydicom + numpy, dcmdump and a plain memory copy timed side by side in the same run.
/// </summary>
internal static class SeriesIngest
{
    private const string Marker = ".complete";

    public static int Generate(string dir, int slices, int size)
    {
        var marker = Path.Combine(dir, Marker);
        var expected = string.Create(CultureInfo.InvariantCulture, $"{size}x{size}x{slices}");
        if (File.Exists(marker) && File.ReadAllText(marker) == expected)
        {
            Console.WriteLine($"cached: {dir} ({expected})");
            return 0;
        }

        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        var sw = Stopwatch.StartNew();
        Console.WriteLine($"generating {expected} phantom CT into {dir} ...");
        var phantom = AbdomenPhantom.Generate(new AbdomenPhantomOptions
        {
            Columns = size,
            Rows = size,
            SliceCount = slices,
            SliceThicknessMm = 0.6,
        });
        CtSeriesWriter.Write(phantom.Hounsfield, new CtSeriesDescription
        {
            PatientName = "BENCH^B1",
            PatientId = "B1",
            SeriesDescription = "B1 series ingest",
        }, SeriesDirectory(dir));
        File.WriteAllText(marker, expected);
        Console.WriteLine($"generated in {sw.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    public static int LoadOnce(string dir)
    {
        var sw = Stopwatch.StartNew();
        var files = Files(dir);
        var layout = DicomSeriesReader.ReadLayout(files);
        var first = new short[layout.Geometry.SizeI * layout.Geometry.SizeJ];
        layout.ReadSlice(0, first);
        var firstMs = sw.Elapsed.TotalMilliseconds;
        var volume = DicomSeriesReader.ReadVolume(layout);
        var totalMs = sw.Elapsed.TotalMilliseconds;

        // What the same process pays just to fault in a fresh array of the volume's size: on a VM this
        // first touch of new memory, not the reading, dominates a cold load.
        sw.Restart();
        GC.AllocateUninitializedArray<short>(volume.Hounsfield.Voxels.Length).AsSpan().Fill(1);
        var touchMs = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"load_ms\":{totalMs},\"first_slice_ms\":{firstMs},\"touch_ms\":{touchMs},\"sum\":{Sum(volume.Hounsfield.Voxels)}}}"));
        return 0;
    }

    public static int HeaderOnce(string dir)
    {
        var sw = Stopwatch.StartNew();
        var files = Files(dir);
        var listMs = sw.Elapsed.TotalMilliseconds;
        DicomSeriesReader.ReadLayout(files[..1]);
        var firstMs = sw.Elapsed.TotalMilliseconds;
        var layout = DicomSeriesReader.ReadLayout(files);
        // Written by hand so that the NativeAOT build (no reflection-based JSON) prints the same line.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"header_ms\":{sw.Elapsed.TotalMilliseconds},\"list_ms\":{listMs},\"first_file_ms\":{firstMs},\"slices\":{layout.Slices.Count}}}"));
        return 0;
    }

    public static int Run(string[] args)
    {
        var slices = Options.Int(args, "--slices", 500);
        var size = Options.Int(args, "--size", 512);
        var runs = Options.Int(args, "--runs", 7);
        var peerRuns = Math.Max(1, Math.Min(runs, Options.Int(args, "--peer-runs", 3)));
        var repo = FindRepository();
        var dir = Options.String(args, "--data")
            ?? Environment.GetEnvironmentVariable("SELDINGER_BENCH_DATA")
            ?? Path.Combine(Path.GetTempPath(), "seldinger-bench", string.Create(CultureInfo.InvariantCulture, $"b1-{size}x{size}x{slices}"));
        var output = Options.String(args, "--out") ?? Path.Combine(repo, "bench", "results", "B1-series-ingest.md");
        Generate(dir, slices, size);

        var files = Files(dir);
        long fileBytes = 0;
        foreach (var f in files)
        {
            fileBytes += new FileInfo(f).Length;
        }

        var pixelBytes = (long)slices * size * size * 2;
        Console.WriteLine($"{files.Count} files, {fileBytes / 1e6:0.0} MB; warming the page cache ...");
        foreach (var f in files)
        {
            File.ReadAllBytes(f);
        }

        var results = new List<Row>();

        // Ours, warm (in-process, median of repeated loads after one warm-up).
        DicomSeriesReader.ReadVolume(files);
        var warm = Time(runs, () => DicomSeriesReader.ReadVolume(files));
        var ourSum = Sum(DicomSeriesReader.ReadVolume(files).Hounsfield.Voxels);
        var warmHeader = Time(runs, () => DicomSeriesReader.ReadLayout(files));
        var warmFirst = Time(runs, () =>
        {
            var layout = DicomSeriesReader.ReadLayout(files);
            layout.ReadSlice(0, new short[size * size]);
        });

        // The floor: one plain copy of the same pixel bytes, single-threaded and on all cores.
        var source = new byte[pixelBytes];
        var target = new byte[pixelBytes];
        Random.Shared.NextBytes(source);
        source.AsSpan().CopyTo(target);
        var copy = Time(runs, () => source.AsSpan().CopyTo(target));
        var parallelCopy = Time(runs, () => ParallelCopy(source, target));
        source = target = [];
        GC.Collect();

        // Ours, cold: a fresh process per load.
        var self = Path.Combine(AppContext.BaseDirectory, "bench.dll");
        var coldLoads = new List<double>();
        var coldInside = new List<double>();
        var coldFirst = new List<double>();
        var coldTouch = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var (wall, stdout) = RunProcess("dotnet", [self, "load", dir]);
            coldLoads.Add(wall);
            using var json = JsonDocument.Parse(stdout);
            coldInside.Add(json.RootElement.GetProperty("load_ms").GetDouble());
            coldFirst.Add(json.RootElement.GetProperty("first_slice_ms").GetDouble());
            coldTouch.Add(json.RootElement.GetProperty("touch_ms").GetDouble());
        }

        var startOnly = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            startOnly.Add(RunProcess("dotnet", [self, "noop"]).WallMs);
        }

        var coldHeader = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            coldHeader.Add(RunProcess("dotnet", [self, "header", dir]).WallMs);
        }

        // The same header-only read compiled ahead of time (run-b1.sh publishes it with NativeAOT):
        // what a command-line tool of ours costs without the runtime's start-up and JIT.
        var aot = Path.Combine(repo, "bench", "Seldinger.Bench", "bin", "aot", "bench");
        var coldHeaderAot = new List<double>();
        if (File.Exists(aot))
        {
            for (var r = 0; r < runs; r++)
            {
                coldHeaderAot.Add(RunProcess(aot, ["header", dir]).WallMs);
            }
        }

        // pydicom + numpy: a fresh interpreter for the cold load, then repeated loads in one process.
        var script = Path.Combine(repo, "bench", "b1_pydicom.py");
        var pyCold = new List<double>();
        for (var r = 0; r < Math.Min(2, peerRuns); r++)
        {
            pyCold.Add(RunProcess("/usr/bin/python3", [script, dir, "--runs", "1", "--only-load"]).WallMs);
        }

        var (_, pyOut) = RunProcess("/usr/bin/python3", [script, dir, "--runs", peerRuns.ToString(CultureInfo.InvariantCulture)]);
        using var py = JsonDocument.Parse(pyOut);
        var pyLoad = Doubles(py.RootElement.GetProperty("load_ms"));
        var pyHeader = Doubles(py.RootElement.GetProperty("header_ms"));
        var pyFirst = Doubles(py.RootElement.GetProperty("first_slice_ms"));
        var pySum = py.RootElement.GetProperty("sum").GetDouble();
        var pydicomVersion = py.RootElement.GetProperty("pydicom").GetString();

        // dcmdump over the same files: header only (stop before Pixel Data), one process for all files.
        var dcmdumpArgs = new List<string> { "-q", "+sb", "7fe0,0010" };
        dcmdumpArgs.AddRange(files);
        var dcmdump = new List<double>();
        for (var r = 0; r < peerRuns; r++)
        {
            dcmdump.Add(RunProcess("dcmdump", dcmdumpArgs, discardOutput: true).WallMs);
        }

        var dcmdumpFullArgs = new List<string> { "-q" };
        dcmdumpFullArgs.AddRange(files);
        var dcmdumpFull = new List<double> { RunProcess("dcmdump", dcmdumpFullArgs, discardOutput: true).WallMs };

        results.Add(new Row("Seldinger load, warm (in-process)", Median(warm), pixelBytes, Median(warmFirst)));
        results.Add(new Row("Seldinger load, cold process (wall, incl. runtime start)", Median(coldLoads), pixelBytes, Median(coldFirst)));
        results.Add(new Row("  of which inside the process", Median(coldInside), pixelBytes, null));
        results.Add(new Row("  first touch of a fresh array of the volume's size, same cold process", Median(coldTouch), pixelBytes, null));
        results.Add(new Row(".NET runtime start only (`dotnet bench.dll noop`, wall)", Median(startOnly), 0, null));
        results.Add(new Row("pydicom 2.3 + numpy load, warm (in-process)", Median(pyLoad), pixelBytes, Median(pyFirst)));
        results.Add(new Row("pydicom 2.3 + numpy load, cold process (wall)", Median(pyCold), pixelBytes, null));
        results.Add(new Row("Seldinger header-only, warm (in-process)", Median(warmHeader), fileBytes, null));
        results.Add(new Row("Seldinger header-only, cold process (wall)", Median(coldHeader), fileBytes, null));
        if (coldHeaderAot.Count > 0)
        {
            results.Add(new Row("Seldinger header-only, cold process, NativeAOT build (wall)", Median(coldHeaderAot), fileBytes, null));
        }

        results.Add(new Row("pydicom header-only (stop_before_pixels), warm", Median(pyHeader), fileBytes, null));
        results.Add(new Row("dcmdump +sb 7fe0,0010 (header-only, one process, wall)", Median(dcmdump), fileBytes, null));
        results.Add(new Row("dcmdump (full, one process, wall)", Median(dcmdumpFull), fileBytes, null));
        results.Add(new Row("memory copy of the pixel bytes, 1 thread", Median(copy), pixelBytes, null));
        results.Add(new Row($"memory copy of the pixel bytes, {Environment.ProcessorCount} threads", Median(parallelCopy), pixelBytes, null));

        var ratios = new List<(string Name, double Value, string Goal, bool Met)>
        {
            ("pydicom warm / Seldinger warm", Median(pyLoad) / Median(warm), "≥ 5", Median(pyLoad) / Median(warm) >= 5),
            ("pydicom cold / Seldinger cold (process wall)", Median(pyCold) / Median(coldLoads), "≥ 5", Median(pyCold) / Median(coldLoads) >= 5),
            ("dcmdump header-only / Seldinger header-only cold (process wall)", Median(dcmdump) / Median(coldHeader), "> 1", Median(dcmdump) / Median(coldHeader) > 1),
            ("dcmdump header-only / Seldinger header-only warm (in-process)", Median(dcmdump) / Median(warmHeader), "> 1", Median(dcmdump) / Median(warmHeader) > 1),
            ("dcmdump header-only / Seldinger header-only cold, NativeAOT (process wall)",
                coldHeaderAot.Count > 0 ? Median(dcmdump) / Median(coldHeaderAot) : double.NaN, "> 1",
                coldHeaderAot.Count > 0 && Median(dcmdump) / Median(coldHeaderAot) > 1),
            ("dcmdump header-only / (Seldinger header-only cold − runtime start)", Median(dcmdump) / (Median(coldHeader) - Median(startOnly)), "(info)", true),
            ("Seldinger warm / memory copy (1 thread)", Median(warm) / Median(copy), "≤ 5", Median(warm) / Median(copy) <= 5),
            ($"Seldinger warm / memory copy ({Environment.ProcessorCount} threads)", Median(warm) / Median(parallelCopy), "(info)", true),
        };

        var report = Report(files.Count, size, slices, fileBytes, pixelBytes, runs, peerRuns, dir, pydicomVersion ?? "?", results, ratios,
            ourSum, pySum);
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, report);
        Console.WriteLine($"written {output}");
        return ourSum == pySum ? 0 : 1;
    }

    private sealed record Row(string Name, double Ms, long Bytes, double? FirstSliceMs);

    private static string Report(
        int fileCount, int size, int slices, long fileBytes, long pixelBytes, int runs, int peerRuns, string dir, string pydicom,
        List<Row> rows, List<(string Name, double Value, string Goal, bool Met)> ratios, double ourSum, double pySum)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# B1 — series ingest");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(inv, $"- Machine: {Machine()}");
        sb.AppendLine(inv, $"- Runtime: .NET {Environment.Version}, pydicom {pydicom} (Debian /usr/bin/python3), {Shell("dcmdump", "--version").Split('\n')[0].Trim()}");
        sb.AppendLine(inv, $"- Data: {fileCount} CT files, {size}×{size} 16-bit, Explicit VR Little Endian, {fileBytes / 1e6:0.0} MB on disk ({pixelBytes / 1e6:0.0} MB of pixels), generated by `AbdomenPhantom` + `CtSeriesWriter` into `{dir}` (page cache warm).");
        sb.AppendLine(inv, $"- Medians of {runs} runs for Seldinger and the memory copy, {peerRuns} for pydicom and dcmdump (2 for a cold pydicom process).");
        sb.AppendLine("- Load = read every file, sort along the slice normal, check the geometry (one series, orientation, size, spacing, duplicates, gaps, shear), stack into one volume with the rescale to HU. pydicom does the same in `bench/b1_pydicom.py` (dcmread, numpy sort and gap check, pixel_array × slope + intercept into an int16 stack).");
        sb.AppendLine("- First slice = headers of all files read and sorted, then the first slice of the volume decoded.");
        sb.AppendLine(inv, $"- Check: sum of all HU — Seldinger {ourSum:0}, pydicom {pySum:0} ({(ourSum == pySum ? "equal" : "DIFFERENT")}).");
        sb.AppendLine();
        sb.AppendLine("Reproduce: `bench/run-b1.sh` (publishes Release with ReadyToRun, then `dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b1`; cold runs start that same dll).");
        sb.AppendLine();
        sb.AppendLine("| what | median ms | MB/s | ms to first slice |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var r in rows)
        {
            var rate = r.Bytes > 0 ? (r.Bytes / 1e6 / (r.Ms / 1000)).ToString("0", inv) : "";
            sb.AppendLine(inv, $"| {r.Name} | {r.Ms:0.0} | {rate} | {(r.FirstSliceMs is { } f ? f.ToString("0.0", inv) : "")} |");
        }

        sb.AppendLine();
        sb.AppendLine("| ratio | value | goal | met |");
        sb.AppendLine("|---|---:|---|---|");
        foreach (var (name, value, goal, met) in ratios)
        {
            sb.AppendLine(inv, $"| {name} | {value:0.00} | {goal} | {(goal == "(info)" ? "" : met ? "yes" : "no")} |");
        }

        return sb.ToString();
    }

    private static string Shell(string program, string args)
    {
        try
        {
            var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(info)!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static (double WallMs, string Stdout) RunProcess(string program, IEnumerable<string> args, bool discardOutput = false)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var sw = Stopwatch.StartNew();
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout;
        if (discardOutput)
        {
            p.StandardOutput.BaseStream.CopyTo(Stream.Null);
            stdout = "";
        }
        else
        {
            stdout = p.StandardOutput.ReadToEnd();
        }

        p.WaitForExit();
        var wall = sw.Elapsed.TotalMilliseconds;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {p.ExitCode}: {stderr.Result}");
        }

        return (wall, stdout);
    }

    private static void ParallelCopy(byte[] source, byte[] target)
    {
        var parts = Environment.ProcessorCount;
        var chunk = (source.Length + parts - 1) / parts;
        Parallel.For(0, parts, p =>
        {
            var start = p * chunk;
            var length = Math.Min(chunk, source.Length - start);
            if (length > 0)
            {
                source.AsSpan(start, length).CopyTo(target.AsSpan(start, length));
            }
        });
    }

    private static List<double> Time(int runs, Action action)
    {
        var times = new List<double>(runs);
        for (var r = 0; r < runs; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static List<double> Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToList();

    private static double Sum(short[] voxels)
    {
        long sum = 0;
        foreach (var v in voxels)
        {
            sum += v;
        }

        return sum;
    }

    private static string SeriesDirectory(string dir) => Path.Combine(dir, "series");

    private static List<string> Files(string dir)
    {
        var files = Directory.GetFiles(SeriesDirectory(dir), "*.dcm");
        Array.Sort(files, StringComparer.Ordinal);
        return [.. files];
    }

    private static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Seldinger.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
