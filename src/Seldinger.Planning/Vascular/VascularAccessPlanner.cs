namespace Seldinger.Planning.Vascular;

/// <summary>Placeholder while the planner is written; replaced by the real planner.</summary>
public static class VascularAccessPlanner
{
    /// <summary>Plans the input's procedure.</summary>
    public static Seldinger.Planning.Plans.ProcedurePlan Plan(Seldinger.Planning.Plans.PlanningInput input) =>
        throw new Seldinger.Planning.Plans.PlanningException("VascularAccessPlanner is not available yet.");
}
