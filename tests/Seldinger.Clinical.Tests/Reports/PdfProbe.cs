using System.Diagnostics;

namespace Seldinger.Clinical.Tests.Reports;

// Reads generated PDFs back with poppler's pdftotext/pdftoppm, and keeps samples for people to look at.
internal static class PdfProbe
{
    public static bool Available => Find("pdftotext") is not null && Find("pdftoppm") is not null;

    public const string MissingMessage = "poppler-utils (pdftotext, pdftoppm) is not installed; ./test installs it.";

    public static string ResultsDirectory
    {
        get
        {
            var directory = Environment.GetEnvironmentVariable("SELDINGER_TEST_RESULTS") is { Length: > 0 } r
                ? r
                : Path.Combine(AppContext.BaseDirectory, "documents");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public static string Save(string name, byte[] pdf)
    {
        var path = Path.Combine(ResultsDirectory, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    public static string Text(string pdfPath) => Run("pdftotext", $"-layout \"{pdfPath}\" -");

    public static int PageCount(string pdfPath)
    {
        var info = Run("pdfinfo", $"\"{pdfPath}\"");
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Page 1 at 50 dpi as PNG; returns its path.
    public static string RenderFirstPage(string pdfPath)
    {
        var prefix = Path.ChangeExtension(pdfPath, null);
        Run("pdftoppm", $"-r 50 -f 1 -l 1 -singlefile -png \"{pdfPath}\" \"{prefix}\"");
        return prefix + ".png";
    }

    private static string Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(true);
            throw new TimeoutException($"{tool} did not finish in 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result;
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
