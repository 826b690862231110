namespace Seldinger.Clinical.Scheduling;

/// <summary>Site settings of the booking rules.</summary>
public sealed record ScheduleRulesOptions
{
    /// <summary>The default: bookings may start from 07:00 up to (not including) 19:00 local time.</summary>
    public static ScheduleRulesOptions Default { get; } = new();

    /// <summary>Earliest start, local time of the booking's offset.</summary>
    public TimeOnly DayStart { get; init; } = new(7, 0);

    /// <summary>Starts at or after this local time are refused.</summary>
    public TimeOnly DayEnd { get; init; } = new(19, 0);

    /// <summary>
    /// The site's offset from UTC for reading the hours; null reads each booking on its own offset's clock
    /// (a store that keeps times in UTC then means UTC hours).
    /// </summary>
    public TimeSpan? SiteOffset { get; init; }
}
