using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Seldinger.Clinical.Security;
using Seldinger.Server.Tests.Security;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The documents of the scenario referral over HTTP: the Spanish family sheet as JSON and PDF, and the
/// procedure report, a draft until signed, which the referring oncologist may read but another may not.
/// </summary>
public abstract class DocumentApiTests(ClinicalAppFixture fixture)
{
    private const string Phone = "+34 910 000 000";

    [SkippableFact]
    public async Task Instructions_ScenarioSpanishBefore_FastingTimesAndPdf()
    {
        await using var app = Configured(fixture);
        var (referralId, _) = await BookedReferralAsync(app, "MRN-DOC-1");
        var nurse = await app.CreateClientAsAsync(StaffRole.Nurse);

        var sheet = await nurse.GetJsonAsync($"/api/referrals/{referralId}/instructions?language=es&phase=before");
        Assert.Equal("spanish", sheet.Str("language"));
        Assert.Equal("before", sheet.Str("phase"));
        var paragraphs = sheet["sections"]!.AsArray().SelectMany(s => s!["paragraphs"]!.AsArray().Select(p => p!.GetValue<string>())).ToList();
        Assert.Contains("No le dé comida sólida, leche ni fórmula después de las 04:00 del jueves.", paragraphs);
        Assert.Contains("Puede tomar líquidos claros hasta las 08:00 del jueves.", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains(Phone, StringComparison.Ordinal));

        // The family's preferred language (Spanish) when none is asked.
        var preferred = await nurse.GetJsonAsync($"/api/referrals/{referralId}/instructions");
        Assert.Equal("spanish", preferred.Str("language"));

        using var pdf = await nurse.GetAsync($"/api/referrals/{referralId}/instructions.pdf?language=en&phase=after");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Instructions_BadLanguageOrPhase_400NamingTheParameter()
    {
        await using var app = Configured(fixture);
        var (referralId, _) = await BookedReferralAsync(app, "MRN-DOC-2");
        var nurse = await app.CreateClientAsAsync(StaffRole.Nurse);

        var language = await nurse.GetJsonAsync($"/api/referrals/{referralId}/instructions?language=fr", HttpStatusCode.BadRequest);
        Assert.NotNull(language["errors"]!["language"]);
        var phase = await nurse.GetJsonAsync($"/api/referrals/{referralId}/instructions.pdf?phase=during", HttpStatusCode.BadRequest);
        Assert.NotNull(phase["errors"]!["phase"]);
        await nurse.GetJsonAsync($"/api/referrals/{Guid.NewGuid()}/instructions", HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Instructions_NoServicePhoneConfigured_409SaysWhatToSet()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var (referralId, _) = await BookedReferralAsync(fixture.Factory!, "MRN-DOC-3");
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        var problem = await nurse.GetJsonAsync($"/api/referrals/{referralId}/instructions", HttpStatusCode.Conflict);
        Assert.Contains("Seldinger:Documents:ServicePhone", problem.Str("detail"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Instructions_ReferringClinician_Forbidden()
    {
        await using var app = Configured(fixture);
        var (referralId, oncologist) = await BookedReferralAsync(app, "MRN-DOC-4");
        using var response = await oncologist.GetAsync($"/api/referrals/{referralId}/instructions");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [SkippableFact]
    public async Task Report_RecordedThenSigned_DraftThenFinalOwnReferrerOnly()
    {
        await using var app = Configured(fixture);
        var (referralId, _) = await BookedReferralAsync(app, "MRN-DOC-5");
        var thursday = fixture.Monday.AddDays(3);
        await MakeReadyAsync(app, referralId, thursday);

        // Thursday 10:45, after the procedure (new sign-ins: Monday's cookies have expired by then).
        fixture.Clock.Now = thursday.AddHours(2).AddMinutes(45);
        var physician = await app.CreateClientAsAsync(StaffRole.IrPhysician);
        var oncologist = await app.CreateClientAsAsync(StaffRole.ReferringClinician);

        // No record yet: nothing to report.
        await physician.GetJsonAsync($"/api/referrals/{referralId}/report.pdf", HttpStatusCode.Conflict);

        var record = await physician.PutJsonAsync($"/api/referrals/{referralId}/procedure", new
        {
            timeOut = new
            {
                patientIdentityConfirmed = true,
                procedureAndSiteConfirmed = true,
                siteMarked = true,
                consentConfirmed = true,
                allergiesReviewed = true,
                imagesDisplayed = true,
                equipmentAvailable = true,
                antibioticProphylaxisAddressed = true,
            },
            operators = new[] { new { name = "Dra. Inés Ibáñez", role = "primary operator" } },
            weightKg = 21.3,
            startedAt = thursday.AddHours(2).AddMinutes(5),
            endedAt = thursday.AddHours(2).AddMinutes(40),
            sedationDoses = new[] { new { drug = "midazolam", doseMg = 2.0, route = "IV", at = thursday.AddHours(2) } },
            sedationGiven = "moderate",
            findings = "Lesión de 2,4 cm; tres cilindros",
            outcome = "success",
        });
        var draft = await PdfAsync(physician, referralId);
        Assert.True(draft.Length > 1000);

        await physician.PostJsonAsync($"/api/referrals/{referralId}/procedure/sign", new { version = record["record"]!.Number("version") }, HttpStatusCode.OK);
        var final = await PdfAsync(physician, referralId);
        Assert.NotEqual(draft.Length, final.Length);

        // The referring oncologist reads their own referral's report; another referrer gets 404, as for the referral.
        await PdfAsync(oncologist, referralId);
        var other = await fixture.SecondReferrerAsync();
        using var hidden = await other.GetAsync($"/api/referrals/{referralId}/report.pdf");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    // Thursday 09:15: assessment, labs, consents, assent, last intakes and the day's weight, so the checklist is green.
    private async Task MakeReadyAsync(WebApplicationFactory<Program> app, Guid referralId, DateTimeOffset thursday)
    {
        fixture.Clock.Now = thursday.AddHours(1).AddMinutes(15);
        var nurse = await app.CreateClientAsAsync(StaffRole.Nurse);
        var patientId = Guid.Parse((await nurse.GetJsonAsync($"/api/referrals/{referralId}")).Str("patientId"));
        await nurse.PutJsonAsync($"/api/referrals/{referralId}/assessment", new
        {
            asa = "asa1",
            plannedSedation = "moderate",
            instructionsSentAt = fixture.Monday.AddHours(1),
        });
        await nurse.PostJsonAsync($"/api/patients/{patientId}/labs", new { test = "inr", value = 1.1, collectedAt = thursday.AddMinutes(30) });
        await nurse.PostJsonAsync($"/api/patients/{patientId}/labs", new { test = "platelets", value = 240, collectedAt = thursday.AddMinutes(30) });
        await nurse.PostJsonAsync($"/api/patients/{patientId}/guardians", new { name = "María García", relationship = "mother" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/consents", new { kind = "procedure", givenBy = "María García", relationship = "mother" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/consents", new { kind = "sedation", givenBy = "María García", relationship = "mother" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/consents", new { kind = "assent", givenBy = "Lucía García", relationship = "patient" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/intakes", new { kind = "lightMeal", at = thursday.AddHours(-4).AddMinutes(-30) });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/intakes", new { kind = "clearLiquid", at = thursday });
        await nurse.PostJsonAsync($"/api/patients/{patientId}/measurements", new { measuredAt = thursday.AddHours(1), weightKg = 21.3, heightCm = 116 });
        var checklist = await nurse.GetJsonAsync($"/api/referrals/{referralId}/checklist");
        Assert.True(checklist["ready"]!.GetValue<bool>(), checklist.ToJsonString());
    }

    private static async Task<byte[]> PdfAsync(HttpClient client, Guid referralId)
    {
        using var response = await client.GetAsync($"/api/referrals/{referralId}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
        return bytes;
    }

    private static WebApplicationFactory<Program> Configured(ClinicalAppFixture fixture)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        return fixture.Factory!.WithWebHostBuilder(b => b.UseSetting("Seldinger:Documents:ServicePhone", Phone)
            .UseSetting("Seldinger:Documents:InstitutionName", "Hospital Niño Jesús"));
    }

    // Monday: the oncologist refers, the physician accepts (moderate sedation); Thursday 10:00 UTC is booked.
    private async Task<(Guid ReferralId, HttpClient Oncologist)> BookedReferralAsync(WebApplicationFactory<Program> app, string mrn)
    {
        var monday = fixture.Clock.Now = fixture.Monday;
        var thursday = monday.AddDays(3);
        var oncologist = await app.CreateClientAsAsync(StaffRole.ReferringClinician);
        var referral = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral(mrn, monday));
        var physician = await app.CreateClientAsAsync(StaffRole.IrPhysician);
        await physician.AcceptAsync(referral.Id(), referral.Number("version"));
        var scheduler = await app.CreateClientAsAsync(StaffRole.Scheduler);
        var room = await scheduler.PostJsonAsync("/api/rooms", new { name = $"CT room ({mrn})", modalities = new[] { "ct" }, anaesthesiaCapable = true });
        await scheduler.PostJsonAsync("/api/appointments", new { referralId = referral.Id(), roomId = room.Id(), start = thursday.AddHours(2), withAnaesthesia = false });
        return (referral.Id(), oncologist);
    }
}

public sealed class SqliteDocumentApiTests(SqliteClinicalAppFixture fixture)
    : DocumentApiTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresDocumentApiTests(PostgresClinicalAppFixture fixture)
    : DocumentApiTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
