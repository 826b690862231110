namespace Seldinger.Server.Contracts;

/// <summary>A case with its planning series, target and latest plan.</summary>
public sealed record CaseDetailDto(
    Guid Id,
    string PatientName,
    string PatientId,
    double? AgeYears,
    double? WeightKg,
    string Procedure,
    string Indication,
    string Status,
    DateTimeOffset CreatedAt,
    SeriesGeometryDto? Series,
    PointDto? Target,
    PlanDto? Plan);
