using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;
using Seldinger.Server.Tests.Security;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// The web UI in Debian's Chromium (never a downloaded browser), against the real server on
/// 127.0.0.1: open the demo case, scroll to the lesion, and check the path is drawn on it.
/// </summary>
public sealed class ViewerBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = BrowserTestServer.ChromiumPath;
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

        (_app, _baseUrl) = await BrowserTestServer.StartAsync(_dir.Path);
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
        using var http = await TestAccounts.CreateClientAsAsync(_baseUrl, StaffRole.IrPhysician);
        var detail = await http.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{_caseId}", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var targetSlice = SliceOf(detail!.Series!, detail.Plan!.Target);
        var entrySlice = SliceOf(detail.Series!, detail.Plan.Entry);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await TestAccounts.SignInAsync(page, _baseUrl, StaffRole.IrPhysician);
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
    public async Task CasePage_FourPanes_OverlaysCrosshairSlabAnd3D()
    {
        Require.File(ChromiumPath, "./test installs Debian's chromium.");
        using var http = await TestAccounts.CreateClientAsAsync(_baseUrl, StaffRole.IrPhysician);
        var detail = await http.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{_caseId}", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var series = detail!.Series!;
        var target = detail.Plan!.Target;
        var entry = detail.Plan.Entry;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchWebGlAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1100 } });
        await TestAccounts.SignInAsync(page, _baseUrl, StaffRole.IrPhysician);
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };

        await page.GotoAsync($"{_baseUrl}/cases/{_caseId}");
        var viewer = page.Locator("[data-case-viewer]");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });

        // Every 2D pane shows a CT image, not a blank canvas.
        foreach (var pane in new[] { "axial", "coronal", "sagittal", "fourth" })
        {
            var levels = await page.EvaluateAsync<int>($$"""
                () => {
                  const c = document.querySelector('[data-pane={{pane}}] canvas.pane-image');
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  const seen = new Set();
                  for (let p = 0; p < d.length; p += 4) seen.add(d[p]);
                  return seen.size;
                }
                """);
            Assert.True(levels > 40, $"the {pane} pane looks blank ({levels} grey levels)");
        }

        // The lesion centre is lesion orange in the label overlay of every pane (the fourth is the needle plane, through the target).
        var targetJs = Js(target);
        foreach (var pane in new[] { "axial", "coronal", "sagittal", "fourth" })
        {
            var rgba = await OverlayPixelAsync(page, pane, targetJs);
            Assert.True(rgba[0] == 255 && rgba[1] == 128 && rgba[2] == 0 && rgba[3] == 255, $"{pane}: lesion centre is ({string.Join(", ", rgba)})");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "case-viewer-panes.png"), FullPage = true });

        // Toggling the lesion off removes its colour; on again brings it back.
        await page.Locator("input[data-label='8']").UncheckAsync();
        await page.WaitForFunctionAsync($$"""
            () => {
              const v = window.seldingerViewer, p = v.canvasPoint('axial', {{targetJs}});
              const d = document.querySelector('[data-pane=axial] canvas.pane-labels').getContext('2d').getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data;
              return !(d[0] === 255 && d[1] === 128 && d[2] === 0 && d[3] === 255);
            }
            """);
        var orangeLeft = await page.EvaluateAsync<int>("""
            () => {
              const c = document.querySelector('[data-pane=axial] canvas.pane-labels');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let p = 0; p < d.length; p += 4) if (d[p] === 255 && d[p+1] === 128 && d[p+2] === 0 && d[p+3] === 255) n++;
              return n;
            }
            """);
        Assert.Equal(0, orangeLeft);
        await page.Locator("input[data-label='8']").CheckAsync();
        await page.WaitForFunctionAsync($$"""
            () => {
              const v = window.seldingerViewer, p = v.canvasPoint('axial', {{targetJs}});
              const d = document.querySelector('[data-pane=axial] canvas.pane-labels').getContext('2d').getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data;
              return d[0] === 255 && d[1] === 128 && d[2] === 0 && d[3] === 255;
            }
            """);

        // Crosshair linking: a click on the entry in the coronal pane moves the axial pane to the entry's slice.
        var entryAt = await page.EvaluateAsync<double[]>($"() => {{ const p = window.seldingerViewer.canvasPoint('coronal', {Js(entry)}); return [p.x, p.y]; }}");
        await page.Locator("[data-pane=coronal] canvas.pane-annot").ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)entryAt[0], Y = (float)entryAt[1] } });
        var entrySlice = SliceOf(series, entry);
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-slice", entrySlice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(int.Parse((await viewer.GetAttributeAsync("data-path-pixels"))!, System.Globalization.CultureInfo.InvariantCulture) > 0,
            "the path is not drawn at the entry's slice");

        // A 20 mm MIP slab re-renders the panes.
        await page.Locator("input[data-slab]").FillAsync("20");
        await Assertions.Expect(page.Locator("[data-pane=axial]")).ToHaveAttributeAsync("data-slab", "20");
        await Assertions.Expect(page.Locator("[data-pane=coronal]")).ToHaveAttributeAsync("data-slab", "20");

        // The probe's-eye view, then the 3D view: WebGL draws the surfaces over the background.
        var fourth = page.Locator("[data-pane=fourth]");
        await Assertions.Expect(fourth).ToHaveAttributeAsync("data-shown", "inplane");
        await page.ClickAsync("button[data-fourth=probe]");
        await Assertions.Expect(fourth).ToHaveAttributeAsync("data-shown", "probe");
        var probeTarget = await OverlayPixelAsync(page, "fourth", targetJs); // the default depth is the target's
        Assert.Equal([255, 128, 0, 255], probeTarget);
        await page.ClickAsync("button[data-fourth=oblique]");
        await Assertions.Expect(fourth).ToHaveAttributeAsync("data-shown", "oblique");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "case-viewer-oblique-slab.png"), FullPage = true });
        await page.ClickAsync("button[data-fourth='3d']");
        var scene = page.Locator(".pane-3d");
        await Assertions.Expect(scene).ToHaveAttributeAsync("data-rendered", new System.Text.RegularExpressions.Regex("^[1-9]"), new() { Timeout = 180_000 });
        Assert.True(int.Parse((await scene.GetAttributeAsync("data-meshes"))!, System.Globalization.CultureInfo.InvariantCulture) >= 5);
        var drawn = await page.EvaluateAsync<double>("""
            () => {
              const gl = document.querySelector('.pane-3d canvas');
              const c = document.createElement('canvas');
              c.width = gl.width; c.height = gl.height;
              const ctx = c.getContext('2d');
              ctx.drawImage(gl, 0, 0);
              const d = ctx.getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let p = 0; p < d.length; p += 4) if (Math.abs(d[p] - 0x10) + Math.abs(d[p+1] - 0x15) + Math.abs(d[p+2] - 0x1c) > 30) n++;
              return n / (c.width * c.height);
            }
            """);
        Assert.True(drawn > 0.03, $"the 3D pane is nearly empty ({drawn:P1} drawn)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "case-viewer-3d.png"), FullPage = true });
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
        await TestAccounts.SignInAsync(page, _baseUrl, StaffRole.IrPhysician);
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

    /// <summary>Chromium with WebGL on the CPU (SwiftShader through ANGLE): headless, no GPU needed.</summary>
    private static Task<IBrowser> LaunchWebGlAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    private static async Task<int[]> OverlayPixelAsync(IPage page, string pane, string pointJs) => await page.EvaluateAsync<int[]>($$"""
        () => {
          const p = window.seldingerViewer.canvasPoint('{{pane}}', {{pointJs}});
          const d = document.querySelector('[data-pane={{pane}}] canvas.pane-labels').getContext('2d').getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data;
          return [d[0], d[1], d[2], d[3]];
        }
        """);

    private static string Js(PointDto p) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{ x: {p.X:R}, y: {p.Y:R}, z: {p.Z:R} }}");

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
