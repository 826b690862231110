using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Seldinger.Server.Services.Clinical;
using Seldinger.Server.Tests.Security;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The rooms page (<c>/schedule/rooms</c>) and the anaesthesia sessions on the schedule's day view: a scheduler adds a
/// room through the form and the API lists it; a room without a name or a modality is refused with the reason and
/// nothing is stored; a nurse (no ManageRooms) sees the rooms but not the form, and her POST is refused; a session typed
/// as 08:00–13:00 on a winter day in Europe/Madrid (CET, UTC+1) is stored as 07:00Z–12:00Z and listed on the day view
/// as 08:00–13:00.
/// </summary>
public abstract class RoomsAndSessionsPageTests(ClinicalAppFixture fixture)
{
    [SkippableFact]
    public async Task Api_RoomWithoutModality_Refused_AdministratorListsRooms()
    {
        Skip.If(fixture.Factory is null, fixture.SkipReason);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);
        using var refused = await scheduler.PostAsJsonAsync("/api/rooms", new { name = "Consult room (no modality)", modalities = Array.Empty<string>(), anaesthesiaCapable = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("guidance modality", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The administrator sets rooms up (ManageRooms) without reading the schedule: she reads the list she adds to.
        var administrator = await fixture.ClientAsync(StaffRole.Administrator);
        var rooms = (await administrator.GetJsonAsync("/api/rooms")).AsArray();
        Assert.DoesNotContain(rooms, r => r!.Str("name") == "Consult room (no modality)");
    }

    [SkippableFact]
    public async Task Scheduler_AddsRoomThroughTheForm_ApiListsIt()
    {
        Skip.If(fixture.Factory is null, fixture.SkipReason);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);
        var html = await PageForms.PostAsync(scheduler, "/schedule/rooms", "/schedule/rooms?handler=Add", [
            new("name", "Hybrid suite (page)"),
            new("modalities", "Ct"),
            new("modalities", "Fluoroscopy"),
            new("anaesthesiaCapable", "true"),
        ]);
        Assert.True(html.Contains("Room Hybrid suite (page) added.", StringComparison.Ordinal), PageForms.Flash(html));

        var room = (await scheduler.GetJsonAsync("/api/rooms")).AsArray().Single(r => r!.Str("name") == "Hybrid suite (page)")!;
        Assert.True(room["anaesthesiaCapable"]!.GetValue<bool>());
        Assert.Equal(
            ["ct", "fluoroscopy"],
            room["modalities"]!.AsArray().Select(m => m!.GetValue<string>().ToLowerInvariant()).Order(StringComparer.Ordinal));

        // The list on the page shows it.
        Assert.Matches(@"<td>Hybrid suite \(page\)</td><td>ct, fluoroscopy</td><td>yes</td>", html);

        // The administrator manages rooms without reading the schedule: the page and its form are hers too.
        var admin = await fixture.ClientAsync(StaffRole.Administrator);
        var adminPage = await admin.GetStringAsync("/schedule/rooms");
        Assert.Contains("id=\"room-form\"", adminPage, StringComparison.Ordinal);
        Assert.Contains("<td>Hybrid suite (page)</td>", adminPage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task InvalidRoom_ShowsTheReason_StoresNothing()
    {
        Skip.If(fixture.Factory is null, fixture.SkipReason);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);
        var before = await fixture.WithDbAsync(db => db.Rooms.CountAsync());

        var html = await PageForms.PostAsync(scheduler, "/schedule/rooms", "/schedule/rooms?handler=Add", [
            new("name", "   "),
            new("modalities", "Ultrasound"),
        ]);
        Assert.Equal("name: This field is required.", PageForms.Flash(html));

        html = await PageForms.PostAsync(scheduler, "/schedule/rooms", "/schedule/rooms?handler=Add", [
            new("name", "Room without modality"),
            new("anaesthesiaCapable", "true"),
        ]);
        Assert.Equal("modalities: Choose at least one modality.", PageForms.Flash(html));
        Assert.Contains("id=\"room-form\"", html, StringComparison.Ordinal);

        Assert.Equal(before, await fixture.WithDbAsync(db => db.Rooms.CountAsync()));
        Assert.DoesNotContain((await scheduler.GetJsonAsync("/api/rooms")).AsArray(), r => r!.Str("name") == "Room without modality");
    }

    [SkippableFact]
    public async Task Nurse_SeesRoomsWithoutTheForm_HerPostIsRefused()
    {
        Skip.If(fixture.Factory is null, fixture.SkipReason);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);
        await scheduler.PostJsonAsync("/api/rooms", new { name = "US room (nurse view)", modalities = new[] { "ultrasound" }, anaesthesiaCapable = false });
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);

        var page = await nurse.GetStringAsync("/schedule/rooms");
        Assert.Contains("<td>US room (nurse view)</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"room-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Add", page, StringComparison.Ordinal);

        // A valid antiforgery token (from the schedule, where she books) so that only the role decides.
        var token = PageForms.Token(await nurse.GetStringAsync("/schedule"));
        Assert.NotEmpty(token);
        var before = await fixture.WithDbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Id)) ?? 0;
        using var response = await nurse.PostAsync("/schedule/rooms?handler=Add", new FormUrlEncodedContent([
            new("name", "Nurse's room"),
            new("modalities", "Ct"),
            new("__RequestVerificationToken", token),
        ]));
        var landed = response.RequestMessage?.RequestUri?.AbsolutePath ?? "";
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden || landed.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase),
            $"{(int)response.StatusCode} {landed}");
        Assert.False(await fixture.WithDbAsync(db => db.Rooms.AnyAsync(r => r.Name == "Nurse's room")));

        // The refusal is audited: one "denied" row for the POST.
        var rows = await fixture.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Id > before && e.Method == "POST").ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(("denied", "clinical-page", 403, "/schedule/rooms"), (row.Action, row.ResourceType, row.StatusCode, row.Path));
    }

    [SkippableFact]
    public async Task Scheduler_AddsSessionInMadrid_StoredAsUtc_ListedOnTheDayView()
    {
        Skip.If(fixture.Factory is null, fixture.SkipReason);
        fixture.Clock.Now = fixture.Monday;
        await using var madrid = fixture.Factory!.WithWebHostBuilder(b => b.UseSetting(SiteTimeOptions.Key, "Europe/Madrid"));
        var scheduler = await madrid.CreateClientAsAsync(StaffRole.Scheduler);
        var day = new DateOnly(fixture.Monday.Year + 1, 1, 14);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var html = await PageForms.PostAsync(scheduler, $"/schedule?date={date}", "/schedule?handler=Session", [
            new("date", date),
            new("start", "08:00"),
            new("end", "13:00"),
            new("teams", "2"),
            new("note", "Dr Anaesthetist"),
        ]);
        Assert.True(html.Contains("Anaesthesia session added.", StringComparison.Ordinal), PageForms.Flash(html));

        // The API speaks instants: 08:00 and 13:00 in Madrid in January (CET) are 07:00Z and 12:00Z.
        var session = Assert.Single((await scheduler.GetJsonAsync($"/api/anaesthesia-sessions?date={date}")).AsArray())!;
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero), DateTimeOffset.Parse(session.Str("start"), CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), DateTimeOffset.Parse(session.Str("end"), CultureInfo.InvariantCulture));
        Assert.Equal(2, session.Number("teams"));

        // The day view lists it on the site's clock; the next day does not.
        Assert.Contains("<td>08:00–13:00</td><td>2</td><td>Dr Anaesthetist</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>08:00–13:00</td>", await scheduler.GetStringAsync($"/schedule?date={day.AddDays(1):yyyy-MM-dd}"), StringComparison.Ordinal);

        // A schedule reader without ManageSchedule sees the session but not the form.
        var technologist = await madrid.CreateClientAsAsync(StaffRole.Technologist);
        var view = await technologist.GetStringAsync($"/schedule?date={date}");
        Assert.Contains("<td>08:00–13:00</td><td>2</td>", view, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"session-form\"", view, StringComparison.Ordinal);

        // An end before the start is the service's refusal, shown, and nothing more is stored.
        html = await PageForms.PostAsync(scheduler, $"/schedule?date={date}", "/schedule?handler=Session", [
            new("date", date),
            new("start", "14:00"),
            new("end", "13:00"),
        ]);
        Assert.Equal("end: The session must end after it starts.", PageForms.Flash(html));
        Assert.Single((await scheduler.GetJsonAsync($"/api/anaesthesia-sessions?date={date}")).AsArray());
    }
}

public sealed class SqliteRoomsAndSessionsPageTests(SqliteClinicalAppFixture fixture)
    : RoomsAndSessionsPageTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresRoomsAndSessionsPageTests(PostgresClinicalAppFixture fixture)
    : RoomsAndSessionsPageTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
