namespace Seldinger.Server.Contracts;

/// <summary>A procedure that can be planned on a case: one of its targets occurs in the case's labels.</summary>
/// <param name="Id">Procedure id.</param>
/// <param name="Name">Procedure name.</param>
/// <param name="Route">Route kind: <c>needle</c>, <c>vascular</c>, <c>enteric</c> or <c>surface</c>.</param>
/// <param name="Planner">The planner that handles it.</param>
/// <param name="Suggested">Whether the case's library case was made for this procedure.</param>
public sealed record CaseProcedureDto(string Id, string Name, string Route, string Planner, bool Suggested);
