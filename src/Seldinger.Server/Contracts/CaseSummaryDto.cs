namespace Seldinger.Server.Contracts;

/// <summary>One row of the case list.</summary>
public sealed record CaseSummaryDto(
    Guid Id,
    string PatientName,
    string PatientId,
    double? AgeYears,
    string Procedure,
    string Status,
    DateTimeOffset CreatedAt,
    bool HasPlan,
    bool PlanIsSafe);
