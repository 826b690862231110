namespace Seldinger.Planning.Ablation;

/// <summary>One layout the planner compared (shown side by side); the chosen one is first.</summary>
/// <param name="Label">Short name, e.g. <c>2 × emprint-13cm 100W-5min</c>.</param>
/// <param name="DeviceId">Device.</param>
/// <param name="SettingId">Setting.</param>
/// <param name="Probes">The probes.</param>
/// <param name="TargetCoverage">Fraction of the tumor inside the zone.</param>
/// <param name="MarginCoverage">Fraction of tumor + margin inside the zone.</param>
/// <param name="MinimalMarginMm">Minimal ablative margin (mm).</param>
/// <param name="HealthyTissueAblatedMl">Zone outside tumor + margin (mL).</param>
/// <param name="Score">Lower is better; the layout planner's objective.</param>
/// <param name="Chosen">True for the layout the plan uses.</param>
/// <param name="Note">Why it lost, or null.</param>
public sealed record AblationAlternative(
    string Label,
    string DeviceId,
    string SettingId,
    IReadOnlyList<AblationProbe> Probes,
    double TargetCoverage,
    double MarginCoverage,
    double MinimalMarginMm,
    double HealthyTissueAblatedMl,
    double Score,
    bool Chosen,
    string? Note);
