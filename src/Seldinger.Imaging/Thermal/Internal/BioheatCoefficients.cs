namespace Seldinger.Imaging.Thermal.Internal;

/// <summary>Per-material float coefficients of the discretisation, computed once per run in double and rounded to float.</summary>
internal sealed class BioheatCoefficients
{
    public const float KelvinOffset = 273.15f;
    public const float GasConstant = 8.314462618f;

    public BioheatCoefficients(BioheatProblem problem, BioheatOptions options)
    {
        var materials = problem.Materials;
        var count = materials.Count;
        MaterialCount = count;
        InverseCapacity = new float[count];
        InverseFrozenCapacity = new float[count];
        InverseMushyCapacity = new float[count];
        Conductivity = new float[count];
        FrozenConductivity = new float[count];
        PerfusionRate = new float[count];
        LogFrequencyFactor = new float[count];
        ActivationTemperature = new float[count];
        var g = problem.Geometry;
        double[] h = [g.SpacingI * 1e-3, g.SpacingJ * 1e-3, g.SpacingK * 1e-3];
        InverseSpacingSquared = [(float)(1 / (h[0] * h[0])), (float)(1 / (h[1] * h[1])), (float)(1 / (h[2] * h[2]))];
        var range = problem.PhaseChangeHighCelsius - problem.PhaseChangeLowCelsius;
        for (var m = 0; m < count; m++)
        {
            var a = materials[m];
            InverseCapacity[m] = (float)(1 / (a.Density * a.SpecificHeat));
            InverseFrozenCapacity[m] = (float)(1 / (a.Density * a.FrozenSpecificHeat));
            InverseMushyCapacity[m] = (float)(1 / (a.Density * ((0.5 * (a.SpecificHeat + a.FrozenSpecificHeat)) + (a.LatentHeat / range))));
            Conductivity[m] = (float)a.Conductivity;
            FrozenConductivity[m] = (float)a.FrozenConductivity;
            PerfusionRate[m] = (float)(problem.BloodVolumetricHeatCapacity * a.Perfusion);
            LogFrequencyFactor[m] = (float)Math.Log(a.ArrheniusFrequencyFactor);
            ActivationTemperature[m] = (float)(a.ArrheniusActivationEnergy / GasConstant);
        }

        FaceConductance = new float[3][];
        for (var axis = 0; axis < 3; axis++)
        {
            var table = new float[count * count];
            for (var a = 0; a < count; a++)
            {
                for (var b = 0; b < count; b++)
                {
                    double ka = materials[a].Conductivity, kb = materials[b].Conductivity;
                    var face = a == b ? ka : 2 * ka * kb / (ka + kb);
                    table[(a * count) + b] = (float)(face / (h[axis] * h[axis]));
                }
            }

            FaceConductance[axis] = table;
        }

        PhaseLow = (float)problem.PhaseChangeLowCelsius;
        PhaseHigh = (float)problem.PhaseChangeHighCelsius;
        InversePhaseRange = (float)(1 / range);
        BloodTemperature = (float)problem.BloodTemperatureCelsius;
        SourceCutoff = (float)problem.SourceCutoffCelsius;
        DamageThreshold = (float)options.DamageThresholdCelsius;
        ColdTracking = (float)options.ColdTrackingCelsius;
        ColdActivity = Math.Max(ColdTracking, PhaseHigh);
    }

    public int MaterialCount { get; }

    /// <summary>1/(ρ c) unfrozen, frozen, and in the phase-change range (apparent heat capacity).</summary>
    public float[] InverseCapacity { get; }

    public float[] InverseFrozenCapacity { get; }

    public float[] InverseMushyCapacity { get; }

    public float[] Conductivity { get; }

    public float[] FrozenConductivity { get; }

    /// <summary>ρ_b c_b ω (W/m³/K).</summary>
    public float[] PerfusionRate { get; }

    public float[] LogFrequencyFactor { get; }

    /// <summary>Ea / R (K).</summary>
    public float[] ActivationTemperature { get; }

    /// <summary>Per axis (i, j, k), the unfrozen face conductance k_face / h² of material pair (a, b) at [a · count + b].</summary>
    public float[][] FaceConductance { get; }

    public float[] InverseSpacingSquared { get; }

    public float PhaseLow { get; }

    public float PhaseHigh { get; }

    public float InversePhaseRange { get; }

    public float BloodTemperature { get; }

    /// <summary>The source acts only below this temperature (float; +∞ for none).</summary>
    public float SourceCutoff { get; }

    public float DamageThreshold { get; }

    public float ColdTracking { get; }

    /// <summary>A row whose voxels reach this or colder leaves the fast path for good.</summary>
    public float ColdActivity { get; }

    /// <summary>Conductivity of material <paramref name="m"/> at temperature <paramref name="t"/>: linear across the phase-change range.</summary>
    public float ConductivityAt(int m, float t)
    {
        if (t >= PhaseHigh)
        {
            return Conductivity[m];
        }

        if (t <= PhaseLow)
        {
            return FrozenConductivity[m];
        }

        return FrozenConductivity[m] + ((Conductivity[m] - FrozenConductivity[m]) * ((t - PhaseLow) * InversePhaseRange));
    }

    /// <summary>1/C at temperature <paramref name="t"/>: unfrozen at or above the high end, frozen at or below the low end, apparent in between.</summary>
    public float InverseCapacityAt(int m, float t) =>
        t >= PhaseHigh ? InverseCapacity[m] : t <= PhaseLow ? InverseFrozenCapacity[m] : InverseMushyCapacity[m];
}
