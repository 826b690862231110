using Microsoft.EntityFrameworkCore;

namespace Seldinger.Storage;

/// <summary>Creates the provider-specific context for a set of <see cref="StorageOptions"/>.</summary>
public static class SeldingerDbContextFactory
{
    /// <summary>Creates a context; the caller disposes it.</summary>
    public static SeldingerDbContext Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteSeldingerDbContext(
                new DbContextOptionsBuilder<SqliteSeldingerDbContext>()
                    .UseSqlite(options.EffectiveConnectionString).Options),
            StorageProvider.Postgres => new PostgresSeldingerDbContext(
                new DbContextOptionsBuilder<PostgresSeldingerDbContext>()
                    .UseNpgsql(options.EffectiveConnectionString).Options),
            _ => throw new InvalidOperationException($"Unknown storage provider {options.Provider}."),
        };
    }
}
