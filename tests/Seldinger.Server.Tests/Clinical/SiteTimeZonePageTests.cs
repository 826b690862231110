using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Seldinger.Server.Services.Clinical;
using Seldinger.Server.Tests.Security;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The clinical pages on a server whose site time zone is Europe/Madrid: a booking typed as 09:00 is stored as the
/// instant 08:00Z in winter (CET, UTC+1) and 07:00Z in summer (CEST, UTC+2) and shown back as 09:00; a time the clocks
/// skip is refused with its reason; a time they pass twice is stored as the earlier instant, and an unchanged re-save
/// keeps a stored second pass; the footer names the zone;
/// and an unknown zone stops the server at start.
/// </summary>
public abstract partial class SiteTimeZonePageTests(ClinicalAppFixture fixture)
{
    private const string Zone = "Europe/Madrid";

    [SkippableFact]
    public async Task Booking_TypedAsNineInMadrid_StoredAsUtcInstant_ShownBackAsNine()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var madrid = MadridServer();
        var physician = await madrid.CreateClientAsAsync(StaffRole.IrPhysician);
        var year = fixture.Monday.Year + 1;
        var cases = new[]
        {
            (Mrn: "MRN-TZ-WINTER", Day: new DateOnly(year, 1, 12), Utc: new DateTimeOffset(year, 1, 12, 8, 0, 0, TimeSpan.Zero)),
            (Mrn: "MRN-TZ-SUMMER", Day: new DateOnly(year, 7, 13), Utc: new DateTimeOffset(year, 7, 13, 7, 0, 0, TimeSpan.Zero)),
        };
        var room = await (await fixture.ClientAsync(StaffRole.Scheduler)).PostJsonAsync("/api/rooms", new { name = "CT room (Madrid)", modalities = new[] { "ct" }, anaesthesiaCapable = false });

