namespace Seldinger.Imaging.Thermal;

/// <summary>One phase of a bioheat schedule: how long it lasts, how strong the heat source is and what the probe does.</summary>
/// <param name="DurationSeconds">Length of the phase (s), &gt; 0.</param>
/// <param name="SourceScale">Multiplier on <see cref="BioheatProblem.HeatSource"/> during the phase (1 = on, 0 = off), ≥ 0.</param>
/// <param name="ProbeTemperatureCelsius">
/// Temperature of the <see cref="BioheatFixedKind.Probe"/> voxels during the phase (e.g. −150 °C while a cryoprobe freezes);
/// null: the probe is passive and insulating (a cryoprobe's passive thaw).
/// </param>
public sealed record BioheatPhase(double DurationSeconds, double SourceScale, double? ProbeTemperatureCelsius);
