using System.Net.Http.Json;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

public sealed class DemoAndPhantomCommandTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Phantom_Out_WritesSeriesAndLabelMapOfTheSameGeometry()
    {
        var output = Path.Combine(_dir.Path, "phantom");
        var (code, stdout, stderr) = CliRunner.Run("phantom", "--out", output, "--seed", "4", "--seg", "labelmap");
        Assert.True(code == 0, stderr);
        Assert.Contains("Lesion", stdout, StringComparison.Ordinal);
        var series = DicomSeriesReader.ReadVolume(Directory.GetFiles(output, "*.dcm"));
        var labels = NrrdLabelMap.Read(Path.Combine(output, "labels.nrrd"));
        Assert.Equal(series.Geometry.SizeK, labels.Geometry.SizeK);
        Assert.True(series.Geometry.Origin.DistanceTo(labels.Geometry.Origin) < 1e-4);
        Assert.Equal(series.Geometry.SpacingK, labels.Geometry.SpacingK, 4);

        // The DICOM SEG carries the same labels on the same grid.
        var seg = Seldinger.Imaging.Segmentation.DicomSegReader.Read(Path.Combine(output, "segmentation", "labels-seg.dcm"), series.Geometry);
        Assert.Equal(labels.Voxels, seg.Labels.Voxels);
    }

    [Fact]
    public void Demo_NoServe_ImportsPlansAndIsIdempotent()
    {
        var data = Path.Combine(_dir.Path, "data");
        var (code, stdout, stderr) = CliRunner.Run("demo", "--no-serve", "--data", data);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains($"Data directory: {data}", stdout, StringComparison.Ordinal);
        Assert.Contains("Plan: safe", stdout, StringComparison.Ordinal);
        Assert.Contains("/cases/", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "seldinger.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "images"), "*.dcm", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(data, "incoming")) && Directory.EnumerateFileSystemEntries(Path.Combine(data, "incoming")).Any());

        var second = CliRunner.Run("demo", "--no-serve", "--data", data);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already in the store", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_StaleSchema_RefusesWithoutMigrate()
    {
        var data = Path.Combine(_dir.Path, "empty");
        Directory.CreateDirectory(data);
        var (code, _, stderr) = CliRunner.Run("serve", "--data", data, "--port", "5999");
        Assert.Equal(1, code);
        Assert.Contains("db migrate", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_CtrlC_StopsCleanly()
    {
        var data = Path.Combine(_dir.Path, "served");
        Assert.Equal(0, CliRunner.Run("db", "migrate", "--data", data).ExitCode);
        var added = CliRunner.Run("users", "add", "tech", "--role", "Technologist", "--data", data);
        var password = added.Stdout.Split("Password (shown once): ")[1].Trim();
        var port = FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "seldinger.dll"), "serve", "--data", data, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!output.ToString().Contains("Press Ctrl-C", StringComparison.Ordinal))
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("serve exited: " + await stderr);
            output.AppendLine(line);
        }

        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }))
        {
            var signIn = await http.PostAsJsonAsync($"http://127.0.0.1:{port}/api/auth/sign-in", new { userName = "tech", password }, cts.Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
            var list = await http.GetStringAsync($"http://127.0.0.1:{port}/api/cases", cts.Token);
            Assert.Equal("[]", list);
        }

        // SIGINT, as Ctrl-C in a terminal sends.
        System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        var rest = await process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Stopped.", rest, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
