using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Quality;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Clinical.Tests.Quality;

/// <summary>
/// The quality figures by the site's day. Times are stored in UTC; Madrid is UTC+1 in March 2026 (summer time starts on
/// the 29th) and UTC+2 in July, Chicago UTC−6 in January. A procedure counts on the day the site's clocks showed.
/// </summary>
public class QualityMetricsSiteDayTests
{
    private static readonly SiteTime Madrid = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"));
    private static readonly SiteTime Chicago = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    [Fact]
    public void Madrid_LateEveningProcedure_CountsOnItsLocalDay()
    {
        // 23:30 on Tuesday 3 March in Madrid is 22:30Z, the same date in UTC: it counts on the 3rd either way.
        var late = Episode(Utc(2026, 3, 3, 22, 30), Utc(2026, 3, 1, 9, 0));

        Assert.Equal(1, QualityMetrics.Compute([late], new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3), Madrid).Procedures);
        Assert.Equal(0, QualityMetrics.Compute([late], new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4), Madrid).Procedures);
    }

    [Fact]
    public void Madrid_ProcedureAfterLocalMidnight_CountsOnTheLocalDayNotTheUtcDay()
    {
        // 00:30 on Wednesday 4 March in Madrid is 23:30Z on Tuesday 3 March.
        var early = Episode(Utc(2026, 3, 3, 23, 30), Utc(2026, 3, 1, 9, 0));

        Assert.Equal(1, QualityMetrics.Compute([early], new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4), Madrid).Procedures);
        Assert.Equal(0, QualityMetrics.Compute([early], new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3), Madrid).Procedures);

        // Without a site the UTC date is kept.
        Assert.Equal(1, QualityMetrics.Compute([early], new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3)).Procedures);
    }

    [Fact]
    public void Madrid_Summer_DailyCountsFollowTheLocalDays()
    {
        // CEST: 00:15 and 01:45 on Thursday 16 July are 22:15Z and 23:45Z on Wednesday; 23:30 on the Thursday is 21:30Z.
        var episodes = new[]
        {
            Episode(Utc(2026, 7, 15, 22, 15), Utc(2026, 7, 1, 9, 0)),
            Episode(Utc(2026, 7, 15, 23, 45), Utc(2026, 7, 1, 9, 0)),
            Episode(Utc(2026, 7, 16, 21, 30), Utc(2026, 7, 1, 9, 0)),
            Episode(Utc(2026, 7, 16, 22, 30), Utc(2026, 7, 1, 9, 0)),
        };

        int Day(int day, SiteTime? site) => QualityMetrics.Compute(episodes, new DateOnly(2026, 7, day), new DateOnly(2026, 7, day), site).Procedures;

        Assert.Equal((0, 3, 1), (Day(15, Madrid), Day(16, Madrid), Day(17, Madrid)));
        Assert.Equal((2, 2, 0), (Day(15, null), Day(16, null), Day(17, null)));
    }

    [Fact]
    public void Chicago_EveningProcedure_InItsLocalWeek_AndDaysFromReferralOnLocalDays()
    {
        // Sunday 11 January 2026, 19:00 in Chicago (CST) is 01:00Z on Monday 12 January: the local week is the one of
        // Monday 5 January. Referred Saturday 10 January at 20:00 local (02:00Z Sunday): one local day before.
        var sunday = Episode(Utc(2026, 1, 12, 1, 0), Utc(2026, 1, 11, 2, 0), DischargeDisposition.SameDayHome);

        var local = QualityMetrics.Compute([sunday], new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 18), Chicago);
        Assert.Equal([new DateOnly(2026, 1, 5)], local.SameDayDischargeByWeek.Keys);
        Assert.Equal([1], local.DaysReferralToProcedureValues);

        var utc = QualityMetrics.Compute([sunday], new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 18));
        Assert.Equal([new DateOnly(2026, 1, 12)], utc.SameDayDischargeByWeek.Keys);
    }

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static Episode Episode(DateTimeOffset started, DateTimeOffset submitted, DischargeDisposition? discharge = null) => new()
    {
        Patient = new Patient { MedicalRecordNumber = "1", FamilyName = "F", GivenName = "G" },
        Referral = new Referral { Id = Guid.NewGuid(), ReferringClinician = "dr.a", Reason = "r", SubmittedAt = submitted },
        Procedure = new ProcedureRecord { ProcedureId = "picc", StartedAt = started },
        Discharge = discharge is { } d ? new DischargeRecord { Disposition = d } : null,
    };
}
