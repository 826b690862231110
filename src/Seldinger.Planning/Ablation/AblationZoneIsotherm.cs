using Seldinger.Imaging;

namespace Seldinger.Planning.Ablation;

/// <summary>One isotherm of a predicted zone: the voxels that reached <paramref name="TemperatureCelsius"/> (1) or not (0).</summary>
/// <param name="TemperatureCelsius">The isotherm's temperature (°C).</param>
/// <param name="Mask">1 where the temperature was reached, on the zone's grid.</param>
public sealed record AblationZoneIsotherm(double TemperatureCelsius, Volume<byte> Mask);
