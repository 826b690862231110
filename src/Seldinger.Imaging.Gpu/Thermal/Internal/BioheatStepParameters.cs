namespace Seldinger.Imaging.Gpu.Thermal.Internal;

/// <summary>Scalars of one time-step launch (everything but the volumes and the coefficient table).</summary>
internal struct BioheatStepParameters
{
    public int SizeI;
    public int SizeJ;
    public int SizeK;

    /// <summary>Voxels along k that one thread marches through.</summary>
    public int ChunkLength;

    /// <summary>Threads launched for <see cref="BioheatKernels.StepListed"/>: its grid stride over the general list.</summary>
    public int Stride;

    /// <summary>Materials in the table (M).</summary>
    public int MaterialCount;

    /// <summary>1 when the problem has a fixed-voxel map.</summary>
    public int HasFixed;

    /// <summary>1 when the phase holds the probe at <see cref="ProbeTemperature"/>; 0: passive, insulating probe.</summary>
    public int ProbeHeld;

    public float Dt;
    public float DtMinutes;
    public float SourceScale;
    public float ProbeTemperature;
    public float PhaseLow;
    public float PhaseHigh;
    public float InversePhaseRange;
    public float BloodTemperature;

    /// <summary>The source acts only where the old temperature is below this (°C; +∞: always).</summary>
    public float SourceCutoff;

    public float DamageThreshold;
    public float ColdTracking;
    public float InverseSpacingSquaredI;
    public float InverseSpacingSquaredJ;
    public float InverseSpacingSquaredK;

    /// <summary>(float)ln 0.5 and (float)ln 0.25: the CEM43 base R above and below 43 °C.</summary>
    public float LnHalf;
    public float LnQuarter;
}
