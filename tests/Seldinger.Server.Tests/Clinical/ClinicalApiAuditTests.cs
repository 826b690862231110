using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// One audit row per clinical request, API or page: the user, the role, the action, the child, the resource and the
/// status the client got; refusals (401, 403) and unknown records (404) once each too.
/// </summary>
public abstract partial class ClinicalApiAuditTests(ClinicalAppFixture fixture)
{
    private const string Phone = "+34 910 000 001";

    [SkippableFact]
    public async Task ApiRequests_EachWritesExactlyOneRowWithUserRoleActionPatientAndStatus()
    {
        await using var app = Configured();
        var (referralId, patientId) = await ReferralAsync(app, "MRN-AUD-API-1");
        fixture.Clock.Now = fixture.Monday.AddHours(3);
        var nurse = await app.CreateClientAsAsync(StaffRole.Nurse);
        var physician = await app.CreateClientAsAsync(StaffRole.IrPhysician);
        var referrer = await app.CreateClientAsAsync(StaffRole.ReferringClinician);
        var unknown = Guid.NewGuid();
        var r = $"/api/referrals/{referralId}";

        await ExpectOneRowAsync(() => nurse.GetJsonAsync($"{r}/episode"),
            new("nurse", "Nurse", "read", "episode", referralId.ToString(), patientId, 200, "GET", $"{r}/episode"));
        var vitals = await ExpectOneRowAsync(() => nurse.PostJsonAsync($"{r}/vitals", new { at = fixture.Clock.Now.AddMinutes(-5), isBaseline = true, heartRate = 96 }),
            new("nurse", "Nurse", "create", "vitals", null, patientId, 201, "POST", $"{r}/vitals"));
        Assert.Equal(vitals.Result.Id().ToString(), vitals.Row.ResourceId);
        await ExpectOneRowAsync(() => nurse.GetJsonAsync($"{r}/checklist"),
            new("nurse", "Nurse", "read", "checklist", referralId.ToString(), patientId, 200, "GET", $"{r}/checklist"));
        await ExpectOneRowAsync(() => physician.GetJsonAsync($"{r}/fhir"),
            new("irphysician", "IrPhysician", "export", "fhir", referralId.ToString(), patientId, 200, "GET", $"{r}/fhir"));
        // The report is answered 409 until a procedure is recorded: still one row, with the child.
        await ExpectOneRowAsync(() => physician.GetJsonAsync($"{r}/report.pdf", HttpStatusCode.Conflict),
            new("irphysician", "IrPhysician", "export", "report", referralId.ToString(), patientId, 409, "GET", $"{r}/report.pdf"));
        // A role without the action: one "denied" row, the child found from the route's referral.
        await ExpectOneRowAsync(() => referrer.GetJsonAsync($"{r}/checklist", HttpStatusCode.Forbidden),
            new("referringclinician", "ReferringClinician", "denied", "checklist", referralId.ToString(), patientId, 403, "GET", $"{r}/checklist"));
        // Reading referrals needs ReadAllReferrals or ReadOwnReferrals: the administrator has neither.
        var admin = await app.CreateClientAsAsync(StaffRole.Administrator);
        var refused = await ExpectOneRowAsync(() => admin.GetJsonAsync(r, HttpStatusCode.Forbidden),
            new("administrator", "Administrator", "denied", "referral", referralId.ToString(), patientId, 403, "GET", r));
        Assert.Equal("policy ReadAllReferrals|ReadOwnReferrals", refused.Row.Detail);
        // Another referrer's referral answers 404 as if it did not exist; the row still names the child.
        var other = await fixture.SecondReferrerAsync();
        await ExpectOneRowAsync(() => other.GetJsonAsync($"{r}/history", HttpStatusCode.NotFound),
            new(ClinicalAppFixture.SecondReferrer, "ReferringClinician", "read", "referral", referralId.ToString(), patientId, 404, "GET", $"{r}/history"));
        // An unknown referral: one row, no child.
        await ExpectOneRowAsync(() => nurse.GetJsonAsync($"/api/referrals/{unknown}/episode", HttpStatusCode.NotFound),
            new("nurse", "Nurse", "read", "episode", unknown.ToString(), null, 404, "GET", $"/api/referrals/{unknown}/episode"));
        // A query value that does not bind fails before the handler (the exception handler answers 400): one row too.
        var room = Guid.NewGuid();
        await ExpectOneRowAsync(() => nurse.GetJsonAsync($"/api/rooms/{room}/worklist?date=someday", HttpStatusCode.BadRequest),
            new("nurse", "Nurse", "read", "room", room.ToString(), null, 400, "GET", $"/api/rooms/{room}/worklist"));
        // Anonymous: one row.
        using var anonymous = app.CreateClient();
        await ExpectOneRowAsync(() => anonymous.GetJsonAsync($"{r}/episode", HttpStatusCode.Unauthorized),
            new("anonymous", null, "denied", "episode", referralId.ToString(), patientId, 401, "GET", $"{r}/episode"));
    }

