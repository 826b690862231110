using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seldinger.Server;
using Seldinger.Storage;

namespace Seldinger.Cli.Commands;

/// <summary>--data, --db and --connection, shared by the commands that open the store.</summary>
internal static class StorageArguments
{
    public static StorageOptions Read(CommandLine line)
    {
        var provider = line.Value("--db") is { } db
            ? Parse(db)
            : Environment.GetEnvironmentVariable("SELDINGER_DB") is { Length: > 0 } envDb ? Parse(envDb) : StorageProvider.Sqlite;
        return new StorageOptions
        {
            DataDirectory = Path.GetFullPath(line.Value("--data") ?? SeldingerWebApp.DefaultDataDirectory()),
            Provider = provider,
            ConnectionString = line.Value("--connection") ?? NullIfEmpty(Environment.GetEnvironmentVariable("SELDINGER_CONNECTION")),
        };
    }

    /// <summary>The <c>--case-id</c> value as a case id, or a usage error.</summary>
    public static Guid CaseId(string text) =>
        Guid.TryParse(text, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new UsageException($"--case-id must be a case id (a GUID), not '{text}'.");

    /// <summary>The application's services on the store; a store with pending migrations is an error that says how to migrate.</summary>
    public static async Task<ServiceProvider> OpenServicesAsync(StorageOptions storage, Action<IServiceCollection>? add = null)
    {
        if (await StorageMigrator.PendingAsync(storage) is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}); run 'seldinger db migrate' first.");
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        add?.Invoke(services);
        services.AddSeldingerServices(storage);
        return services.BuildServiceProvider();
    }

    private static StorageProvider Parse(string name)
    {
        try
        {
            return StorageOptions.ParseProvider(name);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
