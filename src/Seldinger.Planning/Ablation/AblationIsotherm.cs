namespace Seldinger.Planning.Ablation;

/// <summary>A cryoprobe isotherm from a device chart: the ice ball at <paramref name="TemperatureCelsius"/> after a freeze protocol.</summary>
/// <param name="TemperatureCelsius">0, −20 or −40 °C.</param>
/// <param name="Shape">The isotherm's ellipsoid on the probe axis.</param>
public sealed record AblationIsotherm(double TemperatureCelsius, AblationZoneShape Shape);
