using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Malformations;

/// <summary>How the lesion map of a later visit compares with an earlier one (<see cref="PhotoevaporationPlanner.Compare(ProcedurePlan, ProcedurePlan)"/>).</summary>
/// <param name="ToleranceMm">Two lesions are the same when their centres are at most this far apart, mm.</param>
/// <param name="Persisting">Lesions on both visits, with their size change.</param>
/// <param name="Resolved">Lesions of the earlier visit that are gone.</param>
/// <param name="New">Lesions of the later visit that were not there before.</param>
public sealed record PhotoevaporationComparison(
    double ToleranceMm,
    IReadOnlyList<PersistingLesion> Persisting,
    IReadOnlyList<PlanPoint> Resolved,
    IReadOnlyList<PlanPoint> New);
