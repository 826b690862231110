using Seldinger.Imaging.Phantoms;

namespace Seldinger.Planning.Tests;

/// <summary>The default phantom, its evaluator and the default plan to its lesion, computed once.</summary>
public sealed class PhantomPlanFixture
{
    public PhantomPlanFixture()
    {
        Case = AbdomenPhantom.Generate(new AbdomenPhantomOptions());
        Evaluator = new NeedlePathEvaluator(Case.Labels, ProtectedStructures.AbdominalBiopsyDefaults);
        Plan = EntryPlanner.Plan(Case.Labels, Case.LesionCenter, Evaluator, new EntryPlannerOptions());
    }

    public PhantomCase Case { get; }

    public NeedlePathEvaluator Evaluator { get; }

    public EntryPlan Plan { get; }
}
