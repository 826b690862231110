using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Thermal;

/// <summary>
/// A Pennes bioheat problem on a voxel grid: a material index per voxel into <see cref="Materials"/>, the heat source,
/// the fixed-temperature voxels (large vessels, probes) and the blood the perfusion term brings in.
/// </summary>
/// <remarks>Spacing is read in millimetres from the grid and used in metres; temperatures are °C.</remarks>
public sealed class BioheatProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="materialIndex">Per voxel, an index into <paramref name="materials"/>; its geometry is the problem's grid.</param>
    /// <param name="materials">The material table (1 to 255 entries).</param>
    /// <param name="bloodTemperatureCelsius">Arterial blood temperature T_b (°C): the perfusion term's target, the start temperature unless <see cref="InitialTemperature"/> is set, and the temperature of <see cref="BioheatFixedKind.Blood"/> voxels.</param>
    /// <param name="bloodVolumetricHeatCapacity">ρ_b c_b of blood (J/m³/K).</param>
    /// <exception cref="ArgumentException">A material is invalid, an index has no material, or a blood property is not a positive finite number.</exception>
    public BioheatProblem(Volume<byte> materialIndex, IReadOnlyList<BioheatMaterial> materials, double bloodTemperatureCelsius, double bloodVolumetricHeatCapacity)
    {
        ArgumentNullException.ThrowIfNull(materialIndex);
        ArgumentNullException.ThrowIfNull(materials);
        if (materials.Count is 0 or > 255)
        {
            throw new ArgumentException($"A bioheat problem needs 1 to 255 materials, not {materials.Count}.", nameof(materials));
        }

        foreach (var material in materials)
        {
            ArgumentNullException.ThrowIfNull(material, nameof(materials));
            material.Validate();
        }

        if (!double.IsFinite(bloodTemperatureCelsius) || bloodTemperatureCelsius is < -100 or > 100)
        {
            throw new ArgumentException($"The blood temperature {bloodTemperatureCelsius} °C is not plausible.", nameof(bloodTemperatureCelsius));
        }

        if (!double.IsFinite(bloodVolumetricHeatCapacity) || bloodVolumetricHeatCapacity <= 0)
        {
            throw new ArgumentException($"The blood's volumetric heat capacity must be a positive finite number (J/m³/K), not {bloodVolumetricHeatCapacity}.", nameof(bloodVolumetricHeatCapacity));
        }

        var present = new bool[256];
        foreach (var m in materialIndex.Voxels)
        {
            present[m] = true;
        }

        for (var m = materials.Count; m < 256; m++)
        {
            if (present[m])
            {
                throw new ArgumentException($"The material index uses material {m} but the table has only {materials.Count} materials.", nameof(materialIndex));
            }
        }

        MaterialIndex = materialIndex;
        Materials = materials;
        BloodTemperatureCelsius = bloodTemperatureCelsius;
        BloodVolumetricHeatCapacity = bloodVolumetricHeatCapacity;
        MaterialPresent = present.Take(materials.Count).ToArray();
    }

    /// <summary>The grid.</summary>
    public VolumeGeometry Geometry => MaterialIndex.Geometry;

    /// <summary>Per voxel, an index into <see cref="Materials"/>.</summary>
    public Volume<byte> MaterialIndex { get; }

    /// <summary>The material table.</summary>
    public IReadOnlyList<BioheatMaterial> Materials { get; }

    /// <summary>Whether each material of the table occurs in <see cref="MaterialIndex"/>.</summary>
    public IReadOnlyList<bool> MaterialPresent { get; }

    /// <summary>Arterial blood temperature (°C).</summary>
    public double BloodTemperatureCelsius { get; }

    /// <summary>ρ_b c_b of blood (J/m³/K).</summary>
    public double BloodVolumetricHeatCapacity { get; }

    /// <summary>Start temperature (°C) on the same grid; null: <see cref="BloodTemperatureCelsius"/> everywhere.</summary>
    public Volume<float>? InitialTemperature { get; init; }

    /// <summary>Heat deposited (W/m³, ≥ 0) on the same grid, scaled by each phase's <see cref="BioheatPhase.SourceScale"/>; null: none.</summary>
    public Volume<float>? HeatSource { get; init; }

    /// <summary>Fixed-temperature voxels (<see cref="BioheatFixedKind"/> values) on the same grid; null: none.</summary>
    public Volume<byte>? Fixed { get; init; }

    /// <summary>
    /// The heat source acts only in voxels colder than this (°C); at or above it the voxel's deposition stops, as when
    /// tissue at the electrode boils and desiccates and its impedance rises. +∞ (the default): no limit.
    /// </summary>
    public double SourceCutoffCelsius { get; init; } = double.PositiveInfinity;

    /// <summary>Lower end of the phase-change range (°C): fully frozen at or below it.</summary>
    public double PhaseChangeLowCelsius { get; init; } = -8;

    /// <summary>Upper end of the phase-change range (°C): unfrozen at or above it; perfusion stops below it.</summary>
    public double PhaseChangeHighCelsius { get; init; } = -1;

    /// <summary>Throws when the optional volumes or the phase-change range are inconsistent.</summary>
    /// <exception cref="ArgumentException">The message says which part and why.</exception>
    public void Validate()
    {
        if (!double.IsFinite(PhaseChangeLowCelsius) || !double.IsFinite(PhaseChangeHighCelsius) || PhaseChangeLowCelsius >= PhaseChangeHighCelsius)
        {
            throw new ArgumentException($"The phase-change range {PhaseChangeLowCelsius}…{PhaseChangeHighCelsius} °C must be finite with its low end below its high end.");
        }

        if (double.IsNaN(SourceCutoffCelsius))
        {
            throw new ArgumentException("The source cut-off temperature is not a number.");
        }

        if (InitialTemperature is { } initial)
        {
            SameGrid(initial.Geometry, nameof(InitialTemperature));
            foreach (var t in initial.Voxels)
            {
                if (!float.IsFinite(t) || t is < -273 or > 1000)
                {
                    throw new ArgumentException($"The initial temperature holds an implausible value ({t} °C).");
                }
            }
        }

        if (HeatSource is { } source)
        {
            SameGrid(source.Geometry, nameof(HeatSource));
            foreach (var q in source.Voxels)
            {
                if (!float.IsFinite(q) || q < 0)
                {
                    throw new ArgumentException($"The heat source must be finite and ≥ 0 W/m³ everywhere; it holds {q}.");
                }
            }
        }

        if (Fixed is { } fixedVoxels)
        {
            SameGrid(fixedVoxels.Geometry, nameof(Fixed));
            foreach (var f in fixedVoxels.Voxels)
            {
                if (f > (byte)BioheatFixedKind.Probe)
                {
                    throw new ArgumentException($"The fixed-voxel map holds {f}; only 0 (free), 1 (blood) and 2 (probe) are defined.");
                }
            }
        }
    }

    /// <summary>
    /// The largest stable time step (s) of the explicit scheme for this problem and schedule:
    /// min over the materials present of C_min / (2 K_max (1/Δx² + 1/Δy² + 1/Δz²) + ρ_b c_b ω), where C_min is the smallest
    /// volumetric heat capacity the material can have and K_max the largest harmonic-mean face conductivity it can have with
    /// any material present. Frozen properties count only when something can freeze (a start temperature or a probe
    /// temperature below <see cref="PhaseChangeHighCelsius"/>). Every free voxel's update is then a convex combination.
    /// </summary>
    public double MaxStableTimeStepSeconds(IReadOnlyList<BioheatPhase> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var canFreeze = CanFreeze(schedule);
        var g = Geometry;
        double hx = g.SpacingI * 1e-3, hy = g.SpacingJ * 1e-3, hz = g.SpacingK * 1e-3;
        var inverseSquares = (1 / (hx * hx)) + (1 / (hy * hy)) + (1 / (hz * hz));
        var limit = double.PositiveInfinity;
        for (var m = 0; m < Materials.Count; m++)
        {
            if (!MaterialPresent[m])
            {
                continue;
            }

            var a = Materials[m];
            var capacity = a.Density * (canFreeze ? Math.Min(a.SpecificHeat, a.FrozenSpecificHeat) : a.SpecificHeat);
            var kA = canFreeze ? Math.Max(a.Conductivity, a.FrozenConductivity) : a.Conductivity;
            var kMax = 0.0;
            for (var n = 0; n < Materials.Count; n++)
            {
                if (!MaterialPresent[n])
                {
                    continue;
                }

                var b = Materials[n];
                var kB = canFreeze ? Math.Max(b.Conductivity, b.FrozenConductivity) : b.Conductivity;
                kMax = Math.Max(kMax, 2 * kA * kB / (kA + kB));
            }

            var rate = (2 * kMax * inverseSquares) + (BloodVolumetricHeatCapacity * a.Perfusion);
            limit = Math.Min(limit, capacity / rate);
        }

        return limit;
    }

    /// <summary>Whether any voxel can get below <see cref="PhaseChangeHighCelsius"/> during the schedule.</summary>
    public bool CanFreeze(IReadOnlyList<BioheatPhase> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (BloodTemperatureCelsius < PhaseChangeHighCelsius)
        {
            return true;
        }

        if (Fixed is not null && schedule.Any(p => p.ProbeTemperatureCelsius < PhaseChangeHighCelsius))
        {
            return true;
        }

        return InitialTemperature is { } initial && initial.Voxels.Any(t => t < PhaseChangeHighCelsius);
    }

    private void SameGrid(VolumeGeometry geometry, string what)
    {
        if (geometry != Geometry)
        {
            throw new ArgumentException($"{what} is not on the material index's grid.");
        }
    }
}
