using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seldinger.Clinical.Security;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;
using Seldinger.Server.Services;
using Seldinger.Server.Tests.Security;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// The plan panel of the case page in Debian's Chromium against the real server: a phantom library case is
/// created through the API, a procedure is planned from the page, the route table, warnings, measurements and
/// the drawn route are checked against the stored plan JSON, and a doctor's entry through the spine is shown
/// as a Danger.
/// </summary>
public sealed class PlanViewBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = BrowserTestServer.ChromiumPath;
    private const string LibraryCase = "liver-tumor";
    private const string Procedure = "biopsy-deep";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly TemporaryDirectory _dir = new("seldinger-plan-ui");
    private WebApplication? _app;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
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
    public async Task PlanPanel_PlanLibraryCase_ShowsRoutesWarningsAndDrawsRoute_ManualEntryThroughSpineIsDanger()
    {
        Require.File(ChromiumPath, "./test installs Debian's chromium.");
        using var http = await TestAccounts.CreateClientAsAsync(_baseUrl, StaffRole.IrPhysician, TimeSpan.FromMinutes(3));
        var created = await http.PostAsJsonAsync("/api/library-cases", new { @case = LibraryCase, ageYears = 5, size = 96 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var library = (await created.Content.ReadFromJsonAsync<JsonElement>(Web))!;
        var caseId = library.GetProperty("caseId").GetGuid();
        var seriesUid = library.GetProperty("seriesInstanceUid").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchWebGlAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1480, Height = 1000 } });
        await TestAccounts.SignInAsync(page, _baseUrl, StaffRole.IrPhysician);
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };

        await page.GotoAsync($"{_baseUrl}/cases/{caseId}");
        var viewer = page.Locator("[data-case-viewer]");
        var panel = page.Locator("[data-plan-panel]");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        // The picker lists the suggested procedures first; the library case was made for the deep biopsy.
        var options = await page.Locator("select[data-procedure] option").EvaluateAllAsync<string[][]>("os => os.map(o => [o.value, o.dataset.suggested])");
        Assert.NotEmpty(options);
        Assert.Equal("true", options[0][1]);
        var firstOther = Array.FindIndex(options, o => o[1] != "true");
        Assert.True(firstOther < 0 || options.Skip(firstOther).All(o => o[1] != "true"), "a suggested procedure comes after another one");
        Assert.Contains(options, o => o[0] == Procedure && o[1] == "true");

        // Plan from the page: the stored plan is shown.
        await page.Locator("select[data-procedure]").SelectOptionAsync(Procedure);
        await page.ClickAsync("button[data-plan-button]");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-plan-id", new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"), new() { Timeout = 180_000 });
        var planId = (await panel.GetAttributeAsync("data-plan-id"))!;
        var plan = await StoredPlanAsync(http, planId);
        Assert.Equal(Procedure, plan.ProcedureId);
        Assert.NotEmpty(plan.Routes);

        // The route table: one row per route, the first selected, its numbers those of the plan JSON.
        var rows = page.Locator("table.routes tr.route-row");
        await Assertions.Expect(rows).ToHaveCountAsync(plan.Routes.Count);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("aria-selected", "true");
        var route = plan.Routes[0];
        Assert.Equal(route.LengthMm, await NumberInAsync(page, "[data-metric=route-length]"), 1);
        if (route.InsertionAngleDeg is { } angle)
        {
            Assert.Equal(angle, await NumberInAsync(page, "[data-metric=route-angle]"), 1);
        }

        var clearanceRows = page.Locator("table.route-clearances tbody tr");
        await Assertions.Expect(clearanceRows).ToHaveCountAsync(route.Clearances.Count);
        await Assertions.Expect(page.Locator("table.route-clearances tbody tr.bad")).ToHaveCountAsync(route.Clearances.Count(c => c.Violates));

        // Warnings (about the plan or the first route) and measurements, as many as the plan has.
        var shownWarnings = plan.Warnings.Count(w => w.Route is null or 0);
        await Assertions.Expect(page.Locator(".plan-warnings li")).ToHaveCountAsync(shownWarnings);
        await Assertions.Expect(page.Locator("table.plan-measurements tr")).ToHaveCountAsync(plan.Measurements.Count);
        Assert.True(shownWarnings + plan.Measurements.Count > 0, "the plan has neither a warning nor a measurement to show");
        await Assertions.Expect(page.Locator("[data-pareto]")).ToContainTextAsync(plan.ParetoFront.Count.ToString(CultureInfo.InvariantCulture));
        if (plan.ParetoFront.Count >= 2)
        {
            // One dot per front entry; the proposed route's entry is ringed when it lies on the front.
            await Assertions.Expect(page.Locator(".pareto-plot circle")).ToHaveCountAsync(plan.ParetoFront.Count);
            var onFront = plan.ParetoFront.Any(e => e.Entry.DistanceTo(route.Entry) < 0.5);
            await Assertions.Expect(page.Locator(".pareto-plot circle[data-selected]")).ToHaveCountAsync(onFront ? 1 : 0);
        }

        foreach (var reason in plan.Rejections.Keys)
        {
            await Assertions.Expect(page.Locator($"ul.plan-rejections li[data-reason='{reason}']")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(page.Locator($".plan-exports a[href='/api/plans/{planId}/export.json']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("ul.stored-plans button[aria-current=true]")).ToHaveCountAsync(1);

        // The needle plane follows the route: both ends lie in the resliced plane, and the route is drawn along it.
        var fourth = page.Locator("[data-pane=fourth]");
        await Assertions.Expect(fourth).ToHaveAttributeAsync("data-shown", "inplane");
        await AssertRouteInNeedlePlaneAsync(page, route);

        // The crosshair went to the target: the route's end is drawn on the axial slice through it.
        await Assertions.Expect(viewer).Not.ToHaveAttributeAsync("data-path-pixels", "0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "plan-view-automatic.png"), FullPage = true });

        // Another ranked route: selecting it moves the needle plane to it.
        if (plan.Routes.Count > 1 && plan.Routes[1].Points.Count == 2)
        {
            await rows.Nth(1).ClickAsync();
            await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
            await Assertions.Expect(viewer).ToHaveAttributeAsync("data-plan-route", "1");
            await AssertRouteInNeedlePlaneAsync(page, plan.Routes[1]);
            await rows.First.ClickAsync();
            await Assertions.Expect(viewer).ToHaveAttributeAsync("data-plan-route", "0");
        }

        // The keyboard still scrolls the axial pane.
        var slice = (await viewer.GetAttributeAsync("data-slice"))!;
        await viewer.FocusAsync();
        await page.Keyboard.PressAsync(int.Parse(slice, CultureInfo.InvariantCulture) > 0 ? "ArrowDown" : "ArrowUp");
        await Assertions.Expect(viewer).Not.ToHaveAttributeAsync("data-slice", slice);

        // Re-run gives the same plan.
        await page.ClickAsync("button[data-rerun]");
        await Assertions.Expect(page.Locator("[data-rerun-result]")).ToHaveAttributeAsync("data-identical", "true", new() { Timeout = 180_000 });

        // The 3D view draws the routes and points over the surfaces.
        await page.ClickAsync("button[data-fourth='3d']");
        var scene = page.Locator(".pane-3d");
        await Assertions.Expect(scene).ToHaveAttributeAsync("data-rendered", new System.Text.RegularExpressions.Regex("^[1-9]"), new() { Timeout = 180_000 });
        Assert.True(int.Parse((await scene.GetAttributeAsync("data-plan-objects"))!, CultureInfo.InvariantCulture) >= plan.Routes.Count + 2);
        var yellow = await page.EvaluateAsync<int>("""
            () => {
              const gl = document.querySelector('.pane-3d canvas');
              const c = document.createElement('canvas');
              c.width = gl.width; c.height = gl.height;
              const ctx = c.getContext('2d');
              ctx.drawImage(gl, 0, 0);
              const d = ctx.getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let p = 0; p < d.length; p += 4) if (d[p] > 230 && d[p+1] > 190 && d[p+1] < 230 && d[p+2] < 40) n++;
              return n;
            }
            """);
        Assert.True(yellow > 20, $"the selected route is not drawn in 3D ({yellow} yellow pixels)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "plan-view-3d.png"), FullPage = true });
        await page.ClickAsync("button[data-fourth=inplane]");
        await Assertions.Expect(fourth).ToHaveAttributeAsync("data-shown", "inplane");

        // A doctor's entry on the back, on the line from the target through the spinal canal: the path crosses the
        // vertebra, so the evaluation is unsafe and says so as a Danger.
        var target = plan.Target ?? route.Tip;
        var entry = await SkinBeyondSpineAsync(seriesUid, target);
        await page.EvaluateAsync($"() => window.seldingerViewer.setCursor({Js(entry)})");
        await page.ClickAsync("button[data-set-entry]");
        await Assertions.Expect(panel).Not.ToHaveAttributeAsync("data-plan-id", planId, new() { Timeout = 180_000 });
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-plan-id", new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));
        var manualId = (await panel.GetAttributeAsync("data-plan-id"))!;
        var manual = await StoredPlanAsync(http, manualId);
        Assert.Equal("manual", manual.Method);
        Assert.Contains(manual.Warnings, w => w.Severity == PlanWarningSeverity.Danger);
        await Assertions.Expect(page.Locator(".verdict.unsafe")).ToHaveCountAsync(1);
        Assert.True(await page.Locator(".plan-warnings li.danger").CountAsync() >= 1, "no Danger warning is shown");
        await Assertions.Expect(page.Locator(".plan-warnings li.danger").First).ToHaveCSSAsync("border-left-color", "rgb(179, 38, 30)");
        Assert.True(await page.Locator("table.route-clearances tbody tr.bad").CountAsync() >= 1, "no violated clearance is highlighted");
        await Assertions.Expect(page.Locator("ul.stored-plans li")).ToHaveCountAsync(2);
        await AssertRouteInNeedlePlaneAsync(page, manual.Routes[0]);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), "plan-view-manual-danger.png"), FullPage = true });

        // Reopening the first plan from the list shows it again.
        await page.ClickAsync($"ul.stored-plans button[data-plan-id='{planId}']");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-plan-id", planId);
        await Assertions.Expect(page.Locator(".verdict")).ToHaveAttributeAsync("data-feasible", plan.Feasible ? "true" : "false");

        // The crosshair as the target: 2 mm to the patient's left of the target, inside the lesion, searched again
        // (the doctor's entry cleared); the plan is made for exactly that point.
        var shifted = new WorldPoint(target.X + 2, target.Y, target.Z);
        await page.EvaluateAsync($"() => window.seldingerViewer.setCursor({Js(shifted)})");
        await page.ClickAsync("button[data-clear-entry]");
        await page.Locator("input[data-use-crosshair]").CheckAsync();
        await page.ClickAsync("button[data-plan-button]");
        await Assertions.Expect(page.Locator("ul.stored-plans li")).ToHaveCountAsync(3, new() { Timeout = 180_000 });
        await Assertions.Expect(panel).Not.ToHaveAttributeAsync("data-plan-id", planId);
        var aimed = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{await panel.GetAttributeAsync("data-plan-id")}", Web);
        var inputs = aimed.GetProperty("inputs");
        Assert.Equal(JsonValueKind.Null, inputs.GetProperty("manualEntry").ValueKind);
        var aimedTarget = inputs.GetProperty("target");
        Assert.Equal(shifted.X, aimedTarget.GetProperty("x").GetDouble(), 6);
        Assert.Equal(shifted.Y, aimedTarget.GetProperty("y").GetDouble(), 6);
        Assert.Equal(shifted.Z, aimedTarget.GetProperty("z").GetDouble(), 6);
        Assert.Equal("automatic", aimed.GetProperty("plan").GetProperty("method").GetString());
        Assert.Empty(consoleErrors);
    }

    /// <summary>Both ends of the route lie in the needle-plane image (within half a millimetre) and the route is drawn there in full.</summary>
    private static async Task AssertRouteInNeedlePlaneAsync(IPage page, PlannedRoute route)
    {
        await page.WaitForFunctionAsync($$"""
            () => {
              const pane = window.seldingerViewer.panes.fourth;
              if (!pane.plane) return false;
              return [{{Js(route.Entry)}}, {{Js(route.Tip)}}].every(p => Math.abs(pane.canvasOf(p).distance) < 0.5);
            }
            """);
        var drawn = await page.EvaluateAsync<double[]>($$"""
            () => {
              const v = window.seldingerViewer;
              const a = v.canvasPoint('fourth', {{Js(route.Entry)}}), b = v.canvasPoint('fourth', {{Js(route.Tip)}});
              const pixels = Number(document.querySelector('[data-pane=fourth]').dataset.pathPixels);
              return [Math.hypot(b.x - a.x, b.y - a.y), pixels];
            }
            """);
        // A 3-pixel line along the route, less the two markers' insides.
        Assert.True(drawn[1] >= (drawn[0] - 20) * 2, $"the route ({drawn[0]:0} px long) is drawn with only {drawn[1]:0} pixels in the needle plane");
    }

    /// <summary>
    /// The outermost body voxel on the ray from the target through the centre of the spinal canal, found in the
    /// case's label map (so the path from it to the target crosses the vertebra).
    /// </summary>
    private async Task<WorldPoint> SkinBeyondSpineAsync(string seriesUid, WorldPoint target)
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
                    if (labels[i, j, k] == (byte)TissueLabel.SpinalCanal)
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

        Assert.True(n > 0, "the phantom has no spinal canal");
        var canal = new WorldPoint(sx / n, sy / n, sz / n);
        var direction = (canal - target).Normalized;
        WorldPoint? lastBody = null;
        var passed = false;
        for (var t = 0.0; t < 600; t += 0.25)
        {
            var p = target + (direction * t);
            var c = g.WorldToIndex(p);
            var index = new VoxelIndex((int)Math.Round(c.I), (int)Math.Round(c.J), (int)Math.Round(c.K));
            if (!g.Contains(index))
            {
                break;
            }

            passed |= p.DistanceTo(canal) < 1;
            if (labels[index] != (byte)TissueLabel.Background)
            {
                lastBody = p;
            }
            else if (passed && lastBody is not null)
            {
                break;
            }
        }

        return lastBody ?? throw new InvalidOperationException("No body voxel lies beyond the spinal canal.");
    }

    private static async Task<ProcedurePlan> StoredPlanAsync(HttpClient http, string planId)
    {
        var stored = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}", Web);
        return ProcedurePlan.FromJson(stored.GetProperty("plan").GetRawText());
    }

    private static async Task<double> NumberInAsync(IPage page, string selector)
    {
        var text = await page.Locator(selector).InnerTextAsync();
        var number = new string([.. text.TakeWhile(ch => char.IsDigit(ch) || ch is '.' or '-')]);
        return double.Parse(number, CultureInfo.InvariantCulture);
    }

    /// <summary>Chromium with WebGL on the CPU (SwiftShader through ANGLE): headless, no GPU needed.</summary>
    private static Task<IBrowser> LaunchWebGlAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    private static string Js(WorldPoint p) => string.Create(CultureInfo.InvariantCulture, $"{{ x: {p.X:R}, y: {p.Y:R}, z: {p.Z:R} }}");

    private static string ScreenshotDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("SELDINGER_TEST_RESULTS") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
