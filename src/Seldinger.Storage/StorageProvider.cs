namespace Seldinger.Storage;

/// <summary>The relational databases Seldinger runs on.</summary>
public enum StorageProvider
{
    /// <summary>Embedded SQLite file under the data directory (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL server, for a hospital network.</summary>
    Postgres,
}
