using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>The narrowest point of a vessel segment and its severity against the normal lumen proximal and distal to it.</summary>
/// <param name="MinimalLumenDiameterMm">Equivalent diameter of the smallest cross-section, mm.</param>
/// <param name="MinimalLumenAreaMm2">Its area, mm².</param>
/// <param name="MinimumArcMm">Where it is along the profile, mm.</param>
/// <param name="MinimumPoint">Where it is, LPS mm.</param>
/// <param name="LesionStartMm">Start of the narrowed run around the minimum, mm along the profile.</param>
/// <param name="LesionEndMm">End of the narrowed run, mm.</param>
/// <param name="ProximalReferenceDiameterMm">Median diameter of the normal segment before the lesion, or null when there is none.</param>
/// <param name="DistalReferenceDiameterMm">Median diameter of the normal segment after the lesion, or null when there is none.</param>
/// <param name="ReferenceDiameterMm">The reference diameter: the mean of the proximal and distal references present.</param>
/// <param name="ReferenceAreaMm2">The reference area: the mean of the median areas of the same segments.</param>
/// <param name="DiameterStenosisPercent"><c>100 · (1 − MLD / reference diameter)</c>.</param>
/// <param name="AreaStenosisPercent"><c>100 · (1 − MLA / reference area)</c>.</param>
/// <param name="Reference">Which segments gave the reference, in words.</param>
public sealed record StenosisMeasurement(
    double MinimalLumenDiameterMm,
    double MinimalLumenAreaMm2,
    double MinimumArcMm,
    WorldPoint MinimumPoint,
    double LesionStartMm,
    double LesionEndMm,
    double? ProximalReferenceDiameterMm,
    double? DistalReferenceDiameterMm,
    double ReferenceDiameterMm,
    double ReferenceAreaMm2,
    double DiameterStenosisPercent,
    double AreaStenosisPercent,
    string Reference);
