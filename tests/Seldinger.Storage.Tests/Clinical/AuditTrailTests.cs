using Microsoft.EntityFrameworkCore;
using Seldinger.Storage.Entities;
using Seldinger.Testing;

namespace Seldinger.Storage.Tests.Clinical;

/// <summary>The audit trail is append-only in the context and, by triggers, in the database itself.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<StorageProvider> Providers => new() { StorageProvider.Sqlite, StorageProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_NewEntries_AreAppendedInOrder(StorageProvider provider)
    {
        var options = await MigratedWithOneEntryAsync(provider);
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            db.AuditEntries.Add(Entry("sign-out"));
            await db.SaveChangesAsync();
        }

        await using var read = SeldingerDbContextFactory.Create(options);
        var entries = await read.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["read", "sign-out"], entries.Select(e => e.Action));
        Assert.True(entries[1].Id > entries[0].Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero), entries[0].At);
        Assert.Equal("/api/referrals/1", entries[0].Path);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_ChangedEntry_IsRefusedByTheContext(StorageProvider provider)
    {
        var options = await MigratedWithOneEntryAsync(provider);
        await using var db = SeldingerDbContextFactory.Create(options);
        var entry = await db.AuditEntries.SingleAsync();
        entry.Detail = "rewritten";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_RemovedEntry_IsRefusedByTheContext(StorageProvider provider)
    {
        var options = await MigratedWithOneEntryAsync(provider);
        await using var db = SeldingerDbContextFactory.Create(options);
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        await using var check = SeldingerDbContextFactory.Create(options);
        Assert.Equal(1, await check.AuditEntries.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RawSqlUpdate_IsRefusedByTheDatabase(StorageProvider provider)
    {
        var options = await MigratedWithOneEntryAsync(provider);
        await using var db = SeldingerDbContextFactory.Create(options);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Detail\" = 'rewritten'"));
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal("", (await db.AuditEntries.AsNoTracking().SingleAsync()).Detail);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RawSqlDelete_IsRefusedByTheDatabase(StorageProvider provider)
    {
        var options = await MigratedWithOneEntryAsync(provider);
        await using var db = SeldingerDbContextFactory.Create(options);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [SkippableFact]
    public async Task RawSqlTruncate_IsRefusedByPostgres()
    {
        var options = await MigratedWithOneEntryAsync(StorageProvider.Postgres);
        await using var db = SeldingerDbContextFactory.Create(options);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries"));
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task RawSqlInsert_IsAllowed()
    {
        var options = await MigratedWithOneEntryAsync(StorageProvider.Sqlite);
        await using var db = SeldingerDbContextFactory.Create(options);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO audit_entries (\"At\", \"UserName\", \"Action\", \"ResourceType\", \"Method\", \"Path\", \"StatusCode\", \"Detail\") VALUES (0, 'cli', 'export', 'episode', 'CLI', '', 0, '')");
        Assert.Equal(2, await db.AuditEntries.CountAsync());
    }

    private async Task<StorageOptions> MigratedWithOneEntryAsync(StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            Require.Postgres();
        }

        var options = TestDatabases.For(provider, Path.Combine(_dir.Path, provider.ToString()));
        await StorageMigrator.MigrateAsync(options);
        await using var db = SeldingerDbContextFactory.Create(options);
        db.AuditEntries.Add(Entry("read"));
        await db.SaveChangesAsync();
        return options;
    }

    private static AuditEntry Entry(string action) => new()
    {
        At = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero),
        UserName = "nurse.lee",
        Role = "nurse",
        Action = action,
        ResourceType = "referral",
        ResourceId = "1",
        PatientId = Guid.NewGuid(),
        Method = "GET",
        Path = "/api/referrals/1",
        RemoteAddress = "127.0.0.1",
        StatusCode = 200,
    };
}
