namespace Seldinger.Planning.Vascular;

/// <summary>Placeholder while the planner is written; replaced by the real planner.</summary>
public static class AngiographyPlanner
{
    /// <summary>Plans the input's procedure.</summary>
    public static Seldinger.Planning.Plans.ProcedurePlan Plan(Seldinger.Planning.Plans.PlanningInput input) =>
        throw new Seldinger.Planning.Plans.PlanningException("AngiographyPlanner is not available yet.");
}
