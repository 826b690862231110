namespace Seldinger.Planning.Ablation.Layout;

/// <summary>How the layout planner searches the candidate probes of one approach.</summary>
public enum AblationLayoutSearch
{
    /// <summary>Greedy set cover, then coordinate descent over the probes (the default; fast).</summary>
    Greedy,

    /// <summary>Every combination of candidates, scored exactly (small candidate grids only; a reference for the greedy search).</summary>
    Exhaustive,
}
