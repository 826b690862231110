namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/appointments</c>; the duration defaults to the procedure's usual duration.</summary>
public sealed record AppointmentRequest(
    Guid? ReferralId,
    Guid? RoomId,
    DateTimeOffset? Start,
    bool WithAnaesthesia = false,
    int? DurationMinutes = null);
