namespace Seldinger.Server.Contracts;

/// <summary>Body of <c>POST /api/cases/{caseId}/plans</c>.</summary>
/// <param name="ProcedureId">Catalogue procedure id, e.g. <c>biopsy-deep</c>.</param>
/// <param name="Target">Target point (LPS mm); null takes the case's target.</param>
/// <param name="ManualEntry">A skin entry (LPS mm) to evaluate instead of searching; null searches.</param>
public sealed record CreatePlanRequest(string? ProcedureId, PointInput? Target, PointInput? ManualEntry);
