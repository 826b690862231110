namespace Seldinger.Server.Contracts;

/// <summary>
/// Body of <c>POST /api/cases/{id}/plan</c>. Empty: the planner searches every skin entry for the
/// case's target. With <see cref="Entry"/>: that path (to <see cref="Target"/> or the case's target)
/// is evaluated with the same metrics and stored as a manual plan.
/// </summary>
public sealed record PlanRequest(PointDto? Entry, PointDto? Target);
