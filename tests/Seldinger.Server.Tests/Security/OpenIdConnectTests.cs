using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests.Security;

/// <summary>Hospital sign-on: the challenge goes to the provider's authorization endpoint; claims map to accounts.</summary>
public sealed partial class OpenIdConnectTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _dir = new("seldinger-oidc");
    private WebApplication _provider = null!;
    private string _authority = "";
    private StorageOptions _storage = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
        {
            var issuer = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["jwks_uri"] = $"{issuer}/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        _provider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await _provider.StartAsync();
        _authority = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _storage = TestDatabases.Sqlite(_dir.Path);
        await StorageMigrator.MigrateAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task SignInPage_HospitalAccount_RedirectsToAuthorizationEndpointWithClientId()
    {
        await using var factory = Factory(configured: true);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var html = await client.GetStringAsync("/Account/SignIn");
        Assert.Contains("Sign in with hospital account", html, StringComparison.Ordinal);
        var token = Token().Match(html).Groups[1].Value;

        using var response = await client.PostAsync("/Account/SignIn?handler=External",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"{_authority}/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Contains("client_id=seldinger-test", location.Query, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location.Query, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_NotConfigured_NoHospitalButton()
    {
        await using var factory = Factory(configured: false);
        using var client = factory.CreateClient();
        Assert.DoesNotContain("hospital account", await client.GetStringAsync("/Account/SignIn"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/import", "/import")]
    [InlineData("https://elsewhere.example/", "/")]
    [InlineData("//elsewhere.example/", "/")]
    public async Task ContinuePage_GoesOnToLocalPagesOnly(string returnUrl, string expected)
    {
        await using var factory = Factory(configured: true);
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync($"/Account/Continue?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Contains($"content=\"0;url={expected}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_RoleMapAndDefaults_Read()
    {
        var settings = OpenIdConnectSettings.Read(Configuration(configured: true));
        Assert.True(settings.IsConfigured);
        Assert.Equal("roles", settings.RoleClaim);
        Assert.Equal(StaffRole.IrPhysician, settings.RoleMap["ir-radiologists"]);
        Assert.Throws<InvalidOperationException>(() => OpenIdConnectSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{OpenIdConnectSettings.Section}:RoleMap:x"] = "surgeon" }).Build()));
    }

    [Fact]
    public async Task Resolve_LinkedSubject_SignsInAndFollowsMappedRole()
    {
        await using var db = SeldingerDbContextFactory.Create(_storage);
        var account = await new StaffAccounts(db, TimeProvider.System).CreateAsync("a.moreno", null, StaffRole.Nurse, null);
        account.ExternalSubject = "sub-1";
        await db.SaveChangesAsync();

        var (resolved, _) = await SignOn(db, autoProvision: false).ResolveAsync(External("sub-1", "someone-else", "ir-radiologists"));

        Assert.Equal(account.Id, resolved!.Id);
        Assert.Equal(StaffRole.IrPhysician, resolved.Role);
    }

    [Fact]
    public async Task Resolve_UnlinkedUserName_LinksTheSubject()
    {
        await using var db = SeldingerDbContextFactory.Create(_storage);
        var account = await new StaffAccounts(db, TimeProvider.System).CreateAsync("b.chen", null, StaffRole.Nurse, null);

        var (resolved, _) = await SignOn(db, autoProvision: false).ResolveAsync(External("sub-2", "B.Chen", "unmapped-group"));

        Assert.Equal(account.Id, resolved!.Id);
        Assert.Equal("sub-2", resolved.ExternalSubject);
        Assert.Equal(StaffRole.Nurse, resolved.Role);
    }

    [Theory]
    [InlineData(true, "ir-radiologists", true)]
    [InlineData(true, "unmapped-group", false)]
    [InlineData(false, "ir-radiologists", false)]
    public async Task Resolve_UnknownUser_ProvisionedOnlyWhenAllowedAndMapped(bool autoProvision, string group, bool provisioned)
    {
        await using var db = SeldingerDbContextFactory.Create(_storage);
        var subject = $"sub-{Guid.NewGuid()}";

        var (resolved, reason) = await SignOn(db, autoProvision).ResolveAsync(External(subject, $"new-{Guid.NewGuid():N}", group));

        Assert.Equal(provisioned, resolved is not null);
        if (resolved is not null)
        {
            Assert.Equal((StaffRole.IrPhysician, subject, null), (resolved.Role, resolved.ExternalSubject, resolved.PasswordHash));
        }
        else
        {
            Assert.NotEmpty(reason);
        }
    }

    [Fact]
    public async Task Resolve_DisabledAccount_Refused()
    {
        await using var db = SeldingerDbContextFactory.Create(_storage);
        var account = await new StaffAccounts(db, TimeProvider.System).CreateAsync("c.off", null, StaffRole.Nurse, null);
        account.ExternalSubject = "sub-off";
        account.Active = false;
        await db.SaveChangesAsync();

        var (resolved, reason) = await SignOn(db, autoProvision: true).ResolveAsync(External("sub-off", "c.off", "ir-radiologists"));

        Assert.Null(resolved);
        Assert.Contains("disabled", reason, StringComparison.Ordinal);
    }

    private static ExternalSignOn SignOn(SeldingerDbContext db, bool autoProvision) =>
        new(db, TimeProvider.System, new OpenIdConnectSettings
        {
            Authority = "https://idp.example",
            ClientId = "seldinger",
            RoleMap = new Dictionary<string, StaffRole> { ["ir-radiologists"] = StaffRole.IrPhysician, ["nurses"] = StaffRole.Nurse },
            AutoProvision = autoProvision,
        });

    private static ClaimsPrincipal External(string subject, string userName, string group) =>
        new(new ClaimsIdentity([new Claim("sub", subject), new Claim("preferred_username", userName), new Claim("roles", group)], "oidc"));

    private IConfiguration Configuration(bool configured) => new ConfigurationBuilder().AddInMemoryCollection(Settings(configured)).Build();

    private Dictionary<string, string?> Settings(bool configured) => configured
        ? new()
        {
            [$"{OpenIdConnectSettings.Section}:Authority"] = _authority,
            [$"{OpenIdConnectSettings.Section}:ClientId"] = "seldinger-test",
            [$"{OpenIdConnectSettings.Section}:ClientSecret"] = "not-a-real-secret",
            [$"{OpenIdConnectSettings.Section}:RoleMap:ir-radiologists"] = "IrPhysician",
        }
        : [];

    private WebApplicationFactory<Program> Factory(bool configured) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Seldinger:DataDirectory", _storage.DataDirectory);
            b.UseSetting("Seldinger:Provider", "Sqlite");
            b.UseSetting("Seldinger:ConnectionString", _storage.EffectiveConnectionString);
            foreach (var (key, value) in Settings(configured))
            {
                b.UseSetting(key, value);
            }
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
