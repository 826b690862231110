using System.Diagnostics;

namespace Seldinger.Testing;

/// <summary>
/// Runs Debian's Python (/usr/bin/python3, which sees python3-pydicom) as a reference
/// implementation. Another python3 earlier on PATH would not see Debian's packages.
/// </summary>
public static class PythonPeer
{
    public const string Interpreter = "/usr/bin/python3";

    public static string? PydicomUnavailableReason
    {
        get
        {
            if (!File.Exists(Interpreter))
            {
                return $"{Interpreter} is missing; ./test installs python3-pydicom.";
            }

            var (code, _, _) = Run("import pydicom", [], TimeSpan.FromSeconds(30));
            return code == 0 ? null : "pydicom is not installed; ./test installs python3-pydicom.";
        }
    }

    /// <summary>Runs a script with arguments; returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string script, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not finish within {timeout}.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
