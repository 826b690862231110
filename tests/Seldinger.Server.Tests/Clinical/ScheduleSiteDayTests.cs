using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;
using Seldinger.Server.Tests.Security;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The schedule on the site's day and clock. The scenarios fall on 2 December of next year, when Chicago keeps CST
/// (UTC−6; US daylight time ends on the first Sunday of November) and Madrid CET (UTC+1; summer time ends on the last
/// Sunday of October): 18:00 in Chicago is 00:00Z the next day, its day runs from 06:00Z to 06:00Z, and 07:30 in Madrid
/// is 06:30Z.
/// </summary>
public abstract class ScheduleSiteDayTests(ClinicalAppFixture fixture)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(-6);

    // A winter day after the fixture's clock, whenever the tests run.
    private DateOnly Tuesday => new(fixture.Monday.Year + 1, 12, 2);

    [SkippableFact]
    public async Task Chicago_BookingAcrossTheUtcMidnight_ClashesWithTheEveningBooking_InTheService()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var chicago = Server("America/Chicago");
        var room = await RoomAsync("CT room (Chicago service clash)");
        var first = await AcceptedReferralAsync("MRN-SD-SVC-1");
        var second = await AcceptedReferralAsync("MRN-SD-SVC-2");
        var six = Local(Tuesday, 18, 0, Cst);
        Assert.Equal(new DateTimeOffset(Tuesday.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), six);

        await using var scope = chicago.Services.CreateAsyncScope();
        var scheduling = SchedulingAs(scope.ServiceProvider, StaffRole.Scheduler);
        await scheduling.BookAsync(new AppointmentRequest(first, room, six, false, 60));

        // 17:45–18:45 in Chicago overlaps 18:00–19:00, although it starts on the previous UTC day: refused as sent by
        // the page (with the site's offset) and as sent in UTC, with the clash as the one reason.
        foreach (var start in new[] { Local(Tuesday, 17, 45, Cst), Local(Tuesday, 17, 45, Cst).ToUniversalTime() })
        {
            var ex = await Assert.ThrowsAsync<ClinicalConflictException>(() => scheduling.BookAsync(new AppointmentRequest(second, room, start, false, 60)));
            var conflict = Assert.Single(ex.Items.Cast<ScheduleConflict>());
            Assert.Equal(ScheduleConflict.RoomDoubleBooked, conflict.Code);
            Assert.Contains("booked 18:00–19:00", conflict.Message, StringComparison.Ordinal);
        }

        // A booking that ends as the evening one starts fits.
        await scheduling.BookAsync(new AppointmentRequest(second, room, Local(Tuesday, 17, 0, Cst), false, 60));
    }

    [SkippableFact]
    public async Task Chicago_BookingAcrossTheUtcMidnight_RefusedThroughTheApi_WhateverTheOffsetSent()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var chicago = Server("America/Chicago");
        var scheduler = await chicago.CreateClientAsAsync(StaffRole.Scheduler);
        var room = await RoomAsync("CT room (Chicago API clash)");
        var first = await AcceptedReferralAsync("MRN-SD-API-1");
        var second = await AcceptedReferralAsync("MRN-SD-API-2");
        await scheduler.PostJsonAsync("/api/appointments", new { referralId = first, roomId = room, start = Local(Tuesday, 18, 0, Cst), durationMinutes = 60 });

        foreach (var start in new[] { Local(Tuesday, 17, 45, Cst), Local(Tuesday, 17, 45, Cst).ToUniversalTime() })
        {
            var clash = await scheduler.PostJsonAsync("/api/appointments", new { referralId = second, roomId = room, start, durationMinutes = 60 }, HttpStatusCode.Conflict);
            Assert.Equal(["room-double-booked"], clash["items"]!.AsArray().Select(i => i!.Str("code")));
        }
    }

    [SkippableTheory]
    [InlineData("Europe/Madrid", 1, 8, 0, true)]
    [InlineData("Europe/Madrid", 1, 7, 30, true)]
    [InlineData("Europe/Madrid", 1, 18, 45, true)]
    [InlineData("Europe/Madrid", 1, 6, 45, false)]
    [InlineData("Europe/Madrid", 1, 19, 0, false)]
    [InlineData("America/Chicago", -6, 8, 0, true)]
    [InlineData("America/Chicago", -6, 18, 30, true)]
    [InlineData("America/Chicago", -6, 7, 0, true)]
    [InlineData("America/Chicago", -6, 6, 30, false)]
    [InlineData("America/Chicago", -6, 19, 30, false)]
    public async Task BookableHours_AreTheSiteHours_ForAStartSentInUtc(string zone, int offsetHours, int hour, int minute, bool bookable)
    {
        fixture.Clock.Now = fixture.Monday;
        await using var site = Server(zone);
        var scheduler = await site.CreateClientAsAsync(StaffRole.Scheduler);
        var tag = $"{zone.Replace('/', '-')}-{hour:D2}{minute:D2}";
        var room = await RoomAsync($"CT room (hours {tag})");
        var referral = await AcceptedReferralAsync($"MRN-SD-H-{tag}");
        var start = Local(Tuesday, hour, minute, TimeSpan.FromHours(offsetHours)).ToUniversalTime();

        var answer = await scheduler.PostJsonAsync("/api/appointments", new { referralId = referral, roomId = room, start, durationMinutes = 30 },
            bookable ? HttpStatusCode.Created : HttpStatusCode.Conflict);
        if (!bookable)
        {
            Assert.Equal(["outside-hours"], answer["items"]!.AsArray().Select(i => i!.Str("code")));
        }
    }

    [SkippableFact]
    public async Task Chicago_DayViewAndWorklist_ShowExactlyTheSiteDaysBookings()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var chicago = Server("America/Chicago");
        var scheduler = await chicago.CreateClientAsAsync(StaffRole.Scheduler);
        var room = await RoomAsync("CT room (Chicago day)");
        var morning = Local(Tuesday, 7, 30, Cst);
        var evening = Local(Tuesday, 18, 30, Cst);
        var nextMorning = Local(Tuesday.AddDays(1), 7, 15, Cst);
        var ids = new List<Guid>();
        foreach (var (start, i) in new[] { morning, evening, nextMorning }.Select((s, i) => (s, i)))
        {
            var referral = await AcceptedReferralAsync($"MRN-SD-DAY-{i}");
            ids.Add((await scheduler.PostJsonAsync("/api/appointments", new { referralId = referral, roomId = room, start = start.ToUniversalTime(), durationMinutes = 30 })).Id());
        }

        var tuesday = Tuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var wednesday = Tuesday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal([ids[0], ids[1]], Appointments(await scheduler.GetJsonAsync($"/api/schedule?date={tuesday}"), room));
        Assert.Equal([ids[0], ids[1]], Slots((await scheduler.GetJsonAsync($"/api/rooms/{room}/worklist?date={tuesday}")).AsArray()));
        Assert.Equal([ids[2]], Appointments(await scheduler.GetJsonAsync($"/api/schedule?date={wednesday}"), room));
        Assert.Equal([ids[2]], Slots((await scheduler.GetJsonAsync($"/api/rooms/{room}/worklist?date={wednesday}")).AsArray()));

        // The instants stay UTC: the evening booking is 00:30Z on the Wednesday.
        var evening0 = (await scheduler.GetJsonAsync($"/api/rooms/{room}/worklist?date={tuesday}")).AsArray()[1]!;
        Assert.Equal(evening.ToUniversalTime(), DateTimeOffset.Parse(evening0.Str("start"), CultureInfo.InvariantCulture));

        // The page shows the same day: both Tuesday bookings in the room's worklist, not the Wednesday one.
        var physician = await chicago.CreateClientAsAsync(StaffRole.IrPhysician);
        var page = await physician.GetStringAsync($"/schedule?date={tuesday}&room={room}");
        Assert.Contains("<td>07:30–08:00</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>18:30–19:00</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("07:15–07:45", page, StringComparison.Ordinal);
        Assert.Contains("07:15–07:45", await physician.GetStringAsync($"/schedule?date={wednesday}&room={room}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Madrid_EpisodeChecklist_FastingTimesOnTheSiteClock()
    {
        fixture.Clock.Now = fixture.Monday;
        await using var madrid = Server("Europe/Madrid");
        var scheduler = await madrid.CreateClientAsAsync(StaffRole.Scheduler);
        var room = await RoomAsync("CT room (Madrid checklist)");
        var referral = await AcceptedReferralAsync("MRN-SD-CHECK");

        // Booked at 10:00 in Madrid (09:00Z): moderate sedation, so no light meal after 04:00 and clear liquids until
        // 08:00 on the Madrid clock (six and two hours before).
        await scheduler.PostJsonAsync("/api/appointments", new { referralId = referral, roomId = room, start = Local(Tuesday, 10, 0, TimeSpan.FromHours(1)).ToUniversalTime(), durationMinutes = 60 });
        var physician = await madrid.CreateClientAsAsync(StaffRole.IrPhysician);
        var page = await physician.GetStringAsync($"/referrals/{referral}");
        Assert.Contains("no light meal after 04:00, clear liquids until 08:00", page, StringComparison.Ordinal);

        // The API's checklist and episode speak the same site clock as the page.
        var checklist = await physician.GetStringAsync($"/api/referrals/{referral}/checklist");
        Assert.Contains("no light meal after 04:00, clear liquids until 08:00", checklist, StringComparison.Ordinal);
        var episode = await physician.GetStringAsync($"/api/referrals/{referral}/episode");
        Assert.Contains("no light meal after 04:00, clear liquids until 08:00", episode, StringComparison.Ordinal);

        // The server without a zone shows UTC.
        var utc = await (await fixture.ClientAsync(StaffRole.IrPhysician)).GetStringAsync($"/referrals/{referral}");
        Assert.Contains("no light meal after 03:00, clear liquids until 07:00", utc, StringComparison.Ordinal);
    }

    private static DateTimeOffset Local(DateOnly day, int hour, int minute, TimeSpan offset) => new(day.ToDateTime(new TimeOnly(hour, minute)), offset);

    private static List<Guid> Appointments(JsonNode day, Guid room) =>
        Slots(day["rooms"]!.AsArray().Single(r => r!.Str("id") == room.ToString())!["appointments"]!.AsArray());

    private static List<Guid> Slots(JsonArray slots) => [.. slots.Select(s => Guid.Parse(s!.Str("appointmentId")))];

    // The scheduling service of the scope, acting for a user of <paramref name="role"/> outside any request.
    private static SchedulingService SchedulingAs(IServiceProvider services, StaffRole role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "sched.test"), new Claim(ClaimTypes.Role, role.ToString())], "test");
        var user = new CurrentUser(new ClaimsPrincipal(identity));
        var referrals = ActivatorUtilities.CreateInstance<ReferralService>(services, user);
        return ActivatorUtilities.CreateInstance<SchedulingService>(services, user, referrals);
    }

    private WebApplicationFactory<Program> Server(string zone)
    {
        Skip.If(fixture.Factory is null, fixture.SkipReason);
        return fixture.Factory!.WithWebHostBuilder(b => b.UseSetting(SiteTimeOptions.Key, zone));
    }

    private async Task<Guid> RoomAsync(string name) =>
        (await (await fixture.ClientAsync(StaffRole.Scheduler)).PostJsonAsync("/api/rooms", new { name, modalities = new[] { "ct" }, anaesthesiaCapable = false })).Id();

    private async Task<Guid> AcceptedReferralAsync(string mrn)
    {
        var oncologist = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var referral = (await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral(mrn, fixture.Monday))).Id();
        await physician.AcceptAsync(referral, 1);
        return referral;
    }
}

public sealed class SqliteScheduleSiteDayTests(SqliteClinicalAppFixture fixture)
    : ScheduleSiteDayTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresScheduleSiteDayTests(PostgresClinicalAppFixture fixture)
    : ScheduleSiteDayTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
