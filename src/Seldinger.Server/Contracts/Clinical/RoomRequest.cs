using Seldinger.Planning;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/rooms</c>.</summary>
public sealed record RoomRequest(
    string? Name,
    IReadOnlyList<GuidanceModality>? Modalities,
    bool AnaesthesiaCapable = false);
