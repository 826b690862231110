using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Server.Services;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// The server on a real database (SQLite file or PostgreSQL) with the demo case imported through
/// the same path as <c>seldinger demo</c>.
/// </summary>
public abstract class SeldingerAppFixture(StorageProvider provider) : IAsyncLifetime
{
    private readonly TemporaryDirectory _dir = new("seldinger-api");

    public WebApplicationFactory<Program>? Factory { get; private set; }

    public Guid DemoCaseId { get; private set; }

    public string? SkipReason { get; private set; }

    public StorageOptions? Storage { get; private set; }

    public async Task InitializeAsync()
    {
        SkipReason = provider == StorageProvider.Postgres ? TestDatabases.PostgresUnavailableReason : null;
        if (SkipReason is not null)
        {
            return;
        }

        Storage = TestDatabases.For(provider, _dir.Path);
        await StorageMigrator.MigrateAsync(Storage);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            // What an operator runs: no developer exception page.
            b.UseEnvironment("Production");
            b.UseSetting("Seldinger:DataDirectory", Storage.DataDirectory);
            b.UseSetting("Seldinger:Provider", provider.ToString());
            b.UseSetting("Seldinger:ConnectionString", Storage.EffectiveConnectionString);
        });
        await TestAccounts.SeedAsync(Factory.Services);
        await using var scope = Factory.Services.CreateAsyncScope();
        DemoCaseId = await scope.ServiceProvider.GetRequiredService<DemoCaseService>().EnsureAsync();
    }

    /// <summary>A client signed in as the test account of <paramref name="role"/>.</summary>
    public HttpClient CreateClientAs(StaffRole role) => Factory!.CreateClientAs(role);

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        _dir.Dispose();
    }
}

public sealed class SqliteAppFixture() : SeldingerAppFixture(StorageProvider.Sqlite);

public sealed class PostgresAppFixture() : SeldingerAppFixture(StorageProvider.Postgres);
