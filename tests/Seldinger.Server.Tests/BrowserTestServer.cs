using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>The real server on 127.0.0.1 (a free port) over a fresh SQLite store, for the browser tests.</summary>
internal static class BrowserTestServer
{
    /// <summary>Debian's Chromium: the browser tests never download one.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Migrates a store in <paramref name="dataDirectory"/>, starts the server on it and returns it with its base URL.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(string dataDirectory)
    {
        // Every image is resliced by the server; on a loaded machine a slab or a re-render takes more than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);

        var storage = TestDatabases.Sqlite(dataDirectory);
        await StorageMigrator.MigrateAsync(storage);
        await TestAccounts.SeedAsync(storage);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(SeldingerWebApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSeldinger(storage);
        var app = builder.Build();
        app.UseSeldinger();
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }
}
