using Seldinger.Clinical.Referrals;
using Seldinger.Planning;

namespace Seldinger.Clinical.Scheduling;

/// <summary>
/// The booking rules: what makes a proposed appointment impossible (room or child double booked, the
/// wrong room, no anaesthesia team, a referral not ready, outside hours or in the past), and the first
/// start in a day where none of them applies.
/// </summary>
/// <remarks>
/// A booking holds its room from <see cref="Appointment.Start"/> for <see cref="Appointment.DurationMinutes"/>,
/// which already includes turnover (<see cref="ProcedureDurations.MinutesFor"/>), so two bookings conflict when
/// their half-open intervals overlap: one may start the minute the other ends. Cancelled and no-show
/// bookings never conflict. Direct vision needs no imaging, so any room offers it.
/// </remarks>
public static class ScheduleRules
{
    private const int MaxDurationMinutes = 24 * 60;

    /// <summary>Every reason <paramref name="proposed"/> cannot be booked; empty when it can.</summary>
    /// <param name="proposed">The booking (start, duration, room, child, anaesthesia). When it is a move of an existing booking, keep its id: that booking is ignored.</param>
    /// <param name="room">The room of <paramref name="proposed"/>.</param>
    /// <param name="referral">The referral booked.</param>
    /// <param name="sameDay">The other bookings of that day (all rooms, all children).</param>
    /// <param name="sessions">The anaesthesia sessions of that day.</param>
    /// <param name="now">The time of booking; a start before it is refused. When null the check is skipped.</param>
    /// <param name="options">Bookable hours; <see cref="ScheduleRulesOptions.Default"/> when null.</param>
    /// <exception cref="ClinicalValidationException">The booking itself is malformed (duration, room or referral mismatch).</exception>
    public static IReadOnlyList<ScheduleConflict> Check(
        Appointment proposed,
        ProcedureRoom room,
        Referral referral,
        IEnumerable<Appointment> sameDay,
        IEnumerable<AnaesthesiaSession> sessions,
        DateTimeOffset? now = null,
        ScheduleRulesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(sameDay);
        ArgumentNullException.ThrowIfNull(sessions);
        options ??= ScheduleRulesOptions.Default;
        ValidateShape(proposed, room, referral);

        var conflicts = new List<ScheduleConflict>();
        var others = Blocking(sameDay, proposed.Id);
        if (!room.Active)
        {
            conflicts.Add(new(ScheduleConflict.RoomInactive, $"{room.Name} does not take bookings."));
        }

        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Scheduled))
        {
            conflicts.Add(new(ScheduleConflict.ReferralNotBookable, $"Only an accepted or scheduled referral can be booked; this one is {referral.Status}."));
        }

        if (referral.Guidance is { } guidance && guidance != GuidanceModality.DirectVision && !room.Modalities.Contains(guidance))
        {
            conflicts.Add(new(ScheduleConflict.RoomLacksGuidance, $"{room.Name} has no {guidance} ({string.Join(", ", room.Modalities)} only)."));
        }

        var local = TimeOnly.FromTimeSpan(options.OnSiteClock(proposed.Start).TimeOfDay);
        if (local < options.DayStart || local >= options.DayEnd)
        {
            conflicts.Add(new(ScheduleConflict.OutsideHours, $"Bookings start between {options.DayStart:HH\\:mm} and {options.DayEnd:HH\\:mm}; {local:HH\\:mm} is outside."));
        }

        if (now is { } bookedAt && proposed.Start < bookedAt)
        {
            conflicts.Add(new(ScheduleConflict.StartInPast, $"The start {options.OnSiteClock(proposed.Start):yyyy-MM-dd HH:mm} is in the past."));
        }

        foreach (var other in others.Where(o => o.RoomId == room.Id && Overlaps(o, proposed)))
        {
            conflicts.Add(new(ScheduleConflict.RoomDoubleBooked, $"{room.Name} is booked {Clock(other.Start, options)}–{Clock(other.End, options)}."));
        }

        foreach (var other in others.Where(o => proposed.PatientId != Guid.Empty && o.PatientId == proposed.PatientId && Overlaps(o, proposed)))
        {
            conflicts.Add(new(ScheduleConflict.PatientDoubleBooked, $"The child has another booking {Clock(other.Start, options)}–{Clock(other.End, options)}."));
        }

        if (!proposed.WithAnaesthesia && referral.PlannedSedation == Preparation.SedationLevel.GeneralAnaesthesia)
        {
            conflicts.Add(new(ScheduleConflict.AnaesthesiaNotBooked, "Triage planned general anaesthesia; book an anaesthesia team."));
        }

        if (proposed.WithAnaesthesia)
        {
            CheckAnaesthesia(proposed, room, others, sessions, conflicts, options);
        }

        return conflicts;
    }

    /// <summary>
    /// The earliest start on <paramref name="day"/> (the site's day in <see cref="ScheduleRulesOptions.TimeZone"/>, else
    /// local to <see cref="ScheduleRulesOptions.SiteOffset"/>, else to the offset of <paramref name="proposed"/>'s start) at which <see cref="Check"/> finds no conflict for a booking like <paramref name="proposed"/>
    /// (same room, child, duration and anaesthesia), or null when there is none that day.
    /// </summary>
    /// <exception cref="ClinicalValidationException">The booking itself is malformed.</exception>
    public static DateTimeOffset? FirstFreeSlot(
        Appointment proposed,
        ProcedureRoom room,
        Referral referral,
        DateOnly day,
        IEnumerable<Appointment> sameDay,
        IEnumerable<AnaesthesiaSession> sessions,
        DateTimeOffset? now = null,
        ScheduleRulesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(sameDay);
        ArgumentNullException.ThrowIfNull(sessions);
        options ??= ScheduleRulesOptions.Default;
        DateTimeOffset dayStart, dayEnd;
        Func<DateTimeOffset, DateTimeOffset> onClock;
        if (options.TimeZone is { } zone)
        {
            // The site's day with its own offsets: on the day the clocks change, the hours still mean wall-clock hours.
            var site = new SiteTime(zone);
            dayStart = site.At(day, options.DayStart);
            dayEnd = site.At(day, options.DayEnd);
            onClock = site.ToSite;
        }
        else
        {
            var offset = options.SiteOffset ?? proposed.Start.Offset;
            dayStart = new DateTimeOffset(day.ToDateTime(options.DayStart), offset);
            dayEnd = new DateTimeOffset(day.ToDateTime(options.DayEnd), offset);
            onClock = t => t.ToOffset(offset);
        }

        var others = Blocking(sameDay, proposed.Id);
        var sessionList = sessions.ToList();

        // The feasible starts form intervals whose left ends are the day start, the booking time, the end of
        // another booking or the start of a session; trying those in order finds the earliest.
        var candidates = new SortedSet<DateTimeOffset> { dayStart };
        if (now is { } n)
        {
            candidates.Add(n);
        }

        foreach (var o in others)
        {
            candidates.Add(o.End);
        }

        foreach (var s in sessionList)
        {
            candidates.Add(s.Start);
        }

        foreach (var start in candidates.Where(c => c >= dayStart && c < dayEnd && (now is null || c >= now)))
        {
            var trial = Copy(proposed, onClock(start));
            if (Check(trial, room, referral, others, sessionList, now, options).Count == 0)
            {
                return trial.Start;
            }
        }

        return null;
    }

    // A time of day as the site reads it, for the messages.
    private static string Clock(DateTimeOffset at, ScheduleRulesOptions options) =>
        options.OnSiteClock(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether two bookings hold time in common (half-open: back-to-back is no overlap).</summary>
    public static bool Overlaps(Appointment a, Appointment b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Start < b.End && b.Start < a.End;
    }

    /// <summary>Whether a booking in <paramref name="status"/> holds its room and child (cancelled and no-show do not).</summary>
    public static bool Blocks(AppointmentStatus status) => status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);

    private static List<Appointment> Blocking(IEnumerable<Appointment> sameDay, Guid self) =>
        [.. sameDay.Where(a => a is not null && Blocks(a.Status) && (self == Guid.Empty || a.Id != self))];

    private static void CheckAnaesthesia(
        Appointment proposed, ProcedureRoom room, List<Appointment> others, IEnumerable<AnaesthesiaSession> sessions, List<ScheduleConflict> conflicts, ScheduleRulesOptions options)
    {
        if (!room.AnaesthesiaCapable)
        {
            conflicts.Add(new(ScheduleConflict.RoomNotAnaesthesiaCapable, $"{room.Name} cannot host general anaesthesia."));
        }

        var teams = sessions.Where(s => s.Start <= proposed.Start && proposed.End <= s.End).Sum(s => Math.Max(s.Teams, 0));
        if (teams == 0)
        {
            conflicts.Add(new(ScheduleConflict.NoAnaesthesiaSession, $"No anaesthesia session covers {Clock(proposed.Start, options)}–{Clock(proposed.End, options)}."));
            return;
        }

        var busy = MaxConcurrent(others.Where(o => o.WithAnaesthesia && Overlaps(o, proposed)), proposed.Start, proposed.End);
        if (busy >= teams)
        {
            conflicts.Add(new(ScheduleConflict.AnaesthesiaTeamsExhausted, $"All {teams} anaesthesia team(s) are busy during {Clock(proposed.Start, options)}–{Clock(proposed.End, options)}."));
        }
    }

    // The most bookings running at one instant inside [from, to).
    private static int MaxConcurrent(IEnumerable<Appointment> bookings, DateTimeOffset from, DateTimeOffset to)
    {
        var events = new List<(DateTimeOffset At, int Delta)>();
        foreach (var b in bookings)
        {
            events.Add((b.Start > from ? b.Start : from, +1));
            events.Add((b.End < to ? b.End : to, -1));
        }

        // Ends sort before starts at the same instant: back-to-back bookings do not run together.
        events.Sort((x, y) => x.At != y.At ? x.At.CompareTo(y.At) : x.Delta.CompareTo(y.Delta));
        int current = 0, max = 0;
        foreach (var (_, delta) in events)
        {
            current += delta;
            max = Math.Max(max, current);
        }

        return max;
    }

    private static void ValidateShape(Appointment proposed, ProcedureRoom room, Referral referral)
    {
        if (proposed.DurationMinutes is <= 0 or > MaxDurationMinutes)
        {
            throw new ClinicalValidationException("durationMinutes", $"The duration must be 1–{MaxDurationMinutes} minutes; {proposed.DurationMinutes} was given.");
        }

        if (proposed.RoomId != Guid.Empty && proposed.RoomId != room.Id)
        {
            throw new ClinicalValidationException("roomId", "The booking names a different room from the one checked.");
        }

        if (proposed.ReferralId != Guid.Empty && referral.Id != Guid.Empty && proposed.ReferralId != referral.Id)
        {
            throw new ClinicalValidationException("referralId", "The booking names a different referral from the one checked.");
        }
    }

    private static Appointment Copy(Appointment a, DateTimeOffset start) => new()
    {
        Id = a.Id,
        ReferralId = a.ReferralId,
        PatientId = a.PatientId,
        RoomId = a.RoomId,
        Start = start,
        DurationMinutes = a.DurationMinutes,
        WithAnaesthesia = a.WithAnaesthesia,
        Status = a.Status,
        BookedBy = a.BookedBy,
        Version = a.Version,
    };
}
