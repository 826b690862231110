using System.Diagnostics;

namespace Seldinger.Bench;

/// <summary>What every benchmark report needs: the machine, its load, medians and peer processes.</summary>
internal static class BenchEnvironment
{
    /// <summary>CPU model, core count, memory and OS, for the report header.</summary>
    public static string Machine()
    {
        var lscpu = RunProcess("lscpu", string.Empty);
        var model = lscpu.Split('\n').FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        return $"{model}, nproc {Environment.ProcessorCount}, memory {memory}, {Environment.OSVersion}";
    }

    /// <summary>The first <paramref name="count"/> load averages (1, 5, 15 min), comma separated.</summary>
    public static string LoadAverage(int count = 3) =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(count)) : "?";

    /// <summary>The median of the values.</summary>
    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Runs a program to completion and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">It could not start or exited with a non-zero status.</exception>
    public static string RunProcess(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}");
        }

        return stdout;
    }

    /// <summary>Runs a peer script with Debian's Python (which has numpy, scipy, vtk) and returns its last output line.</summary>
    public static string RunPython(string script, string arguments) =>
        RunProcess("/usr/bin/python3", $"{script} {arguments}").Trim().Split('\n')[^1];
}
