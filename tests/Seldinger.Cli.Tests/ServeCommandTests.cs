using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

/// <summary>Runs alone: the server it starts must stop on SIGINT promptly, which other test classes planning on every core at the same time delay.</summary>
[CollectionDefinition(nameof(ServeCommandTests), DisableParallelization = true)]
[Collection(nameof(ServeCommandTests))]
public sealed class ServeCommandTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Serve_CtrlC_StopsCleanly()
    {
        var data = Path.Combine(_dir.Path, "served");
        Assert.Equal(0, CliRunner.Run("db", "migrate", "--data", data).ExitCode);
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
        // Generous: the other test classes of this assembly plan ablations on both cores at the same time.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        while (!output.ToString().Contains("Press Ctrl-C", StringComparison.Ordinal))
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("serve exited: " + await stderr);
            output.AppendLine(line);
        }

        using (var http = new HttpClient())
        {
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
