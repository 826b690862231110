using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// The server on SQLite with one library case (liver-tumor, 5 years, 96² slices) created through
/// <c>POST /api/library-cases</c>, as a client would.
/// </summary>
public sealed class LibraryCaseAppFixture : IAsyncLifetime
{
    public const string CaseName = "liver-tumor";

    public const int Size = 96;

    public const double AgeYears = 5;

    private readonly TemporaryDirectory _dir = new("seldinger-plans");

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public StorageOptions Storage { get; private set; } = null!;

    public LibraryCaseCreatedDto Created { get; private set; } = null!;

    public string CreatedLocation { get; private set; } = "";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync()
    {
        Storage = TestDatabases.Sqlite(_dir.Path);
        await StorageMigrator.MigrateAsync(Storage);
        Factory = WithSettings(new Dictionary<string, string?>());
        await TestAccounts.SeedAsync(Storage);
        var response = await (await Factory.CreateClientAsAsync(StaffRole.IrPhysician)).PostAsJsonAsync("/api/library-cases", new { @case = CaseName, ageYears = AgeYears, size = Size });
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the library case answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        CreatedLocation = response.Headers.Location?.ToString() ?? "";
        Created = (await response.Content.ReadFromJsonAsync<LibraryCaseCreatedDto>(Json))!;
    }

    /// <summary>A client signed in as the test account of <paramref name="role"/>.</summary>
    public HttpClient CreateClientAs(StaffRole role) => Factory.CreateClientAs(role);

    /// <summary>A server on the same store with extra settings (e.g. another catalogue); the caller disposes it.</summary>
    public WebApplicationFactory<Program> WithSettings(IReadOnlyDictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Seldinger:DataDirectory", Storage.DataDirectory);
            b.UseSetting("Seldinger:Provider", "Sqlite");
            b.UseSetting("Seldinger:ConnectionString", Storage.EffectiveConnectionString);
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _dir.Dispose();
    }
}
