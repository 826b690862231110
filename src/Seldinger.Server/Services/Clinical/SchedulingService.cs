using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// Rooms, anaesthesia sessions and appointments. Bookings are checked against the schedule rules; a clash is a
/// <see cref="ClinicalConflictException"/> listing each conflict. The day view shows no clinical detail beyond the
/// patient's name, the procedure and whether anaesthesia is booked. Days and bookable hours are the site's
/// (<see cref="SiteTime"/>, the service's time zone), whatever offset a start is sent with.
/// </summary>
public sealed class SchedulingService(
    ClinicalStore store, ReferralService referrals, CurrentUser user, AuditTrail audit, TimeProvider time, ProcedureCatalogueSource catalogue, SiteTime site)
{
    private const string Resource = "appointment";

    private SeldingerDbContext Db => store.Db;

    /// <summary>All rooms, active first, by name.</summary>
    public async Task<List<ProcedureRoom>> RoomsAsync(CancellationToken ct = default) =>
        [.. (await Db.Rooms.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.Active).ThenBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>Adds a procedure room.</summary>
    public async Task<ProcedureRoom> AddRoomAsync(RoomRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var room = new ProcedureRoom
        {
            Id = Guid.NewGuid(),
            Name = Input.Text(request.Name, "name"),
            Modalities = [.. (request.Modalities ?? []).Distinct()],
            AnaesthesiaCapable = request.AnaesthesiaCapable,
        };
        if (room.Modalities.Count == 0)
        {
            throw new ClinicalValidationException("modalities", "A procedure room needs at least one guidance modality: no procedure can be booked in a room without one.");
        }

        if (await Db.Rooms.AnyAsync(r => r.Name == room.Name, ct))
        {
            throw new ClinicalConflictException("Room exists", $"A room named {room.Name} exists already.");
        }

        Db.Rooms.Add(room);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "room", room.Id.ToString(), null, room.Name, ct);
        return room;
    }

    /// <summary>Anaesthesia sessions that overlap the given site day (all when no day is given).</summary>
    public async Task<List<AnaesthesiaSession>> SessionsAsync(DateOnly? date, CancellationToken ct = default)
    {
        var sessions = Db.AnaesthesiaSessions.AsNoTracking();
        if (date is { } d)
        {
            // DateTimeOffset comparisons do not translate on SQLite; sessions are few, so they are filtered here.
            var (from, to) = site.DayBounds(d);
            return [.. (await sessions.ToListAsync(ct)).Where(s => s.Start < to && s.End > from).OrderBy(s => s.Start)];
        }

        return [.. (await sessions.ToListAsync(ct)).OrderBy(s => s.Start)];
    }

    /// <summary>Records when an anaesthesia team is available.</summary>
    public async Task<AnaesthesiaSession> AddSessionAsync(AnaesthesiaSessionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = new AnaesthesiaSession
        {
            Id = Guid.NewGuid(),
            Start = Input.Required(request.Start, "start"),
            End = Input.Required(request.End, "end"),
            Teams = request.Teams,
            Note = request.Note?.Trim() ?? "",
        };
        if (session.End <= session.Start)
        {
            throw new ClinicalValidationException("end", "The session must end after it starts.");
        }

        if (session.Teams < 1)
        {
            throw new ClinicalValidationException("teams", "At least one team.");
        }

        Db.AnaesthesiaSessions.Add(session);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "anaesthesia-session", session.Id.ToString(), null, "", ct);
        return session;
    }

    /// <summary>Books an accepted referral into a room; clashes with the schedule rules are refused with each conflict listed.</summary>
    public async Task<Appointment> BookAsync(AppointmentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referralId = Input.Required(request.ReferralId, "referralId");
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: true, ct);
        var room = await RoomAsync(Input.Required(request.RoomId, "roomId"), ct);
        var appointment = new Appointment
        {
            Id = Guid.NewGuid(),
            ReferralId = referral.Id,
            PatientId = referral.PatientId,
            RoomId = room.Id,
            Start = Input.Required(request.Start, "start"),
            WithAnaesthesia = request.WithAnaesthesia,
            DurationMinutes = request.DurationMinutes ?? DefaultDuration(referral, request.WithAnaesthesia),
            BookedBy = user.UserName,
        };
        await CheckAsync(appointment, referral, room, ct);
        var now = time.GetUtcNow();
        referrals.Step(referral, r =>
        {
            if (r.Status == ReferralStatus.Scheduled)
            {
                ReferralWorkflow.MarkRescheduled(r, user.UserName, now, $"{room.Name} {appointment.Start:u}");
            }
            else
            {
                ReferralWorkflow.MarkScheduled(r, user.UserName, now, $"{room.Name} {appointment.Start:u}");
            }
        });
        Db.Appointments.Add(appointment);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", Resource, appointment.Id.ToString(), appointment.PatientId, $"{room.Name} {appointment.Start:u}", ct);
        return appointment;
    }

    /// <summary>Moves an appointment (room, start, duration, anaesthesia); the version must be the stored one.</summary>
    public async Task<Appointment> MoveAsync(Guid id, AppointmentMoveRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var appointment = await Db.Appointments.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new ClinicalNotFoundException(Resource, id);
        Input.ExpectVersion(appointment, request.Version, Resource);
        if (appointment.Status != AppointmentStatus.Booked)
        {
            throw new ClinicalConflictException("Not movable", $"The appointment is {appointment.Status}; only a booked appointment can be moved.");
        }

        var referral = await referrals.LoadVisibleAsync(appointment.ReferralId, tracked: true, ct);
        var room = await RoomAsync(request.RoomId ?? appointment.RoomId, ct);
        appointment.RoomId = room.Id;
        appointment.Start = request.Start ?? appointment.Start;
        appointment.DurationMinutes = request.DurationMinutes ?? appointment.DurationMinutes;
        appointment.WithAnaesthesia = request.WithAnaesthesia ?? appointment.WithAnaesthesia;
        await CheckAsync(appointment, referral, room, ct);
        referrals.Step(referral, r => ReferralWorkflow.MarkRescheduled(r, user.UserName, time.GetUtcNow(), $"{room.Name} {appointment.Start:u}"));
        store.ExpectVersion(appointment, Input.Version(request.Version));
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("update", Resource, id.ToString(), appointment.PatientId, $"moved to {room.Name} {appointment.Start:u}", ct);
        return appointment;
    }

    /// <summary>Cancels an appointment; the referral stays scheduled for a new booking.</summary>
    public async Task<Appointment> CancelAsync(Guid id, VersionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var appointment = await Db.Appointments.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new ClinicalNotFoundException(Resource, id);
        Input.ExpectVersion(appointment, request.Version, Resource);
        if (appointment.Status is not (AppointmentStatus.Booked or AppointmentStatus.CheckedIn))
        {
            throw new ClinicalConflictException("Not cancellable", $"The appointment is {appointment.Status}.");
        }

        appointment.Status = AppointmentStatus.Cancelled;
        store.ExpectVersion(appointment, Input.Version(request.Version));
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("update", Resource, id.ToString(), appointment.PatientId, $"cancelled {request.Note}", ct);
        return appointment;
    }

    /// <summary>
    /// The day view: each active room with the appointments that start on <paramref name="date"/>, the site's day
    /// (from its midnight to the next, 23 or 25 hours on the days the clocks change).
    /// </summary>
    public async Task<ScheduleDayDto> DayAsync(DateOnly date, CancellationToken ct = default)
    {
        var rooms = (await RoomsAsync(ct)).Where(r => r.Active).ToList();
        var slots = await SlotsAsync(date, null, ct);
        var byRoom = slots.ToLookup(s => s.RoomId);
        return new ScheduleDayDto(date, [.. rooms.Select(r => new ScheduleRoomDto(r.Id, r.Name, r.Modalities, r.AnaesthesiaCapable, [.. byRoom[r.Id]]))]);
    }

    /// <summary>One room's appointments that start on the site's day <paramref name="date"/>, in order.</summary>
    public async Task<List<ScheduleSlotDto>> WorklistAsync(Guid roomId, DateOnly date, CancellationToken ct = default)
    {
        await RoomAsync(roomId, ct);
        return await SlotsAsync(date, roomId, ct);
    }

    private async Task<List<ScheduleSlotDto>> SlotsAsync(DateOnly date, Guid? roomId, CancellationToken ct)
    {
        var (from, to) = site.DayBounds(date);
        var query = Db.Appointments.AsNoTracking().Where(a => a.Status != AppointmentStatus.Cancelled);
        if (roomId is { } id)
        {
            query = query.Where(a => a.RoomId == id);
        }

        // DateTimeOffset comparisons do not translate on SQLite; a day's bookings are few, so they are filtered here.
        var appointments = (await query.ToListAsync(ct)).Where(a => a.Start >= from && a.Start < to).OrderBy(a => a.Start).ToList();
        var referralIds = appointments.Select(a => a.ReferralId).Distinct().ToList();
        var patientIds = appointments.Select(a => a.PatientId).Distinct().ToList();
        var procedures = await Db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.ProcedureId ?? r.SuggestedProcedureId, ct);
        var names = await Db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, ct);
        var cat = catalogue.Load();
        var slots = new List<ScheduleSlotDto>(appointments.Count);
        foreach (var a in appointments)
        {
            var procedureId = procedures.GetValueOrDefault(a.ReferralId);
            slots.Add(new ScheduleSlotDto(
                a.Id, a.ReferralId, a.RoomId, a.Start, a.End, names.GetValueOrDefault(a.PatientId) ?? "", procedureId,
                procedureId is null ? null : cat.Find(procedureId)?.Name, a.WithAnaesthesia, a.Status, a.Version));
            await audit.RecordAsync("read", Resource, a.Id.ToString(), a.PatientId, $"schedule {date:yyyy-MM-dd}", ct);
        }

        return slots;
    }

    private async Task<ProcedureRoom> RoomAsync(Guid id, CancellationToken ct) =>
        await Db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new ClinicalNotFoundException("room", id);

    private static int DefaultDuration(Referral referral, bool withAnaesthesia) =>
        (referral.ProcedureId ?? referral.SuggestedProcedureId) is { } procedureId
            ? ProcedureDurations.LoadDefault().MinutesFor(procedureId, withAnaesthesia)
            : throw new ClinicalValidationException("durationMinutes", "The referral names no procedure yet; give the duration in minutes.");

    private async Task CheckAsync(Appointment appointment, Referral referral, ProcedureRoom room, CancellationToken ct)
    {
        if (appointment.DurationMinutes <= 0)
        {
            throw new ClinicalValidationException("durationMinutes", "The duration must be at least one minute.");
        }

        // Every booking and session that could touch this one: a booking lasts at most a day (the rules refuse
        // longer), so its interval lies within [start, start + 1 day), and a day more on each side is a margin
        // no overlap escapes, wherever the site's or the UTC midnight falls.
        var (from, to) = (appointment.Start.AddDays(-1), appointment.Start.AddDays(2));
        var id = appointment.Id;
        var nearby = (await Db.Appointments.AsNoTracking().Where(a => a.Id != id && a.Status != AppointmentStatus.Cancelled).ToListAsync(ct))
            .Where(a => a.Start < to && a.End > from).ToList();
        var sessions = (await Db.AnaesthesiaSessions.AsNoTracking().ToListAsync(ct)).Where(s => s.Start < to && s.End > from).ToList();
        var conflicts = ScheduleRules.Check(appointment, room, referral, nearby, sessions, time.GetUtcNow(), ScheduleRulesOptions.For(site));
        if (conflicts.Count > 0)
        {
            throw new ClinicalConflictException(
                "Schedule conflict", string.Join(" ", conflicts.Select(c => c.Message)), [.. conflicts.Cast<object>()]);
        }
    }
}
