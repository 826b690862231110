using System.Globalization;

namespace Seldinger.Clinical.Scheduling;

/// <summary>
/// The site's clock: converts stored instants (UTC) to the wall-clock time of the site's time zone and back, and
/// gives the site's local days. Clinicians read and type local times; instants stay UTC in storage and the API.
/// </summary>
/// <remarks>
/// A wall-clock time the site's clocks skip (the spring-forward gap, e.g. 02:30 on the last Sunday of March in
/// Europe/Madrid) names no instant: <see cref="Resolve"/> says so and forms refuse it. A wall-clock time the clocks
/// pass twice (the autumn overlap, e.g. 02:30 on the last Sunday of October in Europe/Madrid) is read as the earlier
/// of its two instants, the one still on summer time: a time typed during that hour is most often written shortly
/// after it happened, and the earlier reading never puts an event after the moment it was entered.
/// </remarks>
public sealed class SiteTime
{
    /// <summary>A site on UTC (the default when no zone is configured).</summary>
    public static SiteTime Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary>Creates the clock of <paramref name="zone"/>.</summary>
    public SiteTime(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    /// <summary>The site's time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The zone's identifier as configured (an IANA name such as Europe/Madrid, or UTC).</summary>
    public string Name => Zone.Id;

    /// <summary>Whether the site keeps UTC (no conversion at all).</summary>
    public bool IsUtc => Zone.Id == TimeZoneInfo.Utc.Id || (Zone.BaseUtcOffset == TimeSpan.Zero && !Zone.SupportsDaylightSavingTime);

    /// <summary>The clock of the zone with IANA (or Windows) identifier <paramref name="id"/>; UTC when empty.</summary>
    /// <exception cref="InvalidOperationException">The identifier is not a known time zone.</exception>
    public static SiteTime FromId(string? id, string settingName)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            ? new SiteTime(zone)
            : throw new InvalidOperationException(
                $"{settingName} '{id}' is not a known time zone; use an IANA name such as Europe/Madrid or America/Chicago (or leave it empty for UTC).");
    }

    /// <summary>The instant as the site's clocks show it (same instant, the site's offset then).</summary>
    public DateTimeOffset ToSite(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The site's wall-clock date and time of <paramref name="instant"/> (kind unspecified).</summary>
    public DateTime ToLocal(DateTimeOffset instant) => DateTime.SpecifyKind(ToSite(instant).DateTime, DateTimeKind.Unspecified);

    /// <summary>The site's calendar day of <paramref name="instant"/>.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>The site's wall-clock time of day of <paramref name="instant"/>.</summary>
    public TimeOnly TimeOf(DateTimeOffset instant) => TimeOnly.FromDateTime(ToLocal(instant));

    /// <summary>What a wall-clock time at the site means.</summary>
    /// <param name="local">The date and time as typed (its kind is ignored).</param>
    public LocalTimeResolution Resolve(DateTime local)
    {
        var t = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(t))
        {
            var after = FirstInstantAfter(t);
            return new LocalTimeResolution(LocalTimeKind.Skipped, after, ToLocal(after));
        }

        if (Zone.IsAmbiguousTime(t))
        {
            // The earlier instant is the one with the larger offset (still on summer time).
            var offset = Zone.GetAmbiguousTimeOffsets(t).Max();
            return new LocalTimeResolution(LocalTimeKind.Ambiguous, new DateTimeOffset(t, offset).ToUniversalTime(), t);
        }

        return new LocalTimeResolution(LocalTimeKind.Exact, new DateTimeOffset(t, Zone.GetUtcOffset(t)).ToUniversalTime(), t);
    }

    /// <summary>
    /// The instant (UTC) of a wall-clock time at the site: the earlier one in the autumn overlap; in the spring gap the
    /// instant the clocks jump (the first that exists after it), which is what a day's or an hour's boundary needs.
    /// Forms use <see cref="Resolve"/> instead and refuse a skipped time.
    /// </summary>
    public DateTimeOffset FromLocalLenient(DateTime local) => Resolve(local).Instant;

    /// <summary>The instant of a day's wall-clock time at the site (see <see cref="FromLocalLenient"/>).</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time) => FromLocalLenient(day.ToDateTime(time));

    /// <summary>The site's day <paramref name="day"/> as a half-open interval of instants (23, 24 or 25 hours long).</summary>
    public (DateTimeOffset From, DateTimeOffset To) DayBounds(DateOnly day) =>
        (At(day, TimeOnly.MinValue), At(day.AddDays(1), TimeOnly.MinValue));

    /// <summary>The UTC calendar days that the site's day <paramref name="day"/> touches (one or two), in order.</summary>
    public IReadOnlyList<DateOnly> UtcDaysOf(DateOnly day)
    {
        var (from, to) = DayBounds(day);
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime(to.AddTicks(-1).UtcDateTime);
        var days = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            days.Add(d);
        }

        return days;
    }

    /// <summary>The site's offset from UTC at <paramref name="instant"/>, written "+01:00".</summary>
    public string OffsetText(DateTimeOffset instant)
    {
        var offset = Zone.GetUtcOffset(instant);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    // The first instant whose wall-clock time is later than the skipped time t: the moment the clocks jump. Within two
    // days around t the site's wall clock only moves forward (a gap at t and an overlap that close do not occur), so
    // "wall clock later than t" is monotone in the instant and a bisection finds its first instant to the tick.
    private DateTimeOffset FirstInstantAfter(DateTime t)
    {
        var lo = new DateTimeOffset(t.AddDays(-1), TimeSpan.Zero).UtcTicks;
        var hi = new DateTimeOffset(t.AddDays(1), TimeSpan.Zero).UtcTicks;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (ToLocal(new DateTimeOffset(mid, TimeSpan.Zero)) > t)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return new DateTimeOffset(hi, TimeSpan.Zero);
    }
}

/// <summary>How a wall-clock time maps onto the site's instants.</summary>
public enum LocalTimeKind
{
    /// <summary>Exactly one instant.</summary>
    Exact,

    /// <summary>Two instants (the autumn overlap); the earlier is taken.</summary>
    Ambiguous,

    /// <summary>No instant: the clocks skip it (the spring gap).</summary>
    Skipped,
}

/// <summary>A wall-clock time at the site resolved to an instant.</summary>
/// <param name="Kind">Exact, ambiguous (earlier instant taken) or skipped.</param>
/// <param name="Instant">The instant (UTC); for a skipped time, the instant the clocks jump.</param>
/// <param name="Local">The wall-clock time of <paramref name="Instant"/>; for a skipped time, the first wall-clock time after the gap.</param>
public readonly record struct LocalTimeResolution(LocalTimeKind Kind, DateTimeOffset Instant, DateTime Local);
