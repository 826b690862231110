using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>Rooms, anaesthesia sessions, appointments, the day view and a room's worklist.</summary>
public static class SchedulingEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithTags("Scheduling").AuditedClinical("room");
        rooms.MapGet("/", RoomsAsync).RequireAnyAction(StaffAction.ReadSchedule, StaffAction.ManageRooms).WithName("ListRooms").WithSummary("Procedure rooms.");
        rooms.MapPost("/", AddRoomAsync).RequireAction(StaffAction.ManageRooms).WithName("CreateRoom")
            .WithSummary("Adds a procedure room with its guidance modalities.").ProducesProblem(400).ProducesProblem(409);
        rooms.MapGet("/{id:guid}/worklist", WorklistAsync).RequireAction(StaffAction.ReadSchedule).WithName("RoomWorklist")
            .WithSummary("One room's appointments of a day (date=YYYY-MM-DD, UTC).").ProducesProblem(400).ProducesProblem(404);

        var sessions = api.MapGroup("/anaesthesia-sessions").WithTags("Scheduling").AuditedClinical("anaesthesia-session");
        sessions.MapGet("/", SessionsAsync).RequireAction(StaffAction.ReadSchedule).WithName("ListAnaesthesiaSessions")
            .WithSummary("Anaesthesia sessions (of one day with date=YYYY-MM-DD).");
        sessions.MapPost("/", AddSessionAsync).RequireAction(StaffAction.ManageSchedule).WithName("CreateAnaesthesiaSession")
            .WithSummary("Records when anaesthesia teams are available.").ProducesProblem(400);

        var appointments = api.MapGroup("/appointments").WithTags("Scheduling").AuditedClinical("appointment");
        appointments.MapPost("/", BookAsync).RequireAction(StaffAction.ManageSchedule).WithName("BookAppointment")
            .WithSummary("Books an accepted referral; the duration defaults to the procedure's; a clash answers 409 listing the conflicts.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        appointments.MapPut("/{id:guid}", MoveAsync).RequireAction(StaffAction.ManageSchedule).WithName("MoveAppointment")
            .WithSummary("Moves an appointment (room, start, duration; send the version you read).")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        appointments.MapPost("/{id:guid}/cancel", CancelAsync).RequireAction(StaffAction.ManageSchedule).WithName("CancelAppointment")
            .WithSummary("Cancels an appointment.").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/schedule", DayAsync).WithTags("Scheduling").AuditedClinical("schedule").RequireAction(StaffAction.ReadSchedule)
            .WithName("GetSchedule").WithSummary("The day view: rooms with their appointments (patient name, procedure, anaesthesia).")
            .ProducesProblem(400);
    }

    private static async Task<Ok<List<ProcedureRoom>>> RoomsAsync(SchedulingService scheduling, CancellationToken ct) =>
        TypedResults.Ok(await scheduling.RoomsAsync(ct));

    private static async Task<Created<ProcedureRoom>> AddRoomAsync(RoomRequest request, SchedulingService scheduling, CancellationToken ct)
    {
        var room = await scheduling.AddRoomAsync(request, ct);
        return TypedResults.Created($"/api/rooms/{room.Id}", room);
    }

    private static async Task<Ok<List<ScheduleSlotDto>>> WorklistAsync(Guid id, DateOnly date, SchedulingService scheduling, CancellationToken ct) =>
        TypedResults.Ok(await scheduling.WorklistAsync(id, date, ct));

    private static async Task<Ok<List<AnaesthesiaSession>>> SessionsAsync(DateOnly? date, SchedulingService scheduling, CancellationToken ct) =>
        TypedResults.Ok(await scheduling.SessionsAsync(date, ct));

    private static async Task<Created<AnaesthesiaSession>> AddSessionAsync(AnaesthesiaSessionRequest request, SchedulingService scheduling, CancellationToken ct)
    {
        var session = await scheduling.AddSessionAsync(request, ct);
        return TypedResults.Created($"/api/anaesthesia-sessions/{session.Id}", session);
    }

    private static async Task<Created<Appointment>> BookAsync(AppointmentRequest request, SchedulingService scheduling, CancellationToken ct)
    {
        var appointment = await scheduling.BookAsync(request, ct);
        return TypedResults.Created($"/api/appointments/{appointment.Id}", appointment);
    }

    private static async Task<Ok<Appointment>> MoveAsync(Guid id, AppointmentMoveRequest request, SchedulingService scheduling, CancellationToken ct) =>
        TypedResults.Ok(await scheduling.MoveAsync(id, request, ct));

    private static async Task<Ok<Appointment>> CancelAsync(Guid id, VersionRequest request, SchedulingService scheduling, CancellationToken ct) =>
        TypedResults.Ok(await scheduling.CancelAsync(id, request, ct));

    private static async Task<Ok<ScheduleDayDto>> DayAsync(DateOnly date, SchedulingService scheduling, CancellationToken ct) =>
        TypedResults.Ok(await scheduling.DayAsync(date, ct));
}
