using Seldinger.Storage;

namespace Seldinger.Testing;

/// <summary>
/// Database settings for tests. PostgreSQL comes from SELDINGER_TEST_POSTGRES, which ./test sets after
/// starting a throw-away server on 127.0.0.1; each call gets a database of its own.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "SELDINGER_TEST_POSTGRES";

    public static string? PostgresUnavailableReason =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable))
            ? $"{PostgresVariable} is not set; ./test starts PostgreSQL and sets it."
            : null;

    public static StorageOptions Sqlite(string dataDirectory) => new() { DataDirectory = dataDirectory };

    public static StorageOptions Postgres(string dataDirectory)
    {
        var baseConnection = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException(PostgresUnavailableReason);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(baseConnection)
        {
            Database = $"seldinger_test_{Guid.NewGuid():N}",
        };
        return new StorageOptions { DataDirectory = dataDirectory, Provider = StorageProvider.Postgres, ConnectionString = builder.ConnectionString };
    }

    public static StorageOptions For(StorageProvider provider, string dataDirectory) =>
        provider == StorageProvider.Sqlite ? Sqlite(dataDirectory) : Postgres(dataDirectory);
}
