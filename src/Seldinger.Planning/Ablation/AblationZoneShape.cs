namespace Seldinger.Planning.Ablation;

/// <summary>
/// An ellipsoid zone from a device chart, placed on the probe axis: <paramref name="LengthMm"/> along the shaft,
/// <paramref name="DiameterMm"/> across it, reaching <paramref name="DistalExtentBeyondTipMm"/> beyond the tip
/// (so its centre lies <c>LengthMm / 2 − DistalExtentBeyondTipMm</c> behind the tip).
/// </summary>
/// <param name="LengthMm">Long axis, along the shaft (mm).</param>
/// <param name="DiameterMm">Short axis, perpendicular to the shaft (mm).</param>
/// <param name="DistalExtentBeyondTipMm">How far the zone reaches past the tip (mm); charts give it or it is half the long axis for a centred zone.</param>
public sealed record AblationZoneShape(double LengthMm, double DiameterMm, double DistalExtentBeyondTipMm);
