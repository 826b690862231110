namespace Seldinger.Server.Contracts.Clinical;

/// <summary><c>GET /api/schedule?date=</c>: every active room with the day's appointments.</summary>
public sealed record ScheduleDayDto(
    DateOnly Date,
    IReadOnlyList<ScheduleRoomDto> Rooms);
