using Seldinger.Clinical.Scheduling;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>One appointment in the day view: only what a scheduler needs, no clinical detail.</summary>
public sealed record ScheduleSlotDto(
    Guid AppointmentId,
    Guid ReferralId,
    Guid RoomId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string PatientDisplayName,
    string? ProcedureId,
    string? ProcedureName,
    bool WithAnaesthesia,
    AppointmentStatus Status,
    int Version);
