using Microsoft.EntityFrameworkCore;

namespace Seldinger.Storage;

/// <summary>
/// Applies the committed migrations on request (<c>seldinger db migrate</c>, <c>seldinger demo</c>).
/// Nothing applies them behind the operator's back: <c>serve</c> refuses to start on a stale schema.
/// </summary>
public static class StorageMigrator
{
    /// <summary>Creates the data and image folders and applies pending migrations; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        Directory.CreateDirectory(options.ImageDirectory);
        await using var db = SeldingerDbContextFactory.Create(options);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>Migrations the database still lacks.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var db = SeldingerDbContextFactory.Create(options);
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }
}
