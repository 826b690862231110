namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/patients/{id}/medications</c>.</summary>
public sealed record MedicationRequest(
    string? Drug,
    string? Dose = null,
    DateTimeOffset? LastDoseAt = null,
    bool Active = true);
