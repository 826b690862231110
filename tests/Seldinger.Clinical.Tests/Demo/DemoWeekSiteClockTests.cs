using Seldinger.Clinical.Demo;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Demo;

/// <summary>
/// The demo week on a site's clock: under Europe/Madrid it is the same week as on UTC, at the same wall-clock hours
/// (anaesthesia lists 08:00–17:30, bookings from 07:00, seen from Thursday 13:00), so each stored instant is an hour
/// earlier in winter (CET, UTC+1).
/// </summary>
public class DemoWeekSiteClockTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly SiteTime Madrid = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"));
    private static readonly DemoWeekData Utc = DemoWeek.Generate(Monday, 42, ProcedureCatalogue.Default);
    private static readonly DemoWeekData Local = DemoWeek.Generate(Monday, 42, ProcedureCatalogue.Default, Madrid);

    [Fact]
    public void Madrid_SessionsAndNow_AtTheLocalHours()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero), Local.Now);
        Assert.Equal(5, Local.AnaesthesiaSessions.Count);
        for (var d = 0; d < 5; d++)
        {
            var session = Local.AnaesthesiaSessions[d];
            Assert.Equal(new DateTimeOffset(Monday.AddDays(d).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero), session.Start);
            Assert.Equal(new TimeOnly(8, 0), Madrid.TimeOf(session.Start));
            Assert.Equal(new TimeOnly(17, 30), Madrid.TimeOf(session.End));
        }
    }

    [Fact]
    public void Madrid_Bookings_AtTheSameWallClockTimesAsTheUtcWeek()
    {
        var utc = Utc.Episodes.Select(e => e.Appointment?.Start).ToList();
        var local = Local.Episodes.Select(e => e.Appointment?.Start).ToList();
        Assert.Equal(utc.Count, local.Count);
        Assert.True(utc.Count(s => s is not null) >= 23);
        for (var i = 0; i < utc.Count; i++)
        {
            Assert.Equal(utc[i] is null, local[i] is null);
            if (utc[i] is { } u)
            {
                // Same wall-clock time; the instant is an hour earlier and kept in UTC.
                Assert.Equal(u.UtcDateTime, Madrid.ToLocal(local[i]!.Value));
                Assert.Equal(u.AddHours(-1), local[i]!.Value);
                Assert.Equal(TimeSpan.Zero, local[i]!.Value.Offset);
            }
        }
    }

    [Fact]
    public void Madrid_Bookings_WithinTheSiteHoursAndWithoutClashesOnTheSiteClock()
    {
        var hours = ScheduleRulesOptions.For(Madrid);
        foreach (var e in Local.Episodes.Where(e => e.Appointment is not null))
        {
            var start = Madrid.ToLocal(e.Appointment!.Start);
            Assert.InRange(DateOnly.FromDateTime(start), Monday, Monday.AddDays(4));
            Assert.InRange(TimeOnly.FromDateTime(start), new TimeOnly(7, 0), new TimeOnly(18, 59));
            Assert.DoesNotContain(ScheduleRules.Check(e.Appointment!, e.Room!, e.Referral, Local.Appointments, Local.AnaesthesiaSessions, null, hours),
                c => c.Code is ScheduleConflict.OutsideHours or ScheduleConflict.RoomDoubleBooked or ScheduleConflict.PatientDoubleBooked
                    or ScheduleConflict.NoAnaesthesiaSession or ScheduleConflict.AnaesthesiaTeamsExhausted);
        }
    }

    [Fact]
    public void NoSite_SameAsUtc()
    {
        var explicitUtc = DemoWeek.Generate(Monday, 42, ProcedureCatalogue.Default, SiteTime.Utc);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(Utc), System.Text.Json.JsonSerializer.Serialize(explicitUtc));
    }
}
