using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Testing;

namespace Seldinger.Storage.Tests.Clinical;

/// <summary>Whole episodes through the committed migrations, and optimistic concurrency, on SQLite and PostgreSQL.</summary>
public sealed class ClinicalStoreTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<StorageProvider> Providers => new() { StorageProvider.Sqlite, StorageProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task LoadEpisodeAsync_FullEpisode_ReadsBackEveryPart(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        var data = new EpisodeData();
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
        }

        await using var read = SeldingerDbContextFactory.Create(options);
        var episode = await new ClinicalStore(read).LoadEpisodeAsync(data.Referral.Id);

        Assert.NotNull(episode);
        AssertSame(Sorted(data.Patient), Sorted(episode.Patient));
        Assert.Equal(data.Referral.History.OrderBy(h => h.At).Select(h => h.Action), episode.Referral.History.Select(h => h.Action));
        AssertSame(data.Referral, episode.Referral, ignoreHistoryOrder: true);
        AssertSame(data.Appointment, episode.Appointment);
        AssertSame(data.Room, episode.Room);
        AssertSame(data.Assessment, episode.Assessment);
        AssertSame(data.Labs.OrderBy(l => l.Id), episode.Labs.OrderBy(l => l.Id));
        AssertSame(data.Medications, episode.Medications);
        AssertSame(data.Intakes.OrderBy(i => i.At), episode.Intakes);
        AssertSame(data.Consents.OrderBy(c => c.Id), episode.Consents.OrderBy(c => c.Id));
        AssertSame(data.Procedure, episode.Procedure);
        Assert.True(episode.Procedure!.TimeOut.ProcedureAndSiteConfirmed);
        Assert.False(episode.Procedure.TimeOut.AntibioticProphylaxisAddressed);
        Assert.Equal(["6 Fr tunnelled CVC", "Micropuncture set"], episode.Procedure.Devices.Select(d => d.Description));
        AssertSame(data.AdverseEvents, episode.AdverseEvents);
        AssertSame(data.Vitals.OrderBy(v => v.At), episode.Vitals);
        Assert.True(episode.Vitals[0].IsBaseline);
        AssertSame(data.Discharge, episode.Discharge);
        AssertSame(data.FollowUps, episode.FollowUps);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task LoadEpisodeAsync_UnknownReferral_ReturnsNull(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        await using var db = SeldingerDbContextFactory.Create(options);
        Assert.Null(await new ClinicalStore(db).LoadEpisodeAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task LoadEpisodeAsync_OnlyCancelledOrNoShowBookings_HasNoAppointment()
    {
        var options = await MigratedAsync(StorageProvider.Sqlite);
        var data = new EpisodeData();
        data.Appointment.Status = AppointmentStatus.NoShow;
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
        }

        await using var read = SeldingerDbContextFactory.Create(options);
        var episode = await new ClinicalStore(read).LoadEpisodeAsync(data.Referral.Id);
        Assert.Null(episode!.Appointment);
        Assert.Null(episode.Room);
    }

    [Fact]
    public async Task LoadEpisodeAsync_TwoIntakesOfOneKind_KeepsTheLast()
    {
        var options = await MigratedAsync(StorageProvider.Sqlite);
        var data = new EpisodeData();
        var earlier = data.Intakes[1];
        data.Intakes.Add(new() { Id = Guid.NewGuid(), ReferralId = earlier.ReferralId, Kind = earlier.Kind, At = earlier.At.AddHours(-3) });
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
        }

        await using var read = SeldingerDbContextFactory.Create(options);
        var episode = await new ClinicalStore(read).LoadEpisodeAsync(data.Referral.Id);
        Assert.Equal(2, episode!.Intakes.Count);
        Assert.Equal(earlier.At, episode.Intakes.Single(i => i.Kind == earlier.Kind).At);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task LoadEpisodesAsync_Period_TakesSubmittedOrProcedureWithinWholeDays(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        var from = new DateOnly(2026, 3, 10);
        var to = new DateOnly(2026, 3, 12);
        var start = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
        var firstMoment = new EpisodeData("MRN-A", start);
        var lastMoment = new EpisodeData("MRN-B", start.AddDays(3).AddSeconds(-1));
        var dayBefore = new EpisodeData("MRN-C", start.AddSeconds(-1));
        var dayAfter = new EpisodeData("MRN-D", start.AddDays(3));
        // Submitted long before, but its procedure was done within the period.
        var doneWithin = new EpisodeData("MRN-E", start.AddDays(-40));
        doneWithin.Procedure.StartedAt = start.AddDays(1);
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            foreach (var data in new[] { firstMoment, lastMoment, dayBefore, dayAfter, doneWithin })
            {
                await data.SaveAsync(db);
            }
        }

        await using var read = SeldingerDbContextFactory.Create(options);
        var episodes = await new ClinicalStore(read).LoadEpisodesAsync(from, to);

        Assert.Equal(
            [doneWithin.Referral.Id, firstMoment.Referral.Id, lastMoment.Referral.Id],
            episodes.Select(e => e.Referral.Id));
        Assert.All(episodes, e => Assert.Equal(2, e.Consents.Count));
        Assert.Equal("MRN-E", episodes[0].Patient.MedicalRecordNumber);
        Assert.NotNull(episodes[0].Procedure);
    }

