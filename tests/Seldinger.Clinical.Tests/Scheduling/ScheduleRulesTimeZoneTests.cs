using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Scheduling;

/// <summary>
/// The booking rules read the site's wall clock when the options name its time zone: 07:00–19:00 are Madrid's or
/// Chicago's hours in winter and in summer, the first free slot of a day is 07:00 there (also on the days the clocks
/// change), and the messages give the site's times. Expected instants are written out by hand from the offsets (CET
/// UTC+1, CEST UTC+2, CST UTC−6, CDT UTC−5).
/// </summary>
public class ScheduleRulesTimeZoneTests
{
    private static readonly ScheduleRulesOptions Madrid = ScheduleRulesOptions.For(SiteTime.FromId("Europe/Madrid", "test"));
    private static readonly ScheduleRulesOptions Chicago = ScheduleRulesOptions.For(SiteTime.FromId("America/Chicago", "test"));

    private static readonly ProcedureRoom Suite = new() { Id = Guid.NewGuid(), Name = "IR suite", Modalities = [GuidanceModality.Ultrasound] };

    [Theory]
    // Madrid, winter (UTC+1): 07:00 local is 06:00Z, 19:00 local is 18:00Z.
    [InlineData("Europe/Madrid", "2027-01-12T05:59:00Z", true)]
    [InlineData("Europe/Madrid", "2027-01-12T06:00:00Z", false)]
    [InlineData("Europe/Madrid", "2027-01-12T17:59:00Z", false)]
    [InlineData("Europe/Madrid", "2027-01-12T18:00:00Z", true)]
    // Madrid, summer (UTC+2): 07:00 local is 05:00Z, 19:00 local is 17:00Z.
    [InlineData("Europe/Madrid", "2027-07-13T04:59:00Z", true)]
    [InlineData("Europe/Madrid", "2027-07-13T05:00:00Z", false)]
    [InlineData("Europe/Madrid", "2027-07-13T16:59:00Z", false)]
    [InlineData("Europe/Madrid", "2027-07-13T17:00:00Z", true)]
    // Chicago, winter (UTC−6): 07:00 local is 13:00Z; 18:30 local is 00:30Z on the next UTC day and still in hours.
    [InlineData("America/Chicago", "2027-01-12T12:59:00Z", true)]
    [InlineData("America/Chicago", "2027-01-12T13:00:00Z", false)]
    [InlineData("America/Chicago", "2027-01-13T00:30:00Z", false)]
    [InlineData("America/Chicago", "2027-01-13T01:00:00Z", true)]
    // Chicago, summer (UTC−5).
    [InlineData("America/Chicago", "2027-07-13T11:59:00Z", true)]
    [InlineData("America/Chicago", "2027-07-13T12:00:00Z", false)]
    [InlineData("America/Chicago", "2027-07-13T23:59:00Z", false)]
    [InlineData("America/Chicago", "2027-07-14T00:00:00Z", true)]
    public void Check_SiteZone_HoursAreTheSitesWallClockHours(string zone, string startUtc, bool outside)
    {
        var options = zone == "Europe/Madrid" ? Madrid : Chicago;
        var start = DateTimeOffset.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture);
        var conflicts = ScheduleRules.Check(Booking(start, 30), Suite, Accepted(), [], [], null, options);
        Assert.Equal(outside, conflicts.Any(c => c.Code == ScheduleConflict.OutsideHours));
    }

    [Fact]
    public void Check_SiteZone_RandomStarts_OutsideHoursExactlyWhenTheWallClockSaysSo()
    {
        // Reference: Chicago's wall clock from the US rule written out (second Sunday of March 08:00Z to first Sunday of
        // November 07:00Z on CDT), compared with 07:00 ≤ t < 19:00.
        var random = new Random(99);
        for (var i = 0; i < 5000; i++)
        {
            var start = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 365 * 24 * 60));
            var summer = start >= new DateTimeOffset(2027, 3, 14, 8, 0, 0, TimeSpan.Zero) && start < new DateTimeOffset(2027, 11, 7, 7, 0, 0, TimeSpan.Zero);
            var wall = start.UtcDateTime.AddHours(summer ? -5 : -6).TimeOfDay;
            var expected = wall < TimeSpan.FromHours(7) || wall >= TimeSpan.FromHours(19);
            var conflicts = ScheduleRules.Check(Booking(start, 15), Suite, Accepted(), [], [], null, Chicago);
            Assert.True(expected == conflicts.Any(c => c.Code == ScheduleConflict.OutsideHours), $"{start:u} (wall {wall})");
        }
    }

    [Theory]
    [InlineData("Europe/Madrid", "2027-01-12", "2027-01-12T06:00:00Z")]
    [InlineData("Europe/Madrid", "2027-03-28", "2027-03-28T05:00:00Z")] // the clocks went forward at 01:00Z
    [InlineData("Europe/Madrid", "2027-10-31", "2027-10-31T06:00:00Z")] // and back at 01:00Z
    [InlineData("America/Chicago", "2027-01-12", "2027-01-12T13:00:00Z")]
    [InlineData("America/Chicago", "2027-03-14", "2027-03-14T12:00:00Z")]
    [InlineData("America/Chicago", "2027-11-07", "2027-11-07T13:00:00Z")]
    public void FirstFreeSlot_SiteZone_IsSevenOnTheSitesClock(string zone, string day, string expectedUtc)
    {
        var options = zone == "Europe/Madrid" ? Madrid : Chicago;
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var proposed = Booking(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), 60);
        var slot = ScheduleRules.FirstFreeSlot(proposed, Suite, Accepted(), date, [], [], null, options);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), slot);
        Assert.Equal(new TimeSpan(7, 0, 0), slot!.Value.TimeOfDay);
        Assert.Equal(options.OnSiteClock(slot.Value).Offset, slot.Value.Offset);
    }

    [Fact]
    public void FirstFreeSlot_ChicagoEvening_FindsTheHourAfterUtcMidnight()
    {
        // The room is taken 07:00–18:00 Chicago time (13:00Z–00:00Z); the free hour 18:00–19:00 is on the next UTC day.
        var day = new DateOnly(2027, 1, 12);
        var busy = Booking(new DateTimeOffset(2027, 1, 12, 13, 0, 0, TimeSpan.Zero), 11 * 60);
        var slot = ScheduleRules.FirstFreeSlot(Booking(busy.Start, 45), Suite, Accepted(), day, [busy], [], null, Chicago);
        Assert.Equal(new DateTimeOffset(2027, 1, 13, 0, 0, 0, TimeSpan.Zero), slot);
        Assert.Null(ScheduleRules.FirstFreeSlot(Booking(busy.Start, 45), Suite, Accepted(), day, [busy, Booking(slot!.Value, 60)], [], null, Chicago));
    }

    [Fact]
    public void Check_SiteZone_MessagesGiveTheSitesTimes()
    {
        // Another booking stored in UTC at 08:00Z is 09:00 in Madrid in January.
        var other = Booking(new DateTimeOffset(2027, 1, 12, 8, 0, 0, TimeSpan.Zero), 60);
        var proposed = Booking(new DateTimeOffset(2027, 1, 12, 8, 30, 0, TimeSpan.Zero), 30);
        var message = Assert.Single(ScheduleRules.Check(proposed, Suite, Accepted(), [other], [], null, Madrid), c => c.Code == ScheduleConflict.RoomDoubleBooked).Message;
        Assert.Contains("09:00–10:00", message, StringComparison.Ordinal);

        var past = ScheduleRules.Check(proposed, Suite, Accepted(), [], [], proposed.Start.AddHours(1), Madrid);
        Assert.Contains("2027-01-12 09:30", Assert.Single(past, c => c.Code == ScheduleConflict.StartInPast).Message, StringComparison.Ordinal);

        var late = ScheduleRules.Check(Booking(new DateTimeOffset(2027, 1, 12, 18, 15, 0, TimeSpan.Zero), 30), Suite, Accepted(), [], [], null, Madrid);
        Assert.Contains("19:15 is outside", Assert.Single(late, c => c.Code == ScheduleConflict.OutsideHours).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ZoneTakesPrecedenceOverOffset()
    {
        // A fixed +01:00 would read 05:30Z in July as 06:30, outside the hours; Madrid's summer clock reads 07:30.
        var options = Madrid with { SiteOffset = TimeSpan.FromHours(1) };
        Assert.DoesNotContain(
            ScheduleRules.Check(Booking(new DateTimeOffset(2027, 7, 13, 5, 30, 0, TimeSpan.Zero), 30), Suite, Accepted(), [], [], null, options),
            c => c.Code == ScheduleConflict.OutsideHours);
    }

    private static Appointment Booking(DateTimeOffset start, int minutes) => new()
    {
        Id = Guid.NewGuid(),
        RoomId = Suite.Id,
        PatientId = Guid.NewGuid(),
        Start = start,
        DurationMinutes = minutes,
    };

    private static Referral Accepted() => new()
    {
        Id = Guid.Empty,
        ReferringClinician = "dr.a",
        Reason = "r",
        Status = ReferralStatus.Accepted,
        ProcedureId = "picc",
        Guidance = GuidanceModality.Ultrasound,
    };
}
