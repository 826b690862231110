namespace Seldinger.Clinical.Scheduling;

/// <summary>Site settings of the booking rules.</summary>
public sealed record ScheduleRulesOptions
{
    /// <summary>The default: bookings may start from 07:00 up to (not including) 19:00 local time.</summary>
    public static ScheduleRulesOptions Default { get; } = new();

    /// <summary>Earliest start, the site's local time (see <see cref="TimeZone"/>).</summary>
    public TimeOnly DayStart { get; init; } = new(7, 0);

    /// <summary>Starts at or after this local time are refused.</summary>
    public TimeOnly DayEnd { get; init; } = new(19, 0);

    /// <summary>
    /// The site's offset from UTC for reading the hours; null reads each booking on its own offset's clock
    /// (a store that keeps times in UTC then means UTC hours).
    /// </summary>
    public TimeSpan? SiteOffset { get; init; }

    /// <summary>
    /// The site's time zone for reading the hours and the day, with its daylight-saving changes; when set it takes
    /// precedence over <see cref="SiteOffset"/>. Null keeps the offset behaviour.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>The options for a site on <paramref name="site"/>'s clock with the default hours.</summary>
    public static ScheduleRulesOptions For(SiteTime site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new ScheduleRulesOptions { TimeZone = site.Zone };
    }

    /// <summary>An instant on the site's clock: in <see cref="TimeZone"/>, else at <see cref="SiteOffset"/>, else unchanged.</summary>
    public DateTimeOffset OnSiteClock(DateTimeOffset instant) =>
        TimeZone is { } zone ? TimeZoneInfo.ConvertTime(instant, zone)
        : SiteOffset is { } offset ? instant.ToOffset(offset)
        : instant;
}
