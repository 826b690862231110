namespace Seldinger.Server.Contracts;

/// <summary>Answer of <c>POST /api/plans/{planId}/ablation/confirm</c>: the zone segmented on the post-ablation CT and its margin.</summary>
/// <param name="AchievedMinimalMarginMm">Minimal ablative margin of the segmented zone around the planning tumor (mm); negative when tumor lies outside it.</param>
/// <param name="At">Where that minimal margin is (planning space, LPS mm).</param>
/// <param name="CoveredFraction">Fraction of the tumor inside the segmented zone.</param>
/// <param name="ZoneVolumeMl">Volume of the segmented zone (mL).</param>
/// <param name="PlannedMinimalMarginMm">The plan's predicted minimal margin (mm), for comparison; null when the plan has none.</param>
/// <param name="Registration">The registration of the planning CT onto the post-ablation CT.</param>
/// <param name="PostSeriesUid">The imported post-ablation series, or null for a simulated one.</param>
public sealed record AblationConfirmationDto(
    double AchievedMinimalMarginMm,
    PointDto At,
    double CoveredFraction,
    double ZoneVolumeMl,
    double? PlannedMinimalMarginMm,
    AblationRegistrationDto Registration,
    string? PostSeriesUid);
