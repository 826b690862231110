using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// The web UI in Debian's Chromium (never a downloaded browser), against the real server on
/// 127.0.0.1: open the demo case, scroll to the lesion, and check the path is drawn on it.
/// </summary>
public sealed class ViewerBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private readonly TemporaryDirectory _dir = new("seldinger-ui");
    private WebApplication? _app;
    private string _baseUrl = "";
    private Guid _caseId;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        var storage = TestDatabases.Sqlite(_dir.Path);
        await StorageMigrator.MigrateAsync(storage);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(SeldingerWebApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSeldinger(storage);
        _app = builder.Build();
        _app.UseSeldinger();
        await _app.StartAsync();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await using var scope = _app.Services.CreateAsyncScope();
        _caseId = await scope.ServiceProvider.GetRequiredService<DemoCaseService>().EnsureAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _dir.Dispose();
    }

    [SkippableFact]
    public async Task CasePage_ScrollToLesion_DrawsPathOverlayAndTable()
    {
        Require.File(ChromiumPath, "./test installs Debian's chromium.");
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var detail = await http.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{_caseId}", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var targetSlice = SliceOf(detail!.Series!, detail.Plan!.Target);
        var entrySlice = SliceOf(detail.Series!, detail.Plan.Entry);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };

        await page.GotoAsync(_baseUrl + "/");
        await page.ClickAsync($"a[href='/cases/{_caseId}']");
        var viewer = page.Locator("[data-case-viewer]");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-ready", "true");

        // The viewer opens on the lesion; page away from it with the keyboard first.
        Assert.Equal(targetSlice.ToString(System.Globalization.CultureInfo.InvariantCulture), await viewer.GetAttributeAsync("data-slice"));
        await viewer.FocusAsync();
        var away = targetSlice >= 20 ? "PageDown" : "PageUp";
        await page.Keyboard.PressAsync(away);
        await page.Keyboard.PressAsync(away);
        await Assertions.Expect(viewer).Not.ToHaveAttributeAsync("data-slice", targetSlice.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Scroll with the mouse wheel over the image until the lesion's slice is shown.
        var overlay = page.Locator("canvas.slice-overlay");
        await overlay.HoverAsync();
        var current = int.Parse((await viewer.GetAttributeAsync("data-slice"))!, System.Globalization.CultureInfo.InvariantCulture);
        for (var guard = 0; current != targetSlice && guard < 400; guard++)
        {
            await page.Mouse.WheelAsync(0, targetSlice > current ? 100 : -100);
            await Assertions.Expect(viewer).Not.ToHaveAttributeAsync("data-slice", current.ToString(System.Globalization.CultureInfo.InvariantCulture));
            current = int.Parse((await viewer.GetAttributeAsync("data-slice"))!, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(targetSlice, current);
        var pathPixels = int.Parse((await viewer.GetAttributeAsync("data-path-pixels"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pathPixels > 0, "the needle path is not drawn on the lesion's slice");

        // The overlay pixel at the target marker is the target colour (red ring drawn around it).
        var targetRed = await page.EvaluateAsync<int>("""
            () => {
              const c = document.querySelector('canvas.slice-overlay');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let p = 0; p < d.length; p += 4) if (d[p] > 240 && d[p+1] < 40 && d[p+2] > 50 && d[p+2] < 90 && d[p+3] > 200) n++;
              return n;
            }
            """);
        Assert.True(targetRed > 10, "the target marker is not drawn");

        // The image itself is not blank: the CT slice is drawn under the overlay.
        var distinctGreys = await page.EvaluateAsync<int>("""
            () => {
              const c = document.querySelector('canvas.slice-image');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const seen = new Set();
              for (let p = 0; p < d.length; p += 4 * 7) seen.add(d[p]);
              return seen.size;
            }
            """);
        Assert.True(distinctGreys > 50, $"the slice image looks blank ({distinctGreys} grey levels)");

        await Assertions.Expect(page.Locator("td[data-metric=length]")).ToContainTextAsync("mm");
        Assert.True(await page.Locator("table.clearances tr.ok").CountAsync() >= 3);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "case-page-lesion-slice.png"), FullPage = true });

        // A slice far from the path shows no solid path segment.
        var far = Math.Min(targetSlice, entrySlice) > 8 ? 0 : detail.Series!.Slices - 1;
        await page.EvaluateAsync($"() => window.seldingerViewer.show({far})");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-slice", far.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0", await viewer.GetAttributeAsync("data-path-pixels"));

        // The bone preset re-renders the slice.
        await page.ClickAsync("button[data-preset=bone]");
        await Assertions.Expect(page.Locator("button[data-preset=bone]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Empty(consoleErrors);
    }

    [SkippableFact]
    public async Task ImportPage_SeriesAndOneCorruptFile_ListsStoredAndRefused()
    {
        Require.File(ChromiumPath, "./test installs Debian's chromium.");
        var upload = Path.Combine(_dir.Path, "upload");
        var geometry = new Seldinger.Imaging.Geometry.VolumeGeometry(32, 32, 6, new Seldinger.Imaging.Geometry.WorldPoint(0, 0, 0), 1, 1, 2);
        var files = Seldinger.Imaging.Series.CtSeriesWriter.Write(new Seldinger.Imaging.Volume<short>(geometry),
            new Seldinger.Imaging.Series.CtSeriesDescription { PatientName = "UPLOAD^Test", PatientId = "UP-1" }, upload).ToList();
        var corrupt = Path.Combine(upload, "broken.dcm");
        var bytes = await File.ReadAllBytesAsync(files[0]);
        await File.WriteAllBytesAsync(corrupt, bytes[..^100]); // cut inside Pixel Data

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/");
        await page.ClickAsync("a[href='/import']");
        await page.SetInputFilesAsync("input[name=files]", [.. files, corrupt]);
        await page.ClickAsync("form.import-form button[type=submit]");
        var root = page.Locator("[data-import]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("table.import-files tr[data-status=stored]")).ToHaveCountAsync(files.Count);
        var refused = page.Locator("table.import-files tr[data-status=refused]");
        await Assertions.Expect(refused).ToHaveCountAsync(1);
        await Assertions.Expect(refused).ToContainTextAsync("broken.dcm");
        await Assertions.Expect(refused).ToContainTextAsync("byte");
        await Assertions.Expect(page.Locator("table.import-series tbody tr")).ToContainTextAsync("32 × 32 × 6");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "import-page.png"), FullPage = true });
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    private static string ScreenshotDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("SELDINGER_TEST_RESULTS") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static int SliceOf(SeriesGeometryDto g, PointDto p)
    {
        // k = (column 2 of the direction) · (p − origin) / spacing k
        var d = g.Direction;
        var k = ((d[2] * (p.X - g.Origin[0])) + (d[5] * (p.Y - g.Origin[1])) + (d[8] * (p.Z - g.Origin[2]))) / g.Spacing[2];
        return (int)Math.Round(k);
    }
}
