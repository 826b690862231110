namespace Seldinger.Planning.Ablation;

/// <summary>
/// How <see cref="AblationEvaluator"/> reports a zone; every field is optional. The clinical numbers (clearances,
/// planned margin, heat-sink diameter and search distance) come from the procedure catalogue unless overridden here.
/// </summary>
public sealed record AblationEvaluationOptions
{
    /// <summary>The largest margin, report distance or search distance accepted (mm); bounds the crop the evaluation works on.</summary>
    public const double MaxDistanceMm = 100;

    /// <summary>Margins (mm) to report coverage of the grown tumor for, besides the tumor itself; the planned margin is added when missing.</summary>
    public IReadOnlyList<double> ReportMarginsMm { get; init; } = [5, 10];

    /// <summary>The margin the plan aims for (mm); null takes the catalogue's <c>ablationMarginMm</c>.</summary>
    public double? PlannedMarginMm { get; init; }

    /// <summary>Structures farther than this from the zone (mm) and farther than their required clearance are not listed.</summary>
    public double ReportDistanceMm { get; init; } = 20;

    /// <summary>Vessels running within this distance of the zone (mm) are checked for a heat sink; null takes the catalogue's <c>heatSinkSearchDistanceMm</c>.</summary>
    public double? HeatSinkSearchDistanceMm { get; init; }

    /// <summary>Smallest lumen diameter (mm) that counts as a heat sink; null takes the catalogue's <c>heatSinkVesselDiameterMm</c>.</summary>
    public double? HeatSinkVesselDiameterMm { get; init; }
}
