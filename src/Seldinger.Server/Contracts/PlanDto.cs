namespace Seldinger.Server.Contracts;

/// <summary>A needle plan and the numbers it was judged by.</summary>
public sealed record PlanDto(
    Guid Id,
    DateTimeOffset CreatedAt,
    string Method,
    PointDto Entry,
    PointDto Target,
    double LengthMm,
    double InsertionAngleDeg,
    bool IsSafe,
    IReadOnlyList<ClearanceDto> Clearances,
    int CandidatesConsidered,
    IReadOnlyDictionary<string, int> Rejections);
