using Seldinger.Imaging;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Layout;

/// <summary>
/// What the multi-probe layout planner needs: the case and procedure (label map, catalogue entry with its route
/// constraints and protected structures), the target, the margin to cover, which devices and settings it may use and
/// how many probes. Everything but <see cref="Input"/> has a default.
/// </summary>
public sealed record AblationLayoutRequest
{
    /// <summary>The case: label map, procedure (an ablation of the catalogue) and catalogue. Its target point and manual entry are ignored.</summary>
    public required PlanningInput Input { get; init; }

    /// <summary>Device library; null loads the embedded default.</summary>
    public AblationDeviceLibrary? Devices { get; init; }

    /// <summary>The label to cover (the tumor).</summary>
    public TissueLabel Target { get; init; } = TissueLabel.Lesion;

    /// <summary>Margin around the tumor to cover (mm); null takes the procedure's catalogue parameter <c>ablationMarginMm</c>.</summary>
    public double? MarginMm { get; init; }

    /// <summary>Device to use; null tries every device of the procedure's modality.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Setting to use; null tries the settings from the smallest zone to the largest.</summary>
    public string? SettingId { get; init; }

    /// <summary>Exact number of probes; null lets the planner choose the fewest that reach the coverage.</summary>
    public int? ProbeCount { get; init; }

    /// <summary>Most probes the planner may use when it chooses (1–8).</summary>
    public int MaxProbes { get; init; } = 4;

    /// <summary>Fraction of tumor + margin the lethal zone must cover (0–1].</summary>
    public double CoverageThreshold { get; init; } = 0.99;

    /// <summary>Spacing of the candidate tip grid inside tumor + margin (mm); null picks it from the voxel size and <see cref="MaximumCandidateTips"/>.</summary>
    public double? GridStepMm { get; init; }

    /// <summary>Most candidate tips; the grid is coarsened until it has no more.</summary>
    public int MaximumCandidateTips { get; init; } = 80;

    /// <summary>How many safe approaches (skin entries of the needle planner, best first) the layouts may use.</summary>
    public int MaximumApproaches { get; init; } = 3;

    /// <summary>Most layouts returned as alternatives.</summary>
    public int MaximumAlternatives { get; init; } = 8;

    /// <summary>Search strategy.</summary>
    public AblationLayoutSearch Search { get; init; } = AblationLayoutSearch.Greedy;

    /// <summary>Objective: score per mL of a protected structure inside the zone (on top of the fixed penalty for any).</summary>
    public double StructureInsidePenaltyPerMl { get; init; } = 100;

    /// <summary>Objective: score per percent of tumor + margin left uncovered (1 = one percent weighs as much as 1 mL of healthy tissue).</summary>
    public double UncoveredPenaltyPerPercent { get; init; } = 1;

    /// <summary>Objective: score per mm by which the zone comes closer to a protected structure than its clearance.</summary>
    public double ClearancePenaltyPerMm { get; init; } = 0.5;
}
