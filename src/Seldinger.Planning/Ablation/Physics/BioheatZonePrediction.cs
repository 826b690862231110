using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Planning.Ablation.Physics;

/// <summary>A bioheat zone with what the simulation behind it did.</summary>
/// <param name="Zone">The zone on the label map's grid.</param>
/// <param name="Simulation">The engine's result on the simulation grid.</param>
/// <param name="SimulationGrid">The simulation grid (a crop of the label map around the probes, resampled).</param>
/// <param name="HeatSinkVoxels">Vessel voxels of the simulation grid held at blood temperature.</param>
/// <param name="Schedule">The phases simulated.</param>
public sealed record BioheatZonePrediction(AblationZone Zone, BioheatResult Simulation, VolumeGeometry SimulationGrid, int HeatSinkVoxels, IReadOnlyList<BioheatPhase> Schedule);
