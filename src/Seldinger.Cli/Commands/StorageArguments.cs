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
