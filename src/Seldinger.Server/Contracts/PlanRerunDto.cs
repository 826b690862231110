using Seldinger.Planning.Plans;

namespace Seldinger.Server.Contracts;

/// <summary>Answer of <c>POST /api/plans/{id}/rerun</c>: the plan made again from the stored inputs (not stored).</summary>
/// <param name="Identical">Whether the new plan, the catalogue and the label map are all as before.</param>
/// <param name="Differences">What changed, in plain words (catalogue, labels, then the first differing fields of the plan).</param>
/// <param name="Plan">The new plan.</param>
public sealed record PlanRerunDto(bool Identical, IReadOnlyList<string> Differences, ProcedurePlan Plan);