    [SkippableFact]
    public async Task ReportPdf_RecordedProcedure_OneExportRowWithThePatient()
    {
        await using var app = Configured();
        var (referralId, patientId) = await ReferralAsync(app, "MRN-AUD-PDF-1");
        fixture.Clock.Now = fixture.Monday.AddHours(3);
        var physician = await app.CreateClientAsAsync(StaffRole.IrPhysician);
        var r = $"/api/referrals/{referralId}";
        await physician.AcceptAsync(referralId, 1);
        await physician.PutJsonAsync($"{r}/procedure", new { findings = "Not started yet", weightKg = 20.5 });

        using var probe = await physician.GetAsync($"{r}/report.pdf");
        var status = (int)probe.StatusCode;
        Assert.True(status is 200 or 503, $"report.pdf answered {status}");
        // 503 means the installation lacks the document fonts: still one row, with the answer given.
        await ExpectOneRowAsync(async () => (await physician.GetAsync($"{r}/report.pdf")).Dispose(),
            new("irphysician", "IrPhysician", "export", "report", referralId.ToString(), patientId, status, "GET", $"{r}/report.pdf"));
    }

    [SkippableFact]
    public async Task ListRequest_OneRowNamingEveryChildListed_FoundByPatientQuery()
    {
        await using var app = Configured();
        var (first, firstPatient) = await ReferralAsync(app, "MRN-AUD-LIST-1");
        var (_, secondPatient) = await ReferralAsync(app, "MRN-AUD-LIST-2");
        var physician = await app.CreateClientAsAsync(StaffRole.IrPhysician);

        var (listed, row) = await ExpectOneRowAsync(() => physician.GetJsonAsync("/api/referrals?status=awaitingReview"),
            new("irphysician", "IrPhysician", "read", "referral", null, null, 200, "GET", "/api/referrals"));
        Assert.Contains(first, listed.AsArray().Select(x => x!.Id()));
        Assert.Contains(firstPatient.ToString(), row.Detail, StringComparison.Ordinal);
        Assert.Contains(secondPatient.ToString(), row.Detail, StringComparison.Ordinal);

        var found = await fixture.WithDbAsync(db => new AuditQuery { PatientId = secondPatient, Take = 1000 }.RunAsync(db));
        Assert.Contains(found, e => e.Id == row.Id);
    }

