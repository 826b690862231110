using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation;

/// <summary>A vessel large enough to cool a heat-based zone (lumen ≥ the catalogue's heat-sink diameter) running next to it.</summary>
/// <param name="Structure">Label name (Artery, Vein, Vessel).</param>
/// <param name="DiameterMm">Lumen diameter where it passes closest (mm).</param>
/// <param name="DistanceMm">Distance from the zone's surface (mm); 0 when it runs through the zone.</param>
/// <param name="At">The vessel's point nearest to the zone (mm, LPS).</param>
public sealed record AblationHeatSink(string Structure, double DiameterMm, double DistanceMm, WorldPoint At);