        foreach (var (mrn, day, utc) in cases)
        {
            var referral = await AcceptedReferralAsync(mrn);
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var html = await PageForms.PostAsync(physician, $"/schedule?date={date}", "/schedule?handler=Book", new Dictionary<string, string>
            {
                ["referralId"] = referral.ToString(),
                ["roomId"] = room.Id().ToString(),
                ["start"] = date + "T09:00",
                ["durationMinutes"] = "60",
            });
            Assert.Contains("Appointment booked.", html, StringComparison.Ordinal);

            var stored = await fixture.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.ReferralId == referral));
            Assert.Equal(utc, stored.Start);
            Assert.Equal(utc.UtcDateTime, stored.Start.UtcDateTime);

            // The day view and the room's worklist show 09:00–10:00, not the UTC hours.
            var dayView = await physician.GetStringAsync($"/schedule?date={date}&room={room.Id()}");
            Assert.Contains("<strong>09:00–10:00</strong>", dayView, StringComparison.Ordinal);
            Assert.Contains("<td>09:00–10:00</td>", dayView, StringComparison.Ordinal);
            Assert.DoesNotContain($"{utc:HH:mm}–", dayView, StringComparison.Ordinal);
            Assert.Contains("Times are Europe/Madrid.", dayView, StringComparison.Ordinal);
            Assert.Contains("Times in Europe/Madrid", dayView, StringComparison.Ordinal);

            var episode = await physician.GetStringAsync($"/referrals/{referral}");
            Assert.Contains($"{date} 09:00–10:00 Europe/Madrid", episode, StringComparison.Ordinal);

            // The API still speaks UTC instants.
            var api = await physician.GetJsonAsync($"/api/rooms/{room.Id()}/worklist?date={date}");
            Assert.Equal(utc, DateTimeOffset.Parse(api.AsArray().Single(s => s!.Str("referralId") == referral.ToString())!.Str("start"), CultureInfo.InvariantCulture));
        }
    }

    [SkippableFact]
    public async Task Booking_InTheSpringGap_RefusedWithTheReason_NothingStored()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var madrid = MadridServer();
        var physician = await madrid.CreateClientAsAsync(StaffRole.IrPhysician);
        var room = await (await fixture.ClientAsync(StaffRole.Scheduler)).PostJsonAsync("/api/rooms", new { name = "CT room (gap)", modalities = new[] { "ct" }, anaesthesiaCapable = false });
        var referral = await AcceptedReferralAsync("MRN-TZ-GAP");
        var gapDay = LastSunday(fixture.Monday.Year + 1, 3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var html = await PageForms.PostAsync(physician, $"/schedule?date={gapDay}", "/schedule?handler=Book", new Dictionary<string, string>
        {
            ["referralId"] = referral.ToString(),
            ["roomId"] = room.Id().ToString(),
            ["start"] = gapDay + "T02:30",
            ["durationMinutes"] = "30",
        });
        Assert.Contains(WebUtility.HtmlEncode($"start: {gapDay} 02:30 does not exist in Europe/Madrid"), html, StringComparison.Ordinal);
        Assert.False(await fixture.WithDbAsync(db => db.Appointments.AnyAsync(a => a.ReferralId == referral)));
    }

    [SkippableFact]
    public async Task LabTime_InTheAutumnOverlap_StoredAsTheEarlierInstant_ShownAsTyped()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var madrid = MadridServer();
        var physician = await madrid.CreateClientAsAsync(StaffRole.IrPhysician);
        var referral = await AcceptedReferralAsync("MRN-TZ-OVERLAP");
        var sunday = LastSunday(fixture.Monday.Year - 1, 10);
        var typed = sunday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T02:30";

        // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET); the page takes the earlier.
        var html = await PageForms.PostAsync(physician, $"/referrals/{referral}", $"/referrals/{referral}?handler=Lab", new Dictionary<string, string>
        {
            ["test"] = "Inr",
            ["value"] = "1.1",
            ["collectedAt"] = typed,
        });
        Assert.Contains("Lab result recorded.", html, StringComparison.Ordinal);
        var patientId = await fixture.WithDbAsync(db => db.Referrals.Where(r => r.Id == referral).Select(r => r.PatientId).SingleAsync());
        var lab = await fixture.WithDbAsync(db => db.LabResults.AsNoTracking().SingleAsync(l => l.PatientId == patientId));
        Assert.Equal(new DateTimeOffset(sunday.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero), lab.CollectedAt);
        Assert.Contains(sunday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 02:30", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PrefilledTime_SecondPassOfTheRepeatedHour_SurvivesAnUnchangedResave()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var madrid = MadridServer();
        var physician = await madrid.CreateClientAsAsync(StaffRole.IrPhysician);
        var referral = await AcceptedReferralAsync("MRN-TZ-RESAVE");
        var sunday = LastSunday(fixture.Monday.Year - 1, 10);
        var day = sunday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var html = await PageForms.PostAsync(physician, $"/referrals/{referral}", $"/referrals/{referral}?handler=Assessment", new Dictionary<string, string>
        {
            ["instructionsSentAt"] = day + "T02:30",
        });
        Assert.True(html.Contains("Assessment saved.", StringComparison.Ordinal), PageForms.Flash(html));
        var firstPass = new DateTimeOffset(sunday.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero);
        var secondPass = firstPass.AddHours(1);
        var stored = await fixture.WithDbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.ReferralId == referral));
        Assert.Equal(firstPass, stored.InstructionsSentAt);

        // A time recorded (e.g. through the API) at the second 02:30, 01:30Z, shows as 02:30 too; saving the form
        // unchanged keeps it instead of reading 02:30 again as the first pass.
        var version = await fixture.WithDbAsync(async db =>
        {
            var a = await db.Assessments.SingleAsync(x => x.ReferralId == referral);
            a.InstructionsSentAt = secondPass;
            await db.SaveChangesAsync();
            return a.Version;
        });
        var page = await physician.GetStringAsync($"/referrals/{referral}");
        Assert.Contains($"name=\"instructionsSentAt\" type=\"datetime-local\" value=\"{day}T02:30\"", page, StringComparison.Ordinal);
        var shown = WebUtility.HtmlDecode(ShownPattern().Match(page).Groups[1].Value);
        Assert.Equal(secondPass, DateTimeOffset.Parse(shown, CultureInfo.InvariantCulture));
        html = await PageForms.PostAsync(physician, $"/referrals/{referral}", $"/referrals/{referral}?handler=Assessment", new Dictionary<string, string>
        {
            ["instructionsSentAt"] = day + "T02:30",
            ["instructionsSentAtShown"] = shown,
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
        });
        Assert.True(html.Contains("Assessment saved.", StringComparison.Ordinal), PageForms.Flash(html));
        stored = await fixture.WithDbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.ReferralId == referral));
        Assert.Equal(secondPass, stored.InstructionsSentAt);

        // A changed field is read again on the site's clock.
        html = await PageForms.PostAsync(physician, $"/referrals/{referral}", $"/referrals/{referral}?handler=Assessment", new Dictionary<string, string>
        {
            ["instructionsSentAt"] = day + "T02:45",
            ["instructionsSentAtShown"] = shown,
            ["version"] = stored.Version.ToString(CultureInfo.InvariantCulture),
        });
        Assert.True(html.Contains("Assessment saved.", StringComparison.Ordinal), PageForms.Flash(html));
        stored = await fixture.WithDbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.ReferralId == referral));
        Assert.Equal(firstPass.AddMinutes(15), stored.InstructionsSentAt);
    }

    [SkippableFact]
    public async Task Server_UnknownZone_RefusedAtStartNamingTheKey()
    {
        Skip.If(fixture.Factory is null, "no database");
        var factory = fixture.Factory!.WithWebHostBuilder(b => b.UseSetting(SiteTimeOptions.Key, "Europe/Madird"));
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var message = string.Join(" | ", Flatten(ex).Select(e => e.Message));
        Assert.Contains("Seldinger:Service:TimeZone 'Europe/Madird' is not a known time zone", message, StringComparison.Ordinal);
        await factory.DisposeAsync();
    }

    [SkippableFact]
    public async Task Server_OlderDocumentsKey_StillSetsTheZone_AndConflictingKeysAreRefused()
    {
        Skip.If(fixture.Factory is null, "no database");
        await using (var older = fixture.Factory!.WithWebHostBuilder(b => b.UseSetting(SiteTimeOptions.DocumentsKey, "America/Chicago")))
        {
            using var client = await older.CreateClientAsAsync(StaffRole.IrPhysician);
            Assert.Contains("Times in America/Chicago", await client.GetStringAsync("/schedule"), StringComparison.Ordinal);
        }

        var both = fixture.Factory!.WithWebHostBuilder(b => b.UseSetting(SiteTimeOptions.Key, Zone).UseSetting(SiteTimeOptions.DocumentsKey, "America/Chicago"));
        var ex = Assert.ThrowsAny<Exception>(() => both.CreateClient());
        Assert.Contains("the service has one time zone", string.Join(" | ", Flatten(ex).Select(e => e.Message)), StringComparison.Ordinal);
        await both.DisposeAsync();
    }

    [SkippableFact]
    public async Task Server_DefaultZone_IsUtc()
    {
        fixture.Clock.Now = fixture.Monday;
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        Assert.Contains("Times in UTC", await physician.GetStringAsync("/schedule"), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> MadridServer()
    {
        Skip.If(fixture.Factory is null, fixture.SkipReason);
        return fixture.Factory!.WithWebHostBuilder(b => b.UseSetting(SiteTimeOptions.Key, Zone));
    }

    private async Task<Guid> AcceptedReferralAsync(string mrn)
    {
        var oncologist = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var referral = (await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral(mrn, fixture.Monday))).Id();
        await physician.AcceptAsync(referral, 1);
        return referral;
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private static DateOnly LastSunday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Sunday)
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    [GeneratedRegex("name=\"instructionsSentAtShown\" value=\"([^\"]*)\"")]
    private static partial Regex ShownPattern();
}

public sealed class SqliteSiteTimeZonePageTests(SqliteClinicalAppFixture fixture)
    : SiteTimeZonePageTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresSiteTimeZonePageTests(PostgresClinicalAppFixture fixture)
    : SiteTimeZonePageTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
