namespace Seldinger.Planning.Ablation;

/// <summary>Everything a clinician checks about a zone: coverage, margins, structures at risk, heat sinks and protection flags.</summary>
/// <param name="Coverage">Tumor, then tumor + each margin asked (5 and 10 mm by default).</param>
/// <param name="Margins">The ablative margin map and its minimum.</param>
/// <param name="StructuresAtRisk">Structures inside or within the report distance of the zone, nearest first.</param>
/// <param name="HeatSinks">Large vessels next to a heat-based zone.</param>
/// <param name="Suggestions">Protection flags.</param>
/// <param name="ZoneVolumeMl">Lethal zone volume (mL).</param>
/// <param name="HealthyTissueAblatedMl">Lethal zone volume outside the tumor + margin (mL): what a better layout spares.</param>
public sealed record AblationEvaluation(
    IReadOnlyList<AblationCoverage> Coverage,
    AblationMarginResult Margins,
    IReadOnlyList<AblationStructureAtRisk> StructuresAtRisk,
    IReadOnlyList<AblationHeatSink> HeatSinks,
    IReadOnlyList<AblationProtectionSuggestion> Suggestions,
    double ZoneVolumeMl,
    double HealthyTissueAblatedMl);
