namespace Seldinger.Imaging.Thermal;

/// <summary>What holds a voxel's temperature (the values of <see cref="BioheatProblem.Fixed"/>).</summary>
public enum BioheatFixedKind : byte
{
    /// <summary>0 — free tissue: the bioheat equation decides its temperature.</summary>
    Free = 0,

    /// <summary>1 — a large vessel's lumen, held at <see cref="BioheatProblem.BloodTemperatureCelsius"/> (the heat sink).</summary>
    Blood = 1,

    /// <summary>
    /// 2 — a probe: held at the phase's <see cref="BioheatPhase.ProbeTemperatureCelsius"/> while it has one (cryoprobe freezing,
    /// temperature-controlled electrode); in a phase without one the probe is passive and insulating (no heat crosses its faces).
    /// </summary>
    Probe = 2,
}
