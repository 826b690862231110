namespace Seldinger.Planning.Ablation;

/// <summary>An ablation plan with the voxel maps behind it.</summary>
/// <param name="Plan">The procedure plan: one route per probe, warnings, measurements, and <see cref="Plans.ProcedurePlan.Ablation"/>.</param>
/// <param name="Zone">The evaluated zone (lethal mask, isotherms, peak temperature).</param>
/// <param name="Evaluation">Coverage, margin map, structures at risk, heat sinks, flags.</param>
public sealed record AblationPlanOutcome(Plans.ProcedurePlan Plan, AblationZone Zone, AblationEvaluation Evaluation);
