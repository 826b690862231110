using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The server on a real database (SQLite file or PostgreSQL) with one account per role, a second referring
/// clinician, and a clock the tests move (a booking on Thursday is recorded on Thursday).
/// </summary>
public abstract class ClinicalAppFixture(StorageProvider provider) : IAsyncLifetime
{
    public const string SecondReferrer = "oncologist2";

    private const string SecondReferrerPassword = "second-referrer-test-password";

    private readonly TemporaryDirectory _dir = new("seldinger-clinical-api");

    public WebApplicationFactory<Program>? Factory { get; private set; }

    public string? SkipReason { get; private set; }

    public TestClock Clock { get; } = new(NextMonday());

    /// <summary>The Monday 08:00 UTC the scenarios start on.</summary>
    public DateTimeOffset Monday { get; } = NextMonday();

    public async Task InitializeAsync()
    {
        SkipReason = provider == StorageProvider.Postgres ? TestDatabases.PostgresUnavailableReason : null;
        if (SkipReason is not null)
        {
            return;
        }

        var storage = TestDatabases.For(provider, _dir.Path);
        await StorageMigrator.MigrateAsync(storage);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Seldinger:DataDirectory", storage.DataDirectory);
            b.UseSetting("Seldinger:Provider", provider.ToString());
            b.UseSetting("Seldinger:ConnectionString", storage.EffectiveConnectionString);
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
        await TestAccounts.SeedAsync(Factory.Services);
        await using var scope = Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        if (await accounts.FindAsync(SecondReferrer) is null)
        {
            await accounts.CreateAsync(SecondReferrer, "Second oncologist", StaffRole.ReferringClinician, SecondReferrerPassword);
        }
    }

    /// <summary>A client signed in now (by the test clock) as the test account of <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(StaffRole role)
    {
        Skip.If(SkipReason is not null, SkipReason);
        return await Factory!.CreateClientAsAsync(role);
    }

    /// <summary>A client signed in as the second referring clinician.</summary>
    public async Task<HttpClient> SecondReferrerAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var client = Factory!.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = SecondReferrer, password = SecondReferrerPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>Runs <paramref name="action"/> on the server's database.</summary>
    public async Task<T> WithDbAsync<T>(Func<SeldingerDbContext, Task<T>> action)
    {
        await using var scope = Factory!.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SeldingerDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        _dir.Dispose();
    }

    // A Monday 08:00 UTC in the coming week, so that every booking of the scenarios lies ahead of the real clock too.
    private static DateTimeOffset NextMonday()
    {
        var today = DateTimeOffset.UtcNow.Date;
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return new DateTimeOffset(today.AddDays(days == 0 ? 7 : days).AddHours(8), TimeSpan.Zero);
    }
}

/// <summary>A clock the tests set.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class SqliteClinicalAppFixture() : ClinicalAppFixture(StorageProvider.Sqlite);

public sealed class PostgresClinicalAppFixture() : ClinicalAppFixture(StorageProvider.Postgres);