    [Fact]
    public async Task LoadEpisodesAsync_MoreEpisodes_SameNumberOfQueries()
    {
        var options = await MigratedAsync(StorageProvider.Sqlite);
        var day = DateOnly.FromDateTime(EpisodeData.T0.UtcDateTime);
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await new EpisodeData("MRN-1").SaveAsync(db);
        }

        var one = await CountQueriesAsync(options, day);
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            for (var i = 2; i <= 6; i++)
            {
                await new EpisodeData($"MRN-{i}").SaveAsync(db);
            }
        }

        var six = await CountQueriesAsync(options, day);
        Assert.Equal(1, one.Episodes);
        Assert.Equal(6, six.Episodes);
        Assert.Equal(one.Queries, six.Queries);
        Assert.InRange(six.Queries, 1, 20);
    }

    [Fact]
    public async Task LoadEpisodesAsync_EndBeforeStart_IsRefused()
    {
        var options = await MigratedAsync(StorageProvider.Sqlite);
        await using var db = SeldingerDbContextFactory.Create(options);
        var ex = await Assert.ThrowsAsync<ClinicalValidationException>(() => new ClinicalStore(db).LoadEpisodesAsync(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)));
        Assert.Contains("to", ex.Errors.Keys);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_TwoEditorsOfOneReferral_SecondGetsConflictAndFirstIsKept(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        var data = new EpisodeData();
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
        }

        await using var dbA = SeldingerDbContextFactory.Create(options);
        await using var dbB = SeldingerDbContextFactory.Create(options);
        var storeA = new ClinicalStore(dbA);
        var storeB = new ClinicalStore(dbB);
        var a = await dbA.Referrals.SingleAsync(r => r.Id == data.Referral.Id);
        var b = await dbB.Referrals.SingleAsync(r => r.Id == data.Referral.Id);

        a.TriageNote = "first";
        await storeA.SaveChangesAsync();
        Assert.Equal(2, a.Version);
        b.TriageNote = "second";
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storeB.SaveChangesAsync());

        Assert.Equal(nameof(Referral), ex.EntityType);
        Assert.Equal(data.Referral.Id, ex.Id);
        Assert.Equal(2, ex.CurrentVersion);
        Assert.Equal(1, b.Version);
        await using var check = SeldingerDbContextFactory.Create(options);
        var stored = await check.Referrals.AsNoTracking().SingleAsync(r => r.Id == data.Referral.Id);
        Assert.Equal("first", stored.TriageNote);
        Assert.Equal(2, stored.Version);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_TwoEditorsOfOneProcedureRecord_SecondGetsConflictEvenForADeviceOnly(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        var data = new EpisodeData();
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
        }

        await using var dbA = SeldingerDbContextFactory.Create(options);
        await using var dbB = SeldingerDbContextFactory.Create(options);
        var a = await dbA.ProcedureRecords.SingleAsync(p => p.Id == data.Procedure.Id);
        var b = await dbB.ProcedureRecords.SingleAsync(p => p.Id == data.Procedure.Id);

        // Only an owned part changes on each side: the record's version still has to move.
        a.Devices.Add(new DeviceUse { Description = "Sheath" });
        await new ClinicalStore(dbA).SaveChangesAsync();
        Assert.Equal(2, a.Version);
        b.TimeOut.AntibioticProphylaxisAddressed = true;
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new ClinicalStore(dbB).SaveChangesAsync());

        Assert.Equal(nameof(ProcedureRecord), ex.EntityType);
        Assert.Equal(2, ex.CurrentVersion);
        await using var check = SeldingerDbContextFactory.Create(options);
        var stored = await check.ProcedureRecords.AsNoTracking().SingleAsync(p => p.Id == data.Procedure.Id);
        Assert.Equal(3, stored.Devices.Count);
        Assert.False(stored.TimeOut.AntibioticProphylaxisAddressed);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task ExpectVersion_VersionTheUserSawIsStale_SaveIsRefused()
    {
        var options = await MigratedAsync(StorageProvider.Sqlite);
        var data = new EpisodeData();
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
            var referral = await db.Referrals.SingleAsync();
            referral.TriageNote = "edited";
            await db.SaveChangesAsync();
        }

        await using var edit = SeldingerDbContextFactory.Create(options);
        var store = new ClinicalStore(edit);
        var current = await edit.Referrals.SingleAsync();
        Assert.Equal(2, current.Version);
        current.TriageNote = "from a form opened at version 1";
        store.ExpectVersion(current, 1);
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveChangesAsync());
        Assert.Equal(2, ex.CurrentVersion);

        store.ExpectVersion(current, 2);
        await store.SaveChangesAsync();
        Assert.Equal(3, current.Version);
    }

    [Fact]
    public async Task ExpectVersion_RecordNotReadThroughTheStore_IsRefused()
    {
        var options = await MigratedAsync(StorageProvider.Sqlite);
        await using var db = SeldingerDbContextFactory.Create(options);
        var store = new ClinicalStore(db);
        Assert.Throws<InvalidOperationException>(() => store.ExpectVersion(new EpisodeData().Referral, 1));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_RecordRemovedMeanwhile_ConflictWithoutVersion(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        var data = new EpisodeData();
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
        }

        await using var dbA = SeldingerDbContextFactory.Create(options);
        var task = await dbA.FollowUps.SingleAsync();
        await using (var dbB = SeldingerDbContextFactory.Create(options))
        {
            dbB.FollowUps.Remove(await dbB.FollowUps.SingleAsync());
            await dbB.SaveChangesAsync();
        }

        task.Note = "called the family";
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new ClinicalStore(dbA).SaveChangesAsync());
        Assert.Null(ex.CurrentVersion);
        Assert.Equal(task.Id, ex.Id);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_UnchangedRecords_KeepTheirVersion(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        var data = new EpisodeData();
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
            Assert.Equal(1, data.Patient.Version);
            data.Patient.Notes = "changed";
            await db.SaveChangesAsync();
        }

        await using var check = SeldingerDbContextFactory.Create(options);
        Assert.Equal(2, (await check.Patients.SingleAsync()).Version);
        Assert.Equal(1, (await check.Referrals.SingleAsync()).Version);
        Assert.Equal(1, (await check.ProcedureRecords.SingleAsync()).Version);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SaveChangesAsync_TimesWithOffsets_KeepTheirInstantAndSortByIt(StorageProvider provider)
    {
        var options = await MigratedAsync(provider);
        var data = new EpisodeData();
        var referralId = data.Referral.Id;
        // 09:30 in New York is after 14:00 in Paris on the same day; written with their own offsets.
        var paris = new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.FromHours(1));
        var newYork = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(-4));
        data.Referral.History = [];
        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            await data.SaveAsync(db);
            db.ReferralEvents.AddRange(
                new ReferralEvent { Id = Guid.NewGuid(), ReferralId = referralId, At = newYork, Actor = "ny", Action = ReferralAction.Accepted },
                new ReferralEvent { Id = Guid.NewGuid(), ReferralId = referralId, At = paris, Actor = "paris", Action = ReferralAction.Submitted });
            await db.SaveChangesAsync();
        }

        await using var read = SeldingerDbContextFactory.Create(options);
        var sorted = await read.ReferralEvents.Where(e => e.ReferralId == referralId).OrderBy(e => e.At).ToListAsync();
        Assert.Equal(["paris", "ny"], sorted.Select(e => e.Actor));
        Assert.Equal(paris, sorted[0].At);
        Assert.Equal(newYork, sorted[1].At);
        var later = await read.ReferralEvents.Where(e => e.ReferralId == referralId && e.At > paris).Select(e => e.Actor).ToListAsync();
        Assert.Equal(["ny"], later);
    }

    private async Task<StorageOptions> MigratedAsync(StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            Require.Postgres();
        }

        var options = TestDatabases.For(provider, Path.Combine(_dir.Path, provider.ToString()));
        await StorageMigrator.MigrateAsync(options);
        return options;
    }

    private static async Task<(int Episodes, int Queries)> CountQueriesAsync(StorageOptions options, DateOnly day)
    {
        var counter = new CommandCounter();
        await using var db = new SqliteSeldingerDbContext(new DbContextOptionsBuilder<SqliteSeldingerDbContext>()
            .UseSqlite(options.EffectiveConnectionString).AddInterceptors(counter).Options);
        var episodes = await new ClinicalStore(db).LoadEpisodesAsync(day, day);
        return (episodes.Count, counter.Count);
    }

    private static Seldinger.Clinical.Patients.Patient Sorted(Seldinger.Clinical.Patients.Patient p)
    {
        p.Guardians = [.. p.Guardians.OrderBy(g => g.Name, StringComparer.Ordinal)];
        p.Measurements = [.. p.Measurements.OrderBy(m => m.MeasuredAt)];
        return p;
    }

    private static void AssertSame(object? expected, object? actual, bool ignoreHistoryOrder = false)
    {
        if (ignoreHistoryOrder && expected is Referral e && actual is Referral a)
        {
            e.History = [.. e.History.OrderBy(h => h.At)];
            a.History = [.. a.History.OrderBy(h => h.At)];
        }

        Assert.Equal(Json(expected), Json(actual));
    }

    // Field-by-field comparison through JSON; times as UTC instants, since PostgreSQL keeps the
    // instant and not the offset it was written with.
    private static string Json(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new UtcInstantConverter() } };
}
