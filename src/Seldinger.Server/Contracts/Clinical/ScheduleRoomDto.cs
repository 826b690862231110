using Seldinger.Planning;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>A room with its appointments of one day.</summary>
public sealed record ScheduleRoomDto(
    Guid Id,
    string Name,
    IReadOnlyList<GuidanceModality> Modalities,
    bool AnaesthesiaCapable,
    IReadOnlyList<ScheduleSlotDto> Appointments);
