using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// The ablation part of a stored <see cref="Plans.ProcedurePlan"/>: device, setting, probes, the zone model used and the
/// evaluation (everything but the voxel maps, which the server keeps beside the plan).
/// </summary>
public sealed record AblationPlanSummary
{
    /// <summary>Device id.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Device name as printed.</summary>
    public required string DeviceName { get; init; }

    /// <summary>RF, microwave or cryo.</summary>
    public required AblationModality Modality { get; init; }

    /// <summary>Setting id (power/time or freeze–thaw protocol).</summary>
    public required string SettingId { get; init; }

    /// <summary>Zone model that produced the evaluated zone (<c>table</c> or <c>bioheat …</c>).</summary>
    public required string ZoneModel { get; init; }

    /// <summary>The probes, fired together.</summary>
    public required IReadOnlyList<AblationProbe> Probes { get; init; }

    /// <summary>The margin the plan aims for around the tumor (mm).</summary>
    public required double PlannedMarginMm { get; init; }

    /// <summary>Tumor, then tumor + each margin.</summary>
    public required IReadOnlyList<AblationCoverage> Coverage { get; init; }

    /// <summary>Minimal ablative margin (mm); negative when part of the tumor is outside the zone.</summary>
    public required double MinimalMarginMm { get; init; }

    /// <summary>Where the minimal margin is.</summary>
    public required WorldPoint MinimalMarginAt { get; init; }

    /// <summary>Fraction of the tumor surface with a margin of at least 5 mm.</summary>
    public required double SurfaceFractionAtLeast5Mm { get; init; }

    /// <summary>Fraction of the tumor surface with a margin of at least 10 mm.</summary>
    public required double SurfaceFractionAtLeast10Mm { get; init; }

    /// <summary>Lethal zone volume (mL).</summary>
    public required double ZoneVolumeMl { get; init; }

    /// <summary>Zone outside tumor + margin (mL).</summary>
    public required double HealthyTissueAblatedMl { get; init; }

    /// <summary>Structures inside or near the zone.</summary>
    public IReadOnlyList<AblationStructureAtRisk> StructuresAtRisk { get; init; } = [];

    /// <summary>Large vessels cooling the zone.</summary>
    public IReadOnlyList<AblationHeatSink> HeatSinks { get; init; } = [];

    /// <summary>Protection flags.</summary>
    public IReadOnlyList<AblationProtectionSuggestion> Suggestions { get; init; } = [];

    /// <summary>The layouts compared, the chosen one first.</summary>
    public IReadOnlyList<AblationAlternative> Alternatives { get; init; } = [];
}
