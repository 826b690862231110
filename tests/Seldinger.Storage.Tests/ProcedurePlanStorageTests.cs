using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Seldinger.Storage.Entities;
using Seldinger.Testing;

namespace Seldinger.Storage.Tests;

/// <summary>The procedure plan table and the case's planning columns, on SQLite and on PostgreSQL, through the committed migrations.</summary>
public sealed class ProcedurePlanStorageTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<StorageProvider> Providers => new() { StorageProvider.Sqlite, StorageProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task MigrateAsync_CreatesTheTablesTheModelDescribes(StorageProvider provider)
    {
        var options = Options(provider);
        var applied = await StorageMigrator.MigrateAsync(options);
        Assert.Contains(applied, m => m.EndsWith("_ProcedurePlans", StringComparison.Ordinal));
        await using var db = SeldingerDbContextFactory.Create(options);
        foreach (var table in new[] { "procedure_plans", "cases" })
        {
            var entity = db.Model.GetEntityTypes().Single(t => t.GetTableName() == table);
            var expected = entity.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, await ColumnsAsync(db, provider, table));
        }

        Assert.Contains("LandmarksJson", await ColumnsAsync(db, provider, "cases"));
        Assert.Contains("LibraryCase", await ColumnsAsync(db, provider, "cases"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ProcedurePlans_RoundTripNewestFirstAndGoWithTheirCase(StorageProvider provider)
    {
        var options = Options(provider);
        await StorageMigrator.MigrateAsync(options);
        var caseId = Guid.NewGuid();
        var t0 = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var landmarks = """[{"name":"cavo-atrial-junction","point":{"x":1.5,"y":-2,"z":300.25},"diameterMm":12.5,"label":"Vein"}]""";
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            db.Cases.Add(NewCase(caseId, landmarks));
            db.ProcedurePlans.AddRange(Record(caseId, t0, "biopsy-deep", feasible: true), Record(caseId, t0.AddMinutes(5), "rf-ablation", feasible: false));
            await db.SaveChangesAsync();
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            var patientCase = await db.Cases.SingleAsync(c => c.Id == caseId);
            Assert.Equal(landmarks, patientCase.LandmarksJson);
            Assert.Equal("liver-tumor", patientCase.LibraryCase);
            var plans = await db.ProcedurePlans.Where(p => p.CaseId == caseId).OrderByDescending(p => p.CreatedAt).ToListAsync();
            Assert.Equal(["rf-ablation", "biopsy-deep"], plans.Select(p => p.ProcedureId));
            var first = plans[1];
            Assert.Equal(t0, first.CreatedAt);
            Assert.True(first.Feasible);
            Assert.False(plans[0].Feasible);
            Assert.Equal(new string('a', 64), first.LabelsDigest);
            Assert.Equal(new string('b', 64), first.CatalogueDigest);
            Assert.Equal(1, first.CatalogueVersion);
            Assert.Equal("""{"target":{"x":1,"y":2,"z":3}}""", first.InputsJson);
            Assert.Equal(PlanText, first.PlanJson);
            Assert.Equal("needle", first.Planner);
            Assert.Equal("1.2.3", first.SeriesInstanceUid);

            db.Cases.Remove(patientCase);
            await db.SaveChangesAsync();
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            Assert.Empty(await db.ProcedurePlans.ToListAsync());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ProcedurePlans_OneFailingRowInASave_NothingIsStored(StorageProvider provider)
    {
        var options = Options(provider);
        await StorageMigrator.MigrateAsync(options);
        var caseId = Guid.NewGuid();
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            db.Cases.Add(NewCase(caseId, null));
            await db.SaveChangesAsync();
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            // The second plan names a case that does not exist: the foreign key refuses it, and the save is one transaction.
            db.ProcedurePlans.AddRange(Record(caseId, DateTimeOffset.UtcNow, "biopsy-deep", true), Record(Guid.NewGuid(), DateTimeOffset.UtcNow, "biopsy-deep", true));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            Assert.Empty(await db.ProcedurePlans.ToListAsync());
        }
    }

    private const string PlanText = """{"procedureId":"biopsy-deep","feasible":true,"routes":[]}""";

    private StorageOptions Options(StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            Require.Postgres();
        }

        return TestDatabases.For(provider, Path.Combine(_dir.Path, provider.ToString()));
    }

    private static PatientCase NewCase(Guid id, string? landmarks) => new()
    {
        Id = id,
        PatientId = "SLD-LIB-liver-tumor",
        PatientName = "PHANTOM^liver-tumor",
        Procedure = "Biopsy",
        Status = "awaiting plan",
        CreatedAt = DateTimeOffset.UtcNow,
        LandmarksJson = landmarks,
        LibraryCase = "liver-tumor",
    };

    private static ProcedurePlanRecord Record(Guid caseId, DateTimeOffset createdAt, string procedureId, bool feasible) => new()
    {
        Id = Guid.NewGuid(),
        CaseId = caseId,
        ProcedureId = procedureId,
        Planner = "needle",
        Method = "automatic",
        CreatedAt = createdAt,
        SeriesInstanceUid = "1.2.3",
        LabelsDigest = new string('a', 64),
        CatalogueVersion = 1,
        CatalogueDigest = new string('b', 64),
        InputsJson = """{"target":{"x":1,"y":2,"z":3}}""",
        PlanJson = PlanText,
        Feasible = feasible,
    };

    private static async Task<List<string>> ColumnsAsync(SeldingerDbContext db, StorageProvider provider, string table)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = provider == StorageProvider.Sqlite
                ? $"SELECT name FROM pragma_table_info('{table}')"
                : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'";
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
