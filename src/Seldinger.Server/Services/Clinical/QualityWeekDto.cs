using Seldinger.Clinical.Quality;

namespace Seldinger.Server.Services.Clinical;

/// <summary>A rate of one week.</summary>
/// <param name="Week">The Monday.</param>
/// <param name="Rate">The rate.</param>
public sealed record QualityWeekDto(DateOnly Week, QualityRate Rate);
