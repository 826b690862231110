using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Storage;

namespace Seldinger.Server.Tests.Security;

/// <summary>One account per role in a test store, and clients signed in as them.</summary>
public static class TestAccounts
{
    /// <summary>The user name of the test account of <paramref name="role"/>.</summary>
    public static string UserName(StaffRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The password of the test account of <paramref name="role"/>.</summary>
    public static string Password(StaffRole role) => $"{role}-test-password";

    /// <summary>Creates the accounts that do not exist yet.</summary>
    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            if (await accounts.FindAsync(UserName(role)) is null)
            {
                await accounts.CreateAsync(UserName(role), $"Test {role}", role, Password(role));
            }
        }
    }

    /// <summary>Creates the accounts in the store of <paramref name="storage"/>.</summary>
    public static async Task SeedAsync(StorageOptions storage)
    {
        await using var db = SeldingerDbContextFactory.Create(storage);
        var accounts = new StaffAccounts(db, TimeProvider.System);
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            if (await accounts.FindAsync(UserName(role)) is null)
            {
                await accounts.CreateAsync(UserName(role), $"Test {role}", role, Password(role));
            }
        }
    }

    /// <summary>A client of <paramref name="factory"/> that signed in through <c>POST /api/auth/sign-in</c> (its cookie is kept).</summary>
    public static HttpClient CreateClientAs(this WebApplicationFactory<Program> factory, StaffRole role) =>
        Task.Run(() => CreateClientAsAsync(factory, role)).GetAwaiter().GetResult();

    /// <summary>As <see cref="CreateClientAs"/>.</summary>
    public static async Task<HttpClient> CreateClientAsAsync(this WebApplicationFactory<Program> factory, StaffRole role)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient();
        await SignInAsync(client, role);
        return client;
    }

    /// <summary>A client of a server at <paramref name="baseUrl"/> signed in as <paramref name="role"/>.</summary>
    public static async Task<HttpClient> CreateClientAsAsync(string baseUrl, StaffRole role, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };
        await SignInAsync(client, role);
        return client;
    }

    /// <summary>Signs <paramref name="client"/> in as <paramref name="role"/>; throws when the server refuses.</summary>
    public static async Task SignInAsync(HttpClient client, StaffRole role)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = UserName(role), password = Password(role) });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Signing in as {role} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Signs the browser page in through the sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, StaffRole role)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{baseUrl}/Account/SignIn");
        await page.GetByLabel("User name").FillAsync(UserName(role));
        await page.GetByLabel("Password").FillAsync(Password(role));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/SignIn", StringComparison.OrdinalIgnoreCase));
    }
}
