using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Seldinger.Clinical.Patients;
using Seldinger.Storage.Entities;
using Seldinger.Testing;

namespace Seldinger.Storage.Tests.Clinical;

/// <summary>The ClinicalCare migration on an empty database, and the constraints it creates, on SQLite and PostgreSQL.</summary>
public sealed class ClinicalMigrationTests : IDisposable
{
    private static readonly string[] ClinicalTables =
    [
        "patients", "guardians", "body_measurements", "allergies", "referrals", "referral_events", "rooms", "appointments",
        "anaesthesia_sessions", "lab_results", "medications", "intakes", "consents", "assessments", "procedure_records",
        "adverse_events", "vital_signs", "discharges", "follow_ups", "users", "audit_entries",
    ];

    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<StorageProvider> Providers => new() { StorageProvider.Sqlite, StorageProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task MigrateAsync_EmptyDatabase_CreatesEveryTableAndLeavesNothingPending(StorageProvider provider)
    {
        var options = Options(provider);
        var applied = await StorageMigrator.MigrateAsync(options);

        Assert.Equal("ClinicalCare", applied[^1][(applied[^1].IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.Empty(await StorageMigrator.PendingAsync(options));
        await using var db = SeldingerDbContextFactory.Create(options);
        foreach (var table in ClinicalTables)
        {
            var entity = db.Model.GetEntityTypes().First(t => t.GetTableName() == table && !t.IsOwned());
            var expected = db.Model.GetEntityTypes().Where(t => t.GetTableName() == table && !t.IsMappedToJson())
                .SelectMany(t => t.GetProperties().Select(p => p.GetColumnName(StoreObjectIdentifier.Table(table, null))!))
                .Concat(entity.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()).Select(n => n.TargetEntityType.GetContainerColumnName()!))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, await NamesAsync(db, ColumnsSql(provider, table)));
        }

        var triggers = await NamesAsync(db, provider == StorageProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'"
            : "SELECT DISTINCT tgname::text FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass AND NOT tgisinternal");
        Assert.Equal(provider == StorageProvider.Sqlite ? ["audit_entries_no_delete", "audit_entries_no_update"] : ["audit_entries_no_change", "audit_entries_no_truncate"], triggers);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public void Migrations_DescribeTheWholeModel(StorageProvider provider)
    {
        using var db = SeldingerDbContextFactory.Create(Options(provider));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Patients_SecondChildWithTheSameMrn_IsRefused(StorageProvider provider)
    {
        var options = Options(provider);
        await StorageMigrator.MigrateAsync(options);
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            db.Patients.Add(NewPatient("MRN-42"));
            db.Patients.Add(NewPatient("MRN-43"));
            await db.SaveChangesAsync();
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            db.Patients.Add(NewPatient("MRN-42"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = SeldingerDbContextFactory.Create(options);
        Assert.Equal(2, await check.Patients.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Users_UserNameAndExternalSubject_AreUniqueWhenSet(StorageProvider provider)
    {
        var options = Options(provider);
        await StorageMigrator.MigrateAsync(options);
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            // Two accounts without an external subject: NULLs do not collide.
            db.Users.AddRange(NewUser("nurse.lee", null), NewUser("dr.ir", null), NewUser("dr.sso", "sub-1"));
            await db.SaveChangesAsync();
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            db.Users.Add(NewUser("nurse.lee", null));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            db.Users.Add(NewUser("other", "sub-1"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = SeldingerDbContextFactory.Create(options);
        var users = await check.Users.OrderBy(u => u.UserName).ToListAsync();
        Assert.Equal(["dr.ir", "dr.sso", "nurse.lee"], users.Select(u => u.UserName));
        Assert.Equal(Seldinger.Clinical.Security.StaffRole.Nurse, users[0].Role);
    }

    private StorageOptions Options(StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            Require.Postgres();
        }

        return TestDatabases.For(provider, Path.Combine(_dir.Path, provider.ToString()));
    }

    private static Patient NewPatient(string mrn) => new()
    {
        Id = Guid.NewGuid(),
        MedicalRecordNumber = mrn,
        FamilyName = "Okafor",
        GivenName = "Ada",
        BirthDate = new DateOnly(2019, 5, 17),
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static UserAccount NewUser(string userName, string? subject) => new()
    {
        Id = Guid.NewGuid(),
        UserName = userName,
        DisplayName = userName,
        PasswordHash = subject is null ? "hash" : null,
        Role = Seldinger.Clinical.Security.StaffRole.Nurse,
        ExternalSubject = subject,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static string ColumnsSql(StorageProvider provider, string table) => provider == StorageProvider.Sqlite
        ? $"SELECT name FROM pragma_table_info('{table}')"
        : $"SELECT column_name::text FROM information_schema.columns WHERE table_name = '{table}'";

    private static async Task<List<string>> NamesAsync(SeldingerDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var names = new List<string>();
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }

            return [.. names.Order(StringComparer.Ordinal)];
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
