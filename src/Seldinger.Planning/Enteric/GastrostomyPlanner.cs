namespace Seldinger.Planning.Enteric;

/// <summary>Placeholder while the planner is written; replaced by the real planner.</summary>
public static class GastrostomyPlanner
{
    /// <summary>Plans the input's procedure.</summary>
    public static Seldinger.Planning.Plans.ProcedurePlan Plan(Seldinger.Planning.Plans.PlanningInput input) =>
        throw new Seldinger.Planning.Plans.PlanningException("GastrostomyPlanner is not available yet.");
}
