namespace Seldinger.Planning.Plans;

/// <summary>
/// Plans any procedure of the catalogue: chooses the planner for the procedure and returns its
/// <see cref="ProcedurePlan"/>. Deterministic: the same input gives the same plan.
/// </summary>
public static class ProcedurePlanner
{
    /// <summary>The planner that handles <paramref name="procedure"/>: <c>needle</c>, <c>gastrostomy</c>, <c>vascular-access</c>, <c>angiography</c>, <c>nasojejunal</c>, <c>malformation</c> or <c>photoevaporation</c>.</summary>
    public static string PlannerFor(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        if (procedure.Targets.Contains(Imaging.TissueLabel.VenousMalformation) || procedure.Targets.Contains(Imaging.TissueLabel.LymphaticMalformation))
        {
            return "malformation";
        }

        if (Ablation.AblationPlanner.IsAblation(procedure))
        {
            return "ablation";
        }

        return procedure.Route switch
        {
            RouteKind.Needle when procedure.Id == "gastrostomy" => "gastrostomy",
            RouteKind.Needle => "needle",
            RouteKind.Vascular when procedure.Targets.Contains(Imaging.TissueLabel.Vein) => "vascular-access",
            RouteKind.Vascular => "angiography",
            RouteKind.Enteric => "nasojejunal",
            RouteKind.Surface => "photoevaporation",
            _ => throw new PlanningException($"No planner handles the route kind {procedure.Route} of {procedure.Id}."),
        };
    }

    /// <summary>
    /// Whether the planner chooses the target itself when the doctor gives none: drains aim at the deepest safe pocket
    /// of the collection (objective <see cref="ObjectiveKind.LargestPocket"/>), not at a case's stored target point.
    /// </summary>
    public static bool ChoosesOwnTarget(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return procedure.Objectives.Any(o => o.Kind == ObjectiveKind.LargestPocket);
    }

    /// <summary>
    /// Whether a case's stored target point, lying in tissue <paramref name="labelAtTarget"/>, is the target for
    /// <paramref name="procedure"/>: only when the procedure aims at that tissue and does not choose its own target
    /// (a liver lesion's centre is no target for a pleural drain, and a drain aims at the deepest pocket).
    /// </summary>
    public static bool UsesCaseTarget(ProcedureDefinition procedure, byte labelAtTarget)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return !ChoosesOwnTarget(procedure) && procedure.Targets.Any(t => (byte)t == labelAtTarget);
    }

    /// <summary>Plans the input's procedure.</summary>
    /// <exception cref="PlanningException">The input lacks what the planner needs; the message says what.</exception>
    public static ProcedurePlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PlannerFor(input.Procedure) switch
        {
            "needle" => Needles.NeedleRoutePlanner.Plan(input),
            "ablation" => Ablation.AblationPlanner.Plan(input).Plan,
            "gastrostomy" => Enteric.GastrostomyPlanner.Plan(input),
            "vascular-access" => Vascular.VascularAccessPlanner.Plan(input),
            "angiography" => Vascular.AngiographyPlanner.Plan(input),
            "nasojejunal" => Enteric.NasojejunalPlanner.Plan(input),
            "malformation" => Malformations.MalformationPlanner.Plan(input),
            "photoevaporation" => Malformations.PhotoevaporationPlanner.Plan(input),
            var other => throw new PlanningException($"No planner named {other}."),
        };
    }
}
