namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/patients/{id}/measurements</c>: weight (kg) and optional height (cm) at a time.</summary>
public sealed record MeasurementRequest(
    DateTimeOffset? MeasuredAt,
    double? WeightKg,
    double? HeightCm = null);
