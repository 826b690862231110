using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Needles;

/// <summary>The result of <see cref="NeedleRoutePlanner.Search(Plans.PlanningInput, Imaging.Geometry.WorldPoint)"/>: the ranked short list, the Pareto front and what was rejected.</summary>
/// <param name="Ranked">Safe entries, best score first, at least <see cref="NeedlePlannerOptions.MinimumEntrySeparationMm"/> apart.</param>
/// <param name="ParetoFront">The non-dominated safe entries over (length ↓, clearance surplus ↑, insertion angle ↓), shortest first.</param>
/// <param name="AcceptedCount">How many entries met every hard constraint.</param>
/// <param name="CandidatesConsidered">How many outer-skin voxels were tried.</param>
/// <param name="Rejections">Reason → number of entries it removed (the first reason per entry), reasons in ordinal order.</param>
public sealed record NeedleSearchResult(
    IReadOnlyList<NeedleRouteCandidate> Ranked,
    IReadOnlyList<ParetoEntry> ParetoFront,
    int AcceptedCount,
    int CandidatesConsidered,
    IReadOnlyDictionary<string, int> Rejections);
