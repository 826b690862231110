using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seldinger.Server;
using Seldinger.Storage;

namespace Seldinger.Cli.Commands;

/// <summary><c>seldinger serve</c>: the API and web UI until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CommandLine line)
    {
        var storage = StorageArguments.Read(line);
        var port = line.IntValue("--port", 5080, 1, 65535);
        var host = line.Value("--host") ?? "127.0.0.1";
        var migrate = line.Flag("--migrate");
        var plainHttp = line.Flag("--plain-http");
        line.RejectUnknown();
        if (!IsLoopback(host) && !plainHttp)
        {
            // Everyone signs in, but Kestrel serves plain HTTP here: passwords and patient data would cross the
            // network unencrypted. A hospital puts a TLS reverse proxy in front and keeps this on 127.0.0.1.
            throw new UsageException(
                $"Serving on {host} would send passwords and patient data unencrypted; keep 127.0.0.1 behind a TLS reverse proxy (docs/server.md), or add --plain-http on a closed test network.");
        }

        if (migrate)
        {
            await MigrateAndReportAsync(storage);
        }
        else if (await StorageMigrator.PendingAsync(storage) is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}); run 'seldinger db migrate' or pass --migrate.");
        }

        await ServeAsync(storage, host, port);
        return 0;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    public static async Task MigrateAndReportAsync(StorageOptions storage)
    {
        var applied = await StorageMigrator.MigrateAsync(storage);
        CliApp.Say(applied.Count == 0 ? "Database schema is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
    }

    public static async Task ServeAsync(StorageOptions storage, string host, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(SeldingerWebApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls($"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}");
        // The CLI prints its own start and stop lines; framework chatter is for warnings and errors.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Keys sit unencrypted in the data directory, protected by its file permissions (docs/server.md).
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.AddSeldinger(storage);
        await using var app = builder.Build();
        app.UseSeldinger();
        await app.StartAsync();
        CliApp.Say($"Seldinger is serving http://{host}:{port}/ (data in {storage.DataDirectory}). Press Ctrl-C to stop.");
        await app.WaitForShutdownAsync();
        CliApp.Say("Stopped.");
    }
}
