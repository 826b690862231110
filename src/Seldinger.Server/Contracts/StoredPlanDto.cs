using Seldinger.Planning.Plans;

namespace Seldinger.Server.Contracts;

/// <summary>A stored procedure plan with what it was made from.</summary>
/// <param name="Id">Plan id (<c>/api/plans/{id}</c>).</param>
/// <param name="CaseId">The case.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ProcedureId">Catalogue procedure id.</param>
/// <param name="Planner">The planner that made it.</param>
/// <param name="Method"><c>automatic</c> or <c>manual</c>.</param>
/// <param name="Feasible">Whether a route meeting every hard constraint exists.</param>
/// <param name="SeriesInstanceUid">The series planned on.</param>
/// <param name="LabelsDigest">SHA-256 of the label map (geometry and voxels) planned on.</param>
/// <param name="CatalogueVersion">Catalogue format version.</param>
/// <param name="CatalogueDigest">SHA-256 of the catalogue text.</param>
/// <param name="Inputs">Target, manual entry, weight and age.</param>
/// <param name="Plan">The plan; absent in lists.</param>
public sealed record StoredPlanDto(
    Guid Id,
    Guid CaseId,
    DateTimeOffset CreatedAt,
    string ProcedureId,
    string Planner,
    string Method,
    bool Feasible,
    string? SeriesInstanceUid,
    string LabelsDigest,
    int CatalogueVersion,
    string CatalogueDigest,
    PlanInputsDto Inputs,
    ProcedurePlan? Plan);
