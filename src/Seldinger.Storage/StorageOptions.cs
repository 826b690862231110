namespace Seldinger.Storage;

/// <summary>Where Seldinger keeps its database and its images.</summary>
public sealed record StorageOptions
{
    /// <summary>Folder holding the SQLite database (when used) and the image store.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Which database to use.</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>
    /// Connection string; for SQLite it defaults to <c>seldinger.db</c> inside <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>Root folder of the image store.</summary>
    public string ImageDirectory => Path.Combine(DataDirectory, "images");

    /// <summary>The connection string actually used.</summary>
    public string EffectiveConnectionString => Provider switch
    {
        StorageProvider.Sqlite => ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "seldinger.db")}",
        StorageProvider.Postgres => ConnectionString
            ?? throw new InvalidOperationException("PostgreSQL needs a connection string (--connection or SELDINGER_CONNECTION)."),
        _ => throw new InvalidOperationException($"Unknown storage provider {Provider}."),
    };

    /// <summary>Parses a provider name as given on the command line or in configuration.</summary>
    public static StorageProvider ParseProvider(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => StorageProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => StorageProvider.Postgres,
        _ => throw new ArgumentException($"Unknown database provider '{name}'; use sqlite or postgres.", nameof(name)),
    };
}
