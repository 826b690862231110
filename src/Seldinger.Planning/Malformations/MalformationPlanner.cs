namespace Seldinger.Planning.Malformations;

/// <summary>Placeholder while the planner is written; replaced by the real planner.</summary>
public static class MalformationPlanner
{
    /// <summary>Plans the input's procedure.</summary>
    public static Seldinger.Planning.Plans.ProcedurePlan Plan(Seldinger.Planning.Plans.PlanningInput input) =>
        throw new Seldinger.Planning.Plans.PlanningException("MalformationPlanner is not available yet.");
}
