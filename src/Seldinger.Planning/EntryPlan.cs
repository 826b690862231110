namespace Seldinger.Planning;

/// <summary>The result of <see cref="EntryPlanner.Plan"/>.</summary>
/// <param name="Ranked">The acceptable paths, best first (at most <see cref="EntryPlannerOptions.MaximumResults"/>).</param>
/// <param name="Scores">The score of each ranked path (same order), as defined on <see cref="EntryPlanner"/>.</param>
/// <param name="CandidatesConsidered">How many entry points were tried.</param>
/// <param name="Rejections">Why the others were rejected: reason → count, reasons in ordinal order (one reason per candidate, the first that applies).</param>
public sealed record EntryPlan(
    IReadOnlyList<NeedlePathEvaluation> Ranked,
    IReadOnlyList<double> Scores,
    int CandidatesConsidered,
    IReadOnlyDictionary<string, int> Rejections);
