using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seldinger.Clinical.Security;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Server.Services;
using Seldinger.Server.Tests.Security;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// The ablation panel of the case page in Debian's Chromium against the real server: a liver-tumor library case is
/// created through the API, an RF ablation is planned from the panel, the coverage table is checked against the stored
/// plan JSON, the zone overlay is checked on the axial pane (orange inside the lesion at its slice, none far from it,
/// none with the zone layer off), and the simulated post-ablation check is shown.
/// </summary>
public sealed partial class AblationViewBrowserTests : IAsyncLifetime
{
    private const string LibraryCase = "liver-tumor";
    private const string Procedure = "rf-ablation";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly TemporaryDirectory _dir = new("seldinger-ablation-ui");
    private WebApplication? _app;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserTestServer.ChromiumPath))
        {
            return;
        }

        (_app, _baseUrl) = await BrowserTestServer.StartAsync(_dir.Path);
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
    public async Task AblationPanel_PlanLiverTumor_CoverageMatchesApiAndZoneOverlayFollowsSliceAndLayer()
    {
        Require.File(BrowserTestServer.ChromiumPath, "./test installs Debian's chromium.");
        using var http = await TestAccounts.CreateClientAsAsync(_baseUrl, StaffRole.IrPhysician, TimeSpan.FromMinutes(3));
        var created = await http.PostAsJsonAsync("/api/library-cases", new { @case = LibraryCase, ageYears = 5, size = 96 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var library = (await created.Content.ReadFromJsonAsync<JsonElement>(Web))!;
        var caseId = library.GetProperty("caseId").GetGuid();
        var seriesUid = library.GetProperty("seriesInstanceUid").GetString()!;
        var lesion = await LesionAsync(seriesUid);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserTestServer.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1480, Height = 1000 } });
        await TestAccounts.SignInAsync(page, _baseUrl, StaffRole.IrPhysician);
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            // A plan without a post-ablation check answers 404 to GET …/ablation/confirmation, by contract.
            if (m.Type == "error" && !m.Location.Contains("/ablation/confirmation", StringComparison.Ordinal))
            {
                consoleErrors.Add(m.Text);
            }
        };

        await page.GotoAsync($"{_baseUrl}/cases/{caseId}");
        var panel = page.Locator("[data-ablation-panel]");
        await Assertions.Expect(page.Locator("[data-case-viewer]")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(panel).ToBeVisibleAsync();

        // Only ablation procedures are offered; the device picker is grouped by modality and starts on the
        // procedure's default device from the library.
        var devices = await http.GetFromJsonAsync<JsonElement>("/api/ablation/devices", Web);
        var ablationIds = devices.GetProperty("defaults").EnumerateObject().Select(p => p.Name).ToHashSet();
        var offered = await page.Locator("select[data-ablation-procedure] option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Contains(Procedure, offered);
        Assert.All(offered, id => Assert.Contains(id, ablationIds));
        await page.Locator("select[data-ablation-procedure]").SelectOptionAsync(Procedure);
        var defaultDevice = devices.GetProperty("defaults").GetProperty(Procedure).GetString();
        Assert.Equal(defaultDevice, await page.Locator("select[data-ablation-device]").InputValueAsync());
        var modalities = devices.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("modality").GetString()).Distinct().Count();
        await Assertions.Expect(page.Locator("select[data-ablation-device] optgroup")).ToHaveCountAsync(modalities);

        // Plan from the panel (table model, automatic probes): the stored plan is shown.
        await page.ClickAsync("button[data-ablation-plan]");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-busy", "false", new() { Timeout = 180_000 });
        var status = page.Locator("[data-ablation-status]");
        Assert.True(await status.GetAttributeAsync("data-kind") != "error", $"planning failed: {await status.InnerTextAsync()}");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-plan-id", PlanId());
        var planId = (await panel.GetAttributeAsync("data-plan-id"))!;
        var stored = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}", Web);
        var ablation = stored.GetProperty("plan").GetProperty("ablation");

        // The coverage table shows the API's numbers: one row per target (tumor, +5, +10 mm), fraction and mL.
        var coverage = ablation.GetProperty("coverage").EnumerateArray().ToList();
        Assert.True(coverage.Count >= 3, $"the plan reports {coverage.Count} coverage rows");
        var rows = page.Locator("table.ablation-coverage tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(coverage.Count);
        for (var i = 0; i < coverage.Count; i++)
        {
            var row = rows.Nth(i);
            Assert.Equal(coverage[i].GetProperty("name").GetString(), await row.Locator("th").InnerTextAsync());
            Assert.Equal(coverage[i].GetProperty("fraction").GetDouble() * 100, await NumberInAsync(row.Locator("[data-fraction]")), 1);
            Assert.Equal(coverage[i].GetProperty("volumeMl").GetDouble(), await NumberInAsync(row.Locator("[data-volume]")), 2);
        }

        Assert.Equal(ablation.GetProperty("minimalMarginMm").GetDouble(), await NumberInAsync(page.Locator("[data-minimal-margin]")), 1);
        await Assertions.Expect(page.Locator("table.ablation-risks tbody tr, [data-no-risks]")).ToHaveCountAsync(Math.Max(1, ablation.GetProperty("structuresAtRisk").GetArrayLength()));
        var alternatives = ablation.GetProperty("alternatives").GetArrayLength();
        if (alternatives > 0)
        {
            // One column per compared layout (plus the row headings).
            await Assertions.Expect(page.Locator("table.ablation-alternatives thead th")).ToHaveCountAsync(alternatives + 1);
        }

        // The plan panel opened the same plan: one route per probe.
        await Assertions.Expect(page.Locator("[data-plan-panel]")).ToHaveAttributeAsync("data-plan-id", planId);
        await Assertions.Expect(page.Locator("table.routes tr.route-row")).ToHaveCountAsync(ablation.GetProperty("probes").GetArrayLength());

        // The axial pane at the lesion's centre slice: orange zone pixels inside the lesion.
        await page.EvaluateAsync($"() => window.seldingerViewer.setCursor({Js(lesion.Centre)})");
        var lesionSlice = await AxialIndexAsync(page, lesion.Centre);
        Assert.True(lesionSlice >= 0, "the crosshair did not move to the lesion");
        var inside = await ZonePixelsAsync(page, lesionSlice, lesion.Centre, lesion.RadiusMm);
        Assert.True(inside > 20, $"only {inside} orange zone pixels inside the lesion on its axial slice {lesionSlice}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "ablation-view.png"), FullPage = true });
        await page.Locator("[data-case-viewer]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "ablation-view-panes.png") });
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "ablation-view-panel.png") });

        // Far from the zone (the end of the volume farther from the lesion), none.
        var sliceCount = await page.EvaluateAsync<int>("() => window.seldingerViewer.current.sliceCount");
        var far = lesionSlice >= sliceCount / 2 ? 0 : sliceCount - 1;
        await page.EvaluateAsync($"() => window.seldingerViewer.setIndex('axial', {far})");
        Assert.Equal(0, await ZonePixelsAsync(page, far, null, 0));

        // Back at the lesion with the zone layer ticked off: none.
        await page.EvaluateAsync($"() => window.seldingerViewer.setCursor({Js(lesion.Centre)})");
        Assert.True(await ZonePixelsAsync(page, lesionSlice, lesion.Centre, lesion.RadiusMm) > 20, "the zone did not come back at the lesion's slice");
        await page.Locator("input[data-layer=zone]").UncheckAsync();
        await page.WaitForFunctionAsync("() => !/layers=[^&]*zone/.test(document.querySelector('[data-pane=axial] canvas.pane-extra[data-layer=ablation]').dataset.url)");
        Assert.Equal(0, await ZonePixelsAsync(page, lesionSlice, lesion.Centre, lesion.RadiusMm));
        await page.Locator("input[data-layer=zone]").CheckAsync();

        // "Go to" the minimal margin moves the crosshair there.
        await page.ClickAsync("[data-goto-minimal-margin]");
        var at = ablation.GetProperty("minimalMarginAt");
        var target = new WorldPoint(at.GetProperty("x").GetDouble(), at.GetProperty("y").GetDouble(), at.GetProperty("z").GetDouble());
        await page.WaitForFunctionAsync($"() => {{ const c = window.seldingerViewer.cursorPoint, t = {Js(target)}; return Math.hypot(c.x - t.x, c.y - t.y, c.z - t.z) < 0.01; }}");

        // The 3D view shows the zone surface (meshes.glb) in orange.
        await page.ClickAsync("button[data-fourth='3d']");
        var scene = page.Locator(".pane-3d");
        await Assertions.Expect(scene).ToHaveAttributeAsync("data-extra-ablation", new Regex("^[1-9]"), new() { Timeout = 180_000 });
        await Assertions.Expect(scene).ToHaveAttributeAsync("data-rendered", new Regex("^[1-9]"), new() { Timeout = 180_000 });
        var orange3d = await page.EvaluateAsync<int>(Orange3dScript);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "ablation-view-3d.png"), FullPage = true });

        // Against the same view without the zone surfaces (organs may be orange-brown too).
        await page.EvaluateAsync("() => window.seldingerViewer.setExtraMeshes('ablation', null)");
        await Assertions.Expect(scene).ToHaveAttributeAsync("data-extra-ablation", "0");
        var orangeWithout = await page.EvaluateAsync<int>(Orange3dScript);
        Assert.True(orange3d > orangeWithout + 50, $"the zone is not drawn in 3D ({orange3d} orange pixels with it, {orangeWithout} without)");

        // The simulated post-ablation check: the achieved margin and registration residual are the API's.
        await page.ClickAsync("button[data-ablation-confirm]");
        var check = page.Locator("[data-confirmation]");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-state", new Regex("^(done|error)$"), new() { Timeout = 180_000 });
        Assert.True(await check.GetAttributeAsync("data-state") == "done", $"the post-ablation check failed: {await check.InnerTextAsync()}");
        var confirmation = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/ablation/confirmation", Web);
        Assert.Equal(confirmation.GetProperty("achievedMinimalMarginMm").GetDouble(), await NumberInAsync(page.Locator("[data-achieved-margin]")), 1);
        await Assertions.Expect(page.Locator("[data-registration]")).ToContainTextAsync(
            confirmation.GetProperty("registration").GetProperty("residualMm").GetDouble().ToString("0.0", CultureInfo.InvariantCulture) + " mm");
        await Assertions.Expect(page.Locator("input[data-layer=achieved]")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "ablation-view-confirmed.png"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    /// <summary>Counts the orange pixels of the 3D pane.</summary>
    private const string Orange3dScript = """
        () => {
          const gl = document.querySelector('.pane-3d canvas');
          const c = document.createElement('canvas');
          c.width = gl.width; c.height = gl.height;
          const ctx = c.getContext('2d');
          ctx.drawImage(gl, 0, 0);
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let p = 0; p < d.length; p += 4) if (d[p] > 120 && d[p+1] > 0.3 * d[p] && d[p+1] < 0.8 * d[p] && d[p+2] < 0.45 * d[p]) n++;
          return n;
        }
        """;

    /// <summary>
    /// Waits until the axial pane shows slice <paramref name="slice"/> with its ablation layer drawn for it, then counts
    /// the layer's orange pixels: within <paramref name="radiusMm"/> of <paramref name="centre"/>, or anywhere when null.
    /// </summary>
    private static async Task<int> ZonePixelsAsync(IPage page, int slice, WorldPoint? centre, double radiusMm)
    {
        var s = slice.ToString(CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($$"""
            () => {
              const pane = document.querySelector('[data-pane=axial]');
              const c = pane.querySelector('canvas.pane-extra[data-layer=ablation]');
              return pane.dataset.index === '{{s}}' && !!c && (c.dataset.state === 'none' || (c.dataset.state === 'shown' && c.dataset.index === '{{s}}'));
            }
            """);
        var centreJs = centre is { } p ? Js(p) : "null";
        return await page.EvaluateAsync<int>($$"""
            () => {
              const c = document.querySelector('[data-pane=axial] canvas.pane-extra[data-layer=ablation]');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const centre = {{centreJs}};
              const v = window.seldingerViewer;
              const at = centre ? v.canvasPoint('axial', centre) : null;
              const r = centre ? {{radiusMm.ToString("R", CultureInfo.InvariantCulture)}} * v.panes.axial.scale : 0;
              let n = 0;
              for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
                if (at && Math.hypot(x - at.x, y - at.y) > r) continue;
                const o = 4 * (y * c.width + x);
                const [R, G, B, A] = [d[o], d[o + 1], d[o + 2], d[o + 3]];
                // Orange: red high, green about half of it, little blue.
                if (A > 20 && R > 180 && G > 0.35 * R && G < 0.75 * R && B < 0.35 * R) n++;
              }
              return n;
            }
            """);
    }

    /// <summary>The axial slice through a point, as the viewer numbers it (the cursor is already there).</summary>
    private static Task<int> AxialIndexAsync(IPage page, WorldPoint p) =>
        page.EvaluateAsync<int>($"() => {{ const v = window.seldingerViewer; const c = v.cursorPoint, t = {Js(p)}; return Math.hypot(c.x - t.x, c.y - t.y, c.z - t.z) < 0.01 ? v.current.slice : -1; }}");

    /// <summary>The lesion's centroid and the radius of a sphere of its volume, from the case's label map.</summary>
    private async Task<(WorldPoint Centre, double RadiusMm)> LesionAsync(string seriesUid)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var labels = await scope.ServiceProvider.GetRequiredService<VolumeCache>().GetLabelsAsync(seriesUid, CancellationToken.None)
            ?? throw new InvalidOperationException("The case has no label map.");
        var g = labels.Geometry;
        double sx = 0, sy = 0, sz = 0;
        var n = 0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (labels[i, j, k] == (byte)TissueLabel.Lesion)
                    {
                        var w = g.IndexToWorld(new VoxelIndex(i, j, k));
                        sx += w.X;
                        sy += w.Y;
                        sz += w.Z;
                        n++;
                    }
                }
            }
        }

        Assert.True(n > 0, "the phantom has no lesion");
        var volume = n * g.SpacingI * g.SpacingJ * g.SpacingK;
        // Half the equivalent sphere's radius: well inside the lesion, clear of its edge.
        return (new WorldPoint(sx / n, sy / n, sz / n), 0.5 * Math.Cbrt(3 * volume / (4 * Math.PI)));
    }

    private static async Task<double> NumberInAsync(ILocator locator)
    {
        var text = await locator.InnerTextAsync();
        var match = NumberPattern().Match(text);
        Assert.True(match.Success, $"no number in '{text}'");
        return double.Parse(match.Value.Replace('−', '-'), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("[-−]?[0-9]+(\\.[0-9]+)?")]
    private static partial Regex NumberPattern();

    private static Regex PlanId() => new("^[0-9a-f-]{36}$");

    private static string Js(WorldPoint p) => string.Create(CultureInfo.InvariantCulture, $"{{ x: {p.X:R}, y: {p.Y:R}, z: {p.Z:R} }}");

    private static string ScreenshotDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("SELDINGER_TEST_RESULTS") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
