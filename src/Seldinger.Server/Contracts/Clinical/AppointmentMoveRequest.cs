namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>PUT /api/appointments/{id}</c>: the new room, start and duration (unchanged when null).</summary>
public sealed record AppointmentMoveRequest(
    Guid? RoomId,
    DateTimeOffset? Start,
    int? DurationMinutes,
    bool? WithAnaesthesia,
    int? Version);
