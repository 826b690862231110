using Seldinger.Clinical.Scheduling;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The demo week is seen from Thursday 13:00 on the site's clock: the seeder picks the latest Monday whose Thursday
/// 13:00 there has passed. On Thursday 3 December 2026 at 12:30Z, 13:00 has passed in Madrid (CET, 12:00Z) but not in
/// UTC nor in Chicago (CST, 19:00Z).
/// </summary>
public class DemoSeederSiteDayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Europe/Madrid", "2026-11-30")]
    [InlineData("America/Chicago", "2026-11-23")]
    [InlineData("", "2026-11-23")]
    public void LatestDemoMonday_ThursdayOnTheSiteClock(string zone, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), ClinicalDemoSeeder.LatestDemoMonday(Now, SiteTime.FromId(zone, "zone")));
}
