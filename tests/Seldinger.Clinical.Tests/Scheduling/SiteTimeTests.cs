using Seldinger.Clinical.Scheduling;

namespace Seldinger.Clinical.Tests.Scheduling;

/// <summary>
/// The site clock against the daylight-saving rules written out by hand: the European Union's (summer time from 01:00
/// UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, Directive 2000/84/EC; Spain on CET,
/// UTC+1) and the United States' since 2007 (02:00 local on the second Sunday of March to 02:00 local on the first
/// Sunday of November, Energy Policy Act of 2005; Chicago on CST, UTC−6).
/// </summary>
public class SiteTimeTests
{
    private static readonly SiteTime Madrid = SiteTime.FromId("Europe/Madrid", "test");
    private static readonly SiteTime Chicago = SiteTime.FromId("America/Chicago", "test");

    public static TheoryData<string> Zones => new() { "Europe/Madrid", "America/Chicago" };

    [Theory]
    [MemberData(nameof(Zones))]
    public void ToLocal_RandomInstants_MatchTheHandWrittenRules(string zone)
    {
        var site = SiteTime.FromId(zone, "test");
        var random = new Random(20260329);
        for (var i = 0; i < 20000; i++)
        {
            var instant = RandomInstant(random);
            var expected = instant.UtcDateTime + ReferenceOffset(zone, instant);
            Assert.Equal(expected, site.ToLocal(instant));
            Assert.Equal(DateOnly.FromDateTime(expected), site.DayOf(instant));
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Resolve_RandomInstants_RoundTripToTheEarliestInstantOfTheirWallClockTime(string zone)
    {
        var site = SiteTime.FromId(zone, "test");
        var random = new Random(20261025);
        var ambiguousSeen = 0;
        for (var i = 0; i < 20000; i++)
        {
            // Every fifth instant lies within two hours of a change, so the overlap is hit often.
            var instant = i % 5 == 0 ? NearChange(zone, random) : RandomInstant(random);
            var local = site.ToLocal(instant);
            var resolved = site.Resolve(local);

            // The reference: every instant whose wall-clock time is `local`, under either of the zone's offsets.
            var matches = ReferenceOffsets(zone)
                .Select(o => (Offset: o, Instant: new DateTimeOffset(DateTime.SpecifyKind(local - o, DateTimeKind.Utc))))
                .Where(c => ReferenceOffset(zone, c.Instant) == c.Offset)
                .Select(c => c.Instant)
                .Distinct()
                .OrderBy(j => j)
                .ToList();
            Assert.Contains(instant, matches);
            Assert.Equal(matches.Count == 2 ? LocalTimeKind.Ambiguous : LocalTimeKind.Exact, resolved.Kind);
            Assert.Equal(matches[0], resolved.Instant);
            Assert.Equal(TimeSpan.Zero, resolved.Instant.Offset);
            Assert.Equal(local, resolved.Local);
            ambiguousSeen += matches.Count == 2 ? 1 : 0;
        }

        Assert.True(ambiguousSeen > 100, $"only {ambiguousSeen} instants fell in an autumn overlap");
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Resolve_RandomTimesInTheSpringGap_AreSkippedAndPointAtTheChange(string zone)
    {
        var site = SiteTime.FromId(zone, "test");
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var year = random.Next(2008, 2037);
            var change = ReferenceSummerStart(zone, year);
            var gapStart = change.UtcDateTime + ReferenceStandardOffset(zone);
            var typed = gapStart.AddMinutes(random.Next(0, 60));
            var resolved = site.Resolve(typed);
            Assert.Equal(LocalTimeKind.Skipped, resolved.Kind);
            Assert.Equal(change, resolved.Instant);
            Assert.Equal(gapStart.AddHours(1), resolved.Local);
        }
    }

    [Fact]
    public void Resolve_Madrid2026_GapAndOverlap()
    {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
        var gap = Madrid.Resolve(new DateTime(2026, 3, 29, 2, 30, 0));
        Assert.Equal(LocalTimeKind.Skipped, gap.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), gap.Instant);
        Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), gap.Local);
        Assert.Equal(LocalTimeKind.Exact, Madrid.Resolve(new DateTime(2026, 3, 29, 1, 59, 0)).Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), Madrid.Resolve(new DateTime(2026, 3, 29, 3, 0, 0)).Instant);

        // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC; 02:30 happens twice, the earlier at 00:30 UTC.
        var overlap = Madrid.Resolve(new DateTime(2026, 10, 25, 2, 30, 0));
        Assert.Equal(LocalTimeKind.Ambiguous, overlap.Kind);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), overlap.Instant);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero), Madrid.Resolve(new DateTime(2026, 10, 25, 3, 0, 0)).Instant);
    }

    [Fact]
    public void Resolve_Chicago2026_GapAndOverlap()
    {
        // 8 March 2026: 02:00 CST becomes 03:00 CDT at 08:00 UTC.
        var gap = Chicago.Resolve(new DateTime(2026, 3, 8, 2, 15, 0));
        Assert.Equal(LocalTimeKind.Skipped, gap.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 8, 0, 0, TimeSpan.Zero), gap.Instant);
        Assert.Equal(new DateTime(2026, 3, 8, 3, 0, 0), gap.Local);

        // 1 November 2026: 02:00 CDT becomes 01:00 CST at 07:00 UTC; 01:30 happens twice, the earlier at 06:30 UTC.
        var overlap = Chicago.Resolve(new DateTime(2026, 11, 1, 1, 30, 0));
        Assert.Equal(LocalTimeKind.Ambiguous, overlap.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero), overlap.Instant);
        Assert.Equal(LocalTimeKind.Exact, Chicago.Resolve(new DateTime(2026, 11, 1, 0, 59, 0)).Kind);
    }

    [Theory]
    [InlineData("Europe/Madrid", 2026, 3, 29, 23)]
    [InlineData("Europe/Madrid", 2026, 10, 25, 25)]
    [InlineData("Europe/Madrid", 2026, 1, 15, 24)]
    [InlineData("America/Chicago", 2026, 3, 8, 23)]
    [InlineData("America/Chicago", 2026, 11, 1, 25)]
    [InlineData("America/Chicago", 2026, 7, 1, 24)]
    [InlineData("UTC", 2026, 3, 29, 24)]
    public void DayBounds_ChangeDays_HaveTheirLength(string zone, int year, int month, int day, int hours)
    {
        var site = SiteTime.FromId(zone, "test");
        var date = new DateOnly(year, month, day);
        var (from, to) = site.DayBounds(date);
        Assert.Equal(TimeSpan.FromHours(hours), to - from);
        Assert.Equal(date, site.DayOf(from));
        Assert.Equal(date.AddDays(-1), site.DayOf(from.AddTicks(-1)));
        Assert.Equal(date, site.DayOf(to.AddTicks(-1)));
        Assert.Equal(date.AddDays(1), site.DayOf(to));
    }

    [Fact]
    public void UtcDaysOf_MadridAndChicago_TouchTwoUtcDays_UtcOne()
    {
        var day = new DateOnly(2026, 1, 15);
        Assert.Equal([day.AddDays(-1), day], Madrid.UtcDaysOf(day));
        Assert.Equal([day, day.AddDays(1)], Chicago.UtcDaysOf(day));
        Assert.Equal([day], SiteTime.Utc.UtcDaysOf(day));
    }

    [Fact]
    public void FromId_EmptyIsUtc_UnknownIsRefusedNamingTheSetting()
    {
        Assert.Same(SiteTime.Utc, SiteTime.FromId("", "Seldinger:Service:TimeZone"));
        Assert.Same(SiteTime.Utc, SiteTime.FromId(null, "Seldinger:Service:TimeZone"));
        Assert.True(SiteTime.Utc.IsUtc);
        Assert.False(Madrid.IsUtc);
        Assert.Equal("Europe/Madrid", Madrid.Name);
        var ex = Assert.Throws<InvalidOperationException>(() => SiteTime.FromId("Europe/Madird", "Seldinger:Service:TimeZone"));
        Assert.Contains("Seldinger:Service:TimeZone", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Madird", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsetText_WinterAndSummer()
    {
        Assert.Equal("+01:00", Madrid.OffsetText(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("+02:00", Madrid.OffsetText(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("-06:00", Chicago.OffsetText(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    // ---- the reference rules ----

    private static DateTimeOffset RandomInstant(Random random)
    {
        var from = new DateTimeOffset(2008, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var to = new DateTimeOffset(2036, 12, 31, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var minutes = (to - from) / TimeSpan.TicksPerMinute;
        return new DateTimeOffset(from + (random.NextInt64(minutes) * TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    private static DateTimeOffset NearChange(string zone, Random random)
    {
        var year = random.Next(2008, 2037);
        var change = random.Next(2) == 0 ? ReferenceSummerStart(zone, year) : ReferenceSummerEnd(zone, year);
        return change.AddMinutes(random.Next(-120, 120));
    }

    private static TimeSpan ReferenceStandardOffset(string zone) => zone == "Europe/Madrid" ? TimeSpan.FromHours(1) : TimeSpan.FromHours(-6);

    private static TimeSpan[] ReferenceOffsets(string zone) => [ReferenceStandardOffset(zone), ReferenceStandardOffset(zone) + TimeSpan.FromHours(1)];

    private static TimeSpan ReferenceOffset(string zone, DateTimeOffset instant)
    {
        var year = instant.UtcDateTime.Year;
        var summer = instant >= ReferenceSummerStart(zone, year) && instant < ReferenceSummerEnd(zone, year);
        return ReferenceStandardOffset(zone) + (summer ? TimeSpan.FromHours(1) : TimeSpan.Zero);
    }

    private static DateTimeOffset ReferenceSummerStart(string zone, int year) => zone == "Europe/Madrid"
        ? Utc(LastSunday(year, 3), 1)
        : Utc(NthSunday(year, 3, 2), 2 + 6);

    private static DateTimeOffset ReferenceSummerEnd(string zone, int year) => zone == "Europe/Madrid"
        ? Utc(LastSunday(year, 10), 1)
        : Utc(NthSunday(year, 11, 1), 2 + 5);

    private static DateTimeOffset Utc(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    private static DateOnly LastSunday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Sunday)
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    private static DateOnly NthSunday(int year, int month, int n)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Sunday)
        {
            d = d.AddDays(1);
        }

        return d.AddDays(7 * (n - 1));
    }
}