    [SkippableFact]
    public async Task EpisodePage_GetAndPost_EachWritesExactlyOneRow()
    {
        await using var app = Configured();
        var (referralId, patientId) = await ReferralAsync(app, "MRN-AUD-PAGE-1");
        fixture.Clock.Now = fixture.Monday.AddHours(3);
        var nurse = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.SignInAsync(nurse, StaffRole.Nurse);
        var page = $"/referrals/{referralId}";

        var html = "";
        await ExpectOneRowAsync(async () => html = await nurse.GetStringAsync(page),
            new("nurse", "Nurse", "read", "episode", referralId.ToString(), patientId, 200, "GET", page));

        // Recording a lab result reads the referral (for its child) and adds the result: one "create lab" row.
        var token = Token().Match(html).Groups["token"].Value;
        Assert.NotEmpty(token);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["test"] = "Inr",
            ["value"] = "1.1",
            ["collectedAt"] = "",
            ["__RequestVerificationToken"] = token,
        });
        var (posted, row) = await ExpectOneRowAsync(() => nurse.PostAsync($"{page}?handler=Lab", form),
            new("nurse", "Nurse", "create", "lab", null, patientId, 302, "POST", page));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var labId = await fixture.WithDbAsync(db => db.LabResults.Where(l => l.PatientId == patientId).Select(l => l.Id).SingleAsync());
        Assert.Equal(labId.ToString(), row.ResourceId);
    }

    [SkippableFact]
    public async Task EpisodePage_RoleWithoutReferrals_OneDeniedRow()
    {
        await using var app = Configured();
        var (referralId, patientId) = await ReferralAsync(app, "MRN-AUD-PAGE-2");
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.SignInAsync(admin, StaffRole.Administrator);
        var page = $"/referrals/{referralId}";

        var (response, _) = await ExpectOneRowAsync(() => admin.GetAsync(page),
            new("administrator", "Administrator", "denied", "clinical-page", referralId.ToString(), patientId, 403, "GET", page));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Denied", response.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs <paramref name="request"/> and asserts that it wrote exactly one audit row, equal to <paramref name="expected"/>.</summary>
    private async Task<(T Result, AuditEntry Row)> ExpectOneRowAsync<T>(Func<Task<T>> request, ExpectedRow expected)
    {
        var before = await fixture.WithDbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Id));
        var result = await request();
        var rows = await fixture.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Id > (before ?? 0)).OrderBy(e => e.Id).ToListAsync());
        Assert.True(rows.Count == 1, $"{expected.Method} {expected.Path}: {rows.Count} rows: "
            + string.Join(" | ", rows.Select(e => $"{e.Action} {e.ResourceType} {e.ResourceId} p={e.PatientId} {e.StatusCode} '{e.Detail}'")));
        var row = rows[0];
        Assert.Equal(expected, new ExpectedRow(
            row.UserName, row.Role, row.Action, row.ResourceType, expected.ResourceId is null ? null : row.ResourceId, row.PatientId, row.StatusCode,
            row.Method, row.Path));
        return (result, row);
    }

    private Task<AuditEntry> ExpectOneRowAsync(Func<Task> request, ExpectedRow expected) =>
        ExpectOneRowAsync(async () => { await request(); return 0; }, expected).ContinueWith(t => t.Result.Row, TaskScheduler.Default);

    // Monday: the oncologist refers a new child for a deep biopsy.
    private async Task<(Guid ReferralId, Guid PatientId)> ReferralAsync(WebApplicationFactory<Program> app, string mrn)
    {
        fixture.Clock.Now = fixture.Monday;
        var oncologist = await app.CreateClientAsAsync(StaffRole.ReferringClinician);
        var referral = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral(mrn, fixture.Monday));
        return (referral.Id(), Guid.Parse(referral.Str("patientId")));
    }

    private WebApplicationFactory<Program> Configured()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        return fixture.Factory!.WithWebHostBuilder(b => b.UseSetting("Seldinger:Documents:ServicePhone", Phone));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();

    private sealed record ExpectedRow(
        string User, string? Role, string Action, string ResourceType, string? ResourceId, Guid? PatientId, int Status, string Method, string Path);
}

public sealed class SqliteClinicalApiAuditTests(SqliteClinicalAppFixture fixture) : ClinicalApiAuditTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresClinicalApiAuditTests(PostgresClinicalAppFixture fixture)
    : ClinicalApiAuditTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
