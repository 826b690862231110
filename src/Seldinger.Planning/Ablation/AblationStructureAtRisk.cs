using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation;

/// <summary>A structure inside or near the lethal zone.</summary>
/// <param name="Structure">Label name, e.g. <c>Physis</c>, <c>Bowel</c>, <c>Skin</c>.</param>
/// <param name="DistanceMm">Shortest distance from the zone's surface to the structure (mm); 0 when they touch or overlap.</param>
/// <param name="VolumeInsideMl">Volume of the structure inside the lethal zone (mL); 0 when outside.</param>
/// <param name="RequiredMm">The clearance the procedure asks for (catalogue), mm.</param>
/// <param name="Severity">Danger when inside the zone, Caution when closer than required, Info otherwise.</param>
/// <param name="NearestPoint">The structure's point nearest to the zone (mm, LPS).</param>
public sealed record AblationStructureAtRisk(string Structure, double DistanceMm, double VolumeInsideMl, double RequiredMm, Plans.PlanWarningSeverity Severity, WorldPoint NearestPoint);
