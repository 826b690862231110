namespace Seldinger.Planning.Ablation.Layout;

/// <summary>The layouts the planner compared, the one it chose, and why candidates were rejected.</summary>
/// <param name="Chosen">The best layout (the first alternative), or null when no probe has a safe route.</param>
/// <param name="Alternatives">The best layout for each probe count and setting tried, best first; the chosen one has <see cref="AblationAlternative.Chosen"/> set.</param>
/// <param name="Feasible">True when the chosen layout covers the asked fraction of tumor + margin and keeps the cryo spacing rules. A protected structure inside its zone (a vessel running through the tumor, say) does not make it infeasible: the planner avoids it when another layout can, and the chosen layout's note says so when none can.</param>
/// <param name="MarginMm">Margin covered around the tumor (mm).</param>
/// <param name="CoverageThreshold">Fraction of tumor + margin asked.</param>
/// <param name="TargetVolumeMl">Tumor volume (mL).</param>
/// <param name="GrownTargetVolumeMl">Tumor + margin volume (mL).</param>
/// <param name="CandidatesConsidered">Candidate probe placements (tip, approach, parallel or convergent) tried.</param>
/// <param name="Rejections">Reason → how many candidates or layouts it removed, reasons in ordinal order.</param>
public sealed record AblationLayoutResult(
    AblationAlternative? Chosen,
    IReadOnlyList<AblationAlternative> Alternatives,
    bool Feasible,
    double MarginMm,
    double CoverageThreshold,
    double TargetVolumeMl,
    double GrownTargetVolumeMl,
    int CandidatesConsidered,
    IReadOnlyDictionary<string, int> Rejections);
