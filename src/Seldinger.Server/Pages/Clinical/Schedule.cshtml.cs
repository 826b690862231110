using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Pages.Clinical.Internal;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical;

/// <summary>
/// The day view: rooms as columns with their bookings, a booking form that shows the clashes, and a room's worklist.
/// The day, the hours and every time shown or typed are the site's (<see cref="SiteTime"/>), not UTC.
/// </summary>
[Authorize(Policy = nameof(StaffAction.ReadSchedule))]
public sealed class ScheduleModel(SchedulingService scheduling, ReferralService referrals, CurrentUser user, SiteTime site, TimeProvider time) : PageModel
{
    /// <summary>The first hour drawn in the day view (the site's clock).</summary>
    public const int FirstHour = 7;

    /// <summary>The hour the day view ends (the site's clock).</summary>
    public const int LastHour = 19;

    /// <summary>The day shown (the site's day) with the bookings that start on it.</summary>
    public ScheduleDayDto Day { get; private set; } = null!;

    /// <summary>Accepted referrals waiting for a booking (for users who book).</summary>
    public IReadOnlyList<ReferralDto> ToBook { get; private set; } = [];

    /// <summary>The referral preselected in the booking form.</summary>
    public Guid? Referral { get; private set; }

    /// <summary>The room whose worklist is shown, if any.</summary>
    public Guid? Room { get; private set; }

    /// <summary>The room's worklist.</summary>
    public IReadOnlyList<ScheduleSlotDto> Worklist { get; private set; } = [];

    /// <summary>The anaesthesia sessions that overlap the day, by start.</summary>
    public IReadOnlyList<AnaesthesiaSession> Sessions { get; private set; } = [];

    /// <summary>Whether the user may book.</summary>
    public bool CanBook => user.Can(StaffAction.ManageSchedule);

    /// <summary>Loads the day (the site's today when no date is given).</summary>
    public async Task OnGetAsync(DateOnly? date, Guid? referral, Guid? room, CancellationToken ct)
    {
        var day = date ?? site.Today(time);
        Day = await scheduling.DayAsync(day, ct);
        Sessions = await scheduling.SessionsAsync(day, ct);
        Referral = referral;
        Room = room;
        if (room is { } roomId)
        {
            Worklist = await scheduling.WorklistAsync(roomId, day, ct);
        }

        if (CanBook)
        {
            ToBook = await referrals.ListAsync(ReferralStatus.Accepted, mine: false, ct);
        }
    }

    /// <summary>Books an appointment; the start is typed on the site's clock; clashes come back as the message.</summary>
    public async Task<IActionResult> OnPostBookAsync(Guid? referralId, Guid? roomId, string? start, bool withAnaesthesia, int? durationMinutes, CancellationToken ct)
    {
        if (!CanBook)
        {
            return Forbid();
        }

        DateTimeOffset? at = null;
        var ok = await ClinicalPageActions.TryAsync(
            this,
            () =>
            {
                // The start goes to the service with the site's offset, so the booking rules read the site's hours.
                at = ClinicalPageActions.Time(start, site, "start");
                return scheduling.BookAsync(new AppointmentRequest(referralId, roomId, at, withAnaesthesia, durationMinutes), ct);
            },
            "Appointment booked.");
        var date = site.DayOf(at ?? time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Redirect(ok ? $"/schedule?date={date}" : $"/schedule?date={date}&referral={referralId}");
    }

    /// <summary>
    /// Adds an anaesthesia session on the site's day <paramref name="date"/>; start and end are times of day typed on
    /// the site's clock (an end at or before the start is the service's refusal, shown as the message).
    /// </summary>
    public async Task<IActionResult> OnPostSessionAsync(DateOnly? date, string? start, string? end, int? teams, string? note, CancellationToken ct)
    {
        if (!CanBook)
        {
            return Forbid();
        }

        var day = date ?? site.Today(time);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await ClinicalPageActions.TryAsync(
            this,
            () =>
            {
                var from = ClinicalPageActions.Time(SessionTime(dayText, start), site, "start");
                var to = ClinicalPageActions.Time(SessionTime(dayText, end), site, "end");
                return scheduling.AddSessionAsync(new AnaesthesiaSessionRequest(from, to, teams ?? 1, note), ct);
            },
            "Anaesthesia session added.");
        return Redirect($"/schedule?date={dayText}");
    }

    // A time-of-day field ("08:00") on the given day, as a datetime-local value; null when empty.
    private static string? SessionTime(string day, string? clock) =>
        string.IsNullOrWhiteSpace(clock) ? null : $"{day}T{clock.Trim()}";

    /// <summary>
    /// The days to ask the scheduling service for to show the site's day <paramref name="day"/>: that day alone, since
    /// the service answers by the site's day (its midnight to the next).
    /// </summary>
    public static IReadOnlyList<DateOnly> QueryDays(SiteTime site, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(site);
        return [day];
    }

    /// <summary>Where a booking block starts, in pixels from the top of the day (the site's clock).</summary>
    public static int Top(DateTimeOffset start, SiteTime site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Math.Max(0, (int)((site.TimeOf(start).ToTimeSpan().TotalMinutes - (FirstHour * 60)) * PixelsPerMinute));
    }

    /// <summary>A booking block's height in pixels.</summary>
    public static int Height(DateTimeOffset start, DateTimeOffset end) => Math.Max(24, (int)((end - start).TotalMinutes * PixelsPerMinute));

    /// <summary>Vertical scale of the day view.</summary>
    public const double PixelsPerMinute = 1.0;
}
