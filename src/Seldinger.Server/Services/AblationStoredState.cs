using Seldinger.Server.Contracts;

namespace Seldinger.Server.Services;

/// <summary>What an ablation plan was made from (re-runs plan again with it) and what its zone map's isotherm bits mean.</summary>
/// <param name="Request">The request, as validated.</param>
/// <param name="IsothermsCelsius">Temperature of the isotherm in bit n + 1 of the zone map.</param>
/// <param name="ZoneModel">The zone model that made the stored zone.</param>
public sealed record AblationStoredState(AblationPlanRequest Request, IReadOnlyList<double> IsothermsCelsius, string ZoneModel);
