using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Seldinger.Testing;

namespace Seldinger.Storage.Tests.Clinical;

/// <summary>An acknowledged save on SQLite survives a killed process, and the file stays sound.</summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Connection_Opened_RunsInWalModeWithFullSync()
    {
        var options = TestDatabases.Sqlite(_dir.Path);
        await StorageMigrator.MigrateAsync(options);
        await using var db = SeldingerDbContextFactory.Create(options);
        await db.Database.OpenConnectionAsync();
        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode"));
        // 2 = FULL.
        Assert.Equal("2", await ScalarAsync(db, "PRAGMA synchronous"));
    }

    [Fact]
    public async Task KilledWriter_EveryAcknowledgedSave_IsStoredAndTheFileIsSound()
    {
        var options = TestDatabases.Sqlite(_dir.Path);
        await StorageMigrator.MigrateAsync(options);
        const int killAfter = 25;

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(DurabilityWriter).Assembly.Location);
        start.ArgumentList.Add(DurabilityWriter.Command);
        start.ArgumentList.Add(_dir.Path);
        start.ArgumentList.Add("1000000");
        using var writer = Process.Start(start)!;
        var acknowledged = -1;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (acknowledged < killAfter && await writer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                acknowledged = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }

            // SIGKILL: no finaliser, no flush, no orderly close of the database.
            writer.Kill();
            while (await writer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("committed ", StringComparison.Ordinal))
                {
                    acknowledged = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            await writer.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!writer.HasExited)
            {
                writer.Kill();
            }
        }

        Assert.True(acknowledged >= killAfter, $"the writer acknowledged {acknowledged + 1} saves: {await writer.StandardError.ReadToEndAsync()}");
        Assert.NotEqual(0, writer.ExitCode);
        await using var db = SeldingerDbContextFactory.Create(options);
        await db.Database.OpenConnectionAsync();
        Assert.Equal("ok", await ScalarAsync(db, "PRAGMA integrity_check"));
        var stored = (await db.Patients.Select(p => p.MedicalRecordNumber).ToListAsync()).ToHashSet();
        var missing = Enumerable.Range(0, acknowledged + 1).Select(DurabilityWriter.Mrn).Where(m => !stored.Contains(m)).ToList();
        Assert.Empty(missing);
    }

    private static async Task<string?> ScalarAsync(SeldingerDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
