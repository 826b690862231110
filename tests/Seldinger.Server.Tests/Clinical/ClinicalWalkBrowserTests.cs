using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// One child walked from referral to discharge through the clinical pages in Debian's Chromium, each step signed in as
/// the role that does it; then the report PDF and the Spanish family sheet; and what other roles may not see.
/// </summary>
public sealed class ClinicalWalkBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = BrowserTestServer.ChromiumPath;
    private const string Reason = "2.4 cm mass in the right liver lobe on CT";
    private readonly TemporaryDirectory _dir = new("seldinger-clinical-ui");
    private WebApplication? _app;
    private string _baseUrl = "";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        (_app, _baseUrl) = await StartServerAsync(_dir.Path);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _dir.Dispose();
    }

    [SkippableFact]
    public async Task ReferralToDischarge_EachRoleInTurn_EndsDischargedWithReportAndSpanishSheet()
    {
        Require.File(ChromiumPath, "./test installs Debian's chromium.");
        var now = DateTimeOffset.UtcNow;
        var tomorrow = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var day = tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var scheduler = await TestAccounts.CreateClientAsAsync(_baseUrl, StaffRole.Scheduler))
        {
            await scheduler.PostJsonAsync("/api/rooms", new { name = "CT room", modalities = new[] { "ct", "ultrasound" }, anaesthesiaCapable = true });
            var start = new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero);
            await scheduler.PostJsonAsync("/api/anaesthesia-sessions", new { start, end = start.AddHours(10), teams = 1 });
        }

        // The oncologist refers the girl and sees "awaiting IR review".
        var page = await PageAsAsync(StaffRole.ReferringClinician);
        await page.GotoAsync(_baseUrl + "/referrals/new");
        await page.FillAsync("[name=mrn]", "MRN-UI-1");
        await page.FillAsync("[name=familyName]", "García");
        await page.FillAsync("[name=givenName]", "Lucía");
        await page.FillAsync("[name=birthDate]", DateOnly.FromDateTime(now.UtcDateTime).AddYears(-6).AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("[name=sex]", "Female");
        await page.SelectOptionAsync("[name=language]", "Spanish");
        await page.FillAsync("[name=weightKg]", "21");
        await page.FillAsync("[name=guardianName]", "María García");
        await page.FillAsync("[name=guardianRelationship]", "mother");
        await page.FillAsync("[name=referringService]", "Oncology");
        await page.FillAsync("[name=reason]", Reason);
        await page.FillAsync("[name=request]", "biopsy please");
        await page.SelectOptionAsync("[name=suggestedProcedureId]", "biopsy-deep");
        await ShotAsync(page, "clinical-referral-form");
        await SubmitAsync(page, "#referral-form");
        var episodeUrl = page.Url;
        var referralId = Guid.Parse(episodeUrl.Split('/').Last());
        await Assertions.Expect(page.Locator("#referral-status")).ToHaveTextAsync("awaiting IR review");
        await page.GotoAsync(_baseUrl + "/referrals");
        await Assertions.Expect(page.Locator($"#referrals tr[data-referral='{referralId}']")).ToContainTextAsync("awaiting IR review");
        await Assertions.Expect(page.Locator("nav a[href='/schedule']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        // The IR physician triages from the list: CT-guided biopsy, routine, moderate sedation.
        page = await PageAsAsync(StaffRole.IrPhysician);
        await page.GotoAsync(_baseUrl + "/referrals?status=AwaitingReview");
        await ShotAsync(page, "clinical-triage-list");
        await page.ClickAsync($"#referrals tr[data-referral='{referralId}'] a");
        await page.SelectOptionAsync("#triage [name=outcome]", "Accept");
        await page.SelectOptionAsync("#triage [name=procedureId]", "biopsy-deep");
        await page.SelectOptionAsync("#triage [name=priority]", "Routine");
        await page.SelectOptionAsync("#triage [name=guidance]", "Ct");
        await page.SelectOptionAsync("#triage [name=sedation]", "Moderate");
        await SubmitAsync(page, "#triage form");
        await Assertions.Expect(page.Locator("#referral-status")).ToHaveTextAsync("accepted");
        await page.Context.CloseAsync();

        // The scheduler books tomorrow 10:00 in the CT room with anaesthesia; the day view shows no clinical detail.
        page = await PageAsAsync(StaffRole.Scheduler);
        await page.GotoAsync($"{_baseUrl}/schedule?date={day}&referral={referralId}");
        await page.SelectOptionAsync("#booking-form [name=referralId]", referralId.ToString());
        await page.FillAsync("#booking-form [name=start]", day + "T10:00");
        await page.CheckAsync("#booking-form [name=withAnaesthesia]");
        await SubmitAsync(page, "#booking-form form");
        var slot = page.Locator("#day-view .slot");
        await Assertions.Expect(slot).ToHaveCountAsync(1);
        await Assertions.Expect(slot).ToContainTextAsync("Lucía García");
        await Assertions.Expect(slot).ToContainTextAsync("10:00");
        await Assertions.Expect(slot).ToContainTextAsync("anaesthesia");
        var dayText = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("liver lobe", dayText, StringComparison.Ordinal);
        Assert.DoesNotContain("kg", dayText, StringComparison.Ordinal);
        Assert.DoesNotContain("Allergy", dayText, StringComparison.Ordinal);
        await ShotAsync(page, "clinical-schedule");
        await page.Context.CloseAsync();

        // The nurse sees the checklist red, enters labs, consent, assent, intakes, weight and the instructions: green.
        page = await PageAsAsync(StaffRole.Nurse);
        await page.GotoAsync(episodeUrl);
        await Assertions.Expect(page.Locator("#checklist-ready")).ToHaveTextAsync("not ready");
        await Assertions.Expect(page.Locator("#checklist")).ToContainTextAsync("INR and platelets needed");
        await ShotAsync(page, "clinical-checklist-red");
        await page.SelectOptionAsync("#lab-form [name=test]", "Inr");
        await page.FillAsync("#lab-form [name=value]", "1.1");
        await SubmitAsync(page, "#lab-form");
        await page.SelectOptionAsync("#lab-form [name=test]", "Platelets");
        await page.FillAsync("#lab-form [name=value]", "240");
        await SubmitAsync(page, "#lab-form");
        foreach (var (kind, by, relationship) in new[] { ("Procedure", "María García", "mother"), ("Sedation", "María García", "mother"), ("Assent", "Lucía García", "patient") })
        {
            await page.SelectOptionAsync("#consent-form [name=kind]", kind);
            await page.FillAsync("#consent-form [name=givenBy]", by);
            await page.FillAsync("#consent-form [name=relationship]", relationship);
            await SubmitAsync(page, "#consent-form");
        }

        foreach (var (kind, ago) in new[] { ("LightMeal", 60), ("ClearLiquid", 30) })
        {
            await page.SelectOptionAsync("#intake-form [name=kind]", kind);
            await page.FillAsync("#intake-form [name=at]", Input(now.AddMinutes(-ago)));
            await SubmitAsync(page, "#intake-form");
        }

        await page.FillAsync("#weight-form [name=weightKg]", "21.3");
        await page.FillAsync("#weight-form [name=heightCm]", "116");
        await SubmitAsync(page, "#weight-form");
        await page.SelectOptionAsync("#assessment-form [name=asa]", "Asa1");
        await page.SelectOptionAsync("#assessment-form [name=plannedSedation]", "Moderate");
        await page.CheckAsync("#assessment-form [name=childLifeSupport]");
        await page.CheckAsync("#assessment-form [name=instructionsSentNow]");
        await SubmitAsync(page, "#assessment-form");
        var checklistText = await page.Locator("#checklist").InnerTextAsync();
        Assert.True(await page.Locator("#checklist-ready").InnerTextAsync() == "ready", checklistText);
        await page.Locator("#checklist").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "clinical-checklist-green");
        await page.Context.CloseAsync();

        // The technologist records the time-out and the procedure; the physician signs.
        page = await PageAsAsync(StaffRole.Technologist);
        await page.GotoAsync(episodeUrl);
        foreach (var box in new[] { "patientIdentityConfirmed", "procedureAndSiteConfirmed", "siteMarked", "consentConfirmed", "allergiesReviewed", "imagesDisplayed", "equipmentAvailable", "antibioticProphylaxisAddressed" })
        {
            await page.CheckAsync($"#procedure-form [name={box}]");
        }

        var started = now.AddHours(-5);
        await page.Locator("#procedure-form [name=operatorName]").First.FillAsync("Dr Ana Ruiz");
        await page.Locator("#procedure-form [name=operatorRole]").First.FillAsync("primary operator");
        await page.FillAsync("#procedure-form [name=startedAt]", Input(started));
        await page.FillAsync("#procedure-form [name=endedAt]", Input(started.AddMinutes(35)));
        await page.FillAsync("#procedure-form [name=weightKg]", "21.3");
        await page.Locator("#procedure-form [name=deviceDescription]").First.FillAsync("18 G coaxial biopsy needle");
        await page.Locator("#procedure-form [name=deviceManufacturer]").First.FillAsync("Acme");
        await page.Locator("#procedure-form [name=deviceLot]").First.FillAsync("LOT-2291");
        await page.Locator("#procedure-form [name=deviceUdi]").First.FillAsync("(01)00812345678901");
        await page.FillAsync("#procedure-form [name=contrastAgent]", "iohexol 300");
        await page.FillAsync("#procedure-form [name=contrastMl]", "10");
        await page.Locator("#procedure-form [name=doseDrug]").First.FillAsync("midazolam");
        await page.Locator("#procedure-form [name=doseMg]").First.FillAsync("2");
        await page.Locator("#procedure-form [name=doseAt]").First.FillAsync(Input(started.AddMinutes(2)));
        await page.SelectOptionAsync("#procedure-form [name=sedationGiven]", "Moderate");
        await page.FillAsync("#procedure-form [name=ctDoseLengthProductMGyCm]", "210");
        await page.FillAsync("#procedure-form [name=ctAcquisitions]", "4");
        await page.FillAsync("#procedure-form [name=findings]", "2.4 cm lesion, right lobe; three cores");
        await page.FillAsync("#procedure-form [name=specimens]", "3 cores to pathology");
        await page.SelectOptionAsync("#procedure-form [name=outcome]", "Success");
        await SubmitAsync(page, "#procedure-form");
        await Assertions.Expect(page.Locator("#computed")).ToContainTextAsync("0.47 mL/kg");
        await Assertions.Expect(page.Locator("#computed")).ToContainTextAsync("0.094 mg/kg");
        await Assertions.Expect(page.Locator("#sign-form")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        page = await PageAsAsync(StaffRole.IrPhysician);
        await page.GotoAsync(episodeUrl);
        await SubmitAsync(page, "#sign-form");
        await Assertions.Expect(page.Locator("#procedure h2")).ToContainTextAsync("signed by");
        await page.Locator("#procedure").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "clinical-procedure-record");
        await page.Context.CloseAsync();

        // The nurse records baseline and recovery vitals, sees the criteria met, discharges home and books the result call.
        page = await PageAsAsync(StaffRole.Nurse);
        await page.GotoAsync(episodeUrl);
        await EnterVitalsAsync(page, now.AddHours(-5).AddMinutes(-30), baseline: true);
        await EnterVitalsAsync(page, now.AddMinutes(-1), baseline: false);
        var criteriaText = await page.Locator("#recovery").InnerTextAsync();
        Assert.True(await page.Locator("#discharge-met").InnerTextAsync() == "met", criteriaText);
        await page.Locator("#recovery").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "clinical-recovery");
        await page.SelectOptionAsync("#discharge-form [name=disposition]", "SameDayHome");
        await page.FillAsync("#discharge-form [name=releasedTo]", "mother");
        await SubmitAsync(page, "#discharge-form");
        await Assertions.Expect(page.Locator("#discharged")).ToContainTextAsync("same day home");
        await Assertions.Expect(page.Locator("#referral-status")).ToHaveTextAsync("completed");
        await page.SelectOptionAsync("#follow-up-form [name=kind]", "ResultCall");
        await page.FillAsync("#follow-up-form [name=description]", "Pathology result call");
        await page.FillAsync("#follow-up-form [name=due]", DateOnly.FromDateTime(now.UtcDateTime).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await SubmitAsync(page, "#follow-up-form");
        await page.GotoAsync(_baseUrl + "/follow-ups");
        await Assertions.Expect(page.Locator("#follow-up-list")).ToContainTextAsync("Pathology result call");
        await Assertions.Expect(page.Locator("#follow-up-list")).ToContainTextAsync("Lucía García");

        // The report PDF names the child and her weight; the Spanish sheet gives the fasting times in Spanish.
        var pdf = await page.Context.APIRequest.GetAsync($"{_baseUrl}/api/referrals/{referralId}/report.pdf");
        Assert.Equal(200, pdf.Status);
        var pdfPath = Path.Combine(_dir.Path, "report.pdf");
        await File.WriteAllBytesAsync(pdfPath, await pdf.BodyAsync());
        var text = await PdfTextAsync(pdfPath);
        Assert.Contains("Lucía García", text, StringComparison.Ordinal);
        Assert.Contains("21.3", text, StringComparison.Ordinal);
        await page.GotoAsync(episodeUrl);
        await page.ClickAsync("#instructions-es-before");
        var sheet = await page.Locator("section.instructions").InnerTextAsync();
        await ShotAsync(page, "clinical-instructions-es");
        Assert.Contains("comida sólida", sheet, StringComparison.Ordinal);
        Assert.Contains("04:00", sheet, StringComparison.Ordinal);
        await page.GotoAsync(episodeUrl);
        await ShotAsync(page, "clinical-episode", fullPage: true);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task EpisodePage_AnotherReferrer_AnswersNotFound()
    {
        Require.File(ChromiumPath, "./test installs Debian's chromium.");
        await using (var scope = _app!.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("otherreferrer", "Other Referrer", StaffRole.ReferringClinician, "Other-referrer-password-1");
        }

        Guid referralId;
        using (var referrer = await TestAccounts.CreateClientAsAsync(_baseUrl, StaffRole.ReferringClinician))
        {
            referralId = (await referrer.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-UI-2", DateTimeOffset.UtcNow))).Id();
        }

        var context = await _browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync($"{_baseUrl}/Account/SignIn");
        await page.GetByLabel("User name").FillAsync("otherreferrer");
        await page.GetByLabel("Password").FillAsync("Other-referrer-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/SignIn", StringComparison.OrdinalIgnoreCase));
        var response = await page.GotoAsync($"{_baseUrl}/referrals/{referralId}");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        Assert.DoesNotContain("liver", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync(_baseUrl + "/referrals");
        await Assertions.Expect(page.Locator($"tr[data-referral='{referralId}']")).ToHaveCountAsync(0);
        await context.CloseAsync();
    }

    // As BrowserTestServer, with the service phone the family sheets need.
    private static async Task<(WebApplication App, string BaseUrl)> StartServerAsync(string dataDirectory)
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        var storage = TestDatabases.Sqlite(dataDirectory);
        await StorageMigrator.MigrateAsync(storage);
        await TestAccounts.SeedAsync(storage);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(SeldingerWebApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Seldinger:Documents:ServicePhone"] = "+34 900 000 000";
        builder.AddSeldinger(storage);
        var app = builder.Build();
        app.UseSeldinger();
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    private async Task<IPage> PageAsAsync(StaffRole role)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await TestAccounts.SignInAsync(page, _baseUrl, role);
        return page;
    }

    // Submits a form and waits for the page the redirect leads to; a refusal shown by the page fails the test with its words.
    private static async Task SubmitAsync(IPage page, string form)
    {
        await page.EvaluateAsync("() => { window.__beforeSubmit = true; }");
        await page.Locator($"{form} button[type=submit]").First.ClickAsync();
        await page.WaitForFunctionAsync("() => !window.__beforeSubmit && document.readyState === 'complete'");
        var error = page.Locator(".flash-error");
        if (await error.CountAsync() > 0)
        {
            Assert.Fail($"{form}: {await error.InnerTextAsync()}");
        }
    }

    private static async Task EnterVitalsAsync(IPage page, DateTimeOffset at, bool baseline)
    {
        await page.FillAsync("#vitals-form [name=at]", Input(at));
        if (baseline)
        {
            await page.CheckAsync("#vitals-form [name=isBaseline]");
        }

        foreach (var (name, value) in new[] { ("heartRate", "96"), ("respiratoryRate", "20"), ("systolicBp", "102"), ("diastolicBp", "64"), ("spO2", "99"), ("temperatureC", "36.8"), ("painScore", "1") })
        {
            await page.FillAsync($"#vitals-form [name={name}]", value);
        }

        await page.SelectOptionAsync("#vitals-form [name=consciousness]", "Awake");
        await page.SelectOptionAsync("#vitals-form [name=motorAtBaseline]", "true");
        await page.SelectOptionAsync("#vitals-form [name=toleratingFluids]", "true");
        await page.SelectOptionAsync("#vitals-form [name=siteDry]", "true");
        await page.SelectOptionAsync("#vitals-form [name=nausea]", "false");
        await SubmitAsync(page, "#vitals-form");
    }

    private static string Input(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static async Task<string> PdfTextAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return text;
    }

    private static async Task ShotAsync(IPage page, string name, bool fullPage = false)
    {
        var directory = Environment.GetEnvironmentVariable("SELDINGER_TEST_RESULTS") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = fullPage });
    }
}
