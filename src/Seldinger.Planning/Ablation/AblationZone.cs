using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// A predicted (or, after the procedure, segmented) ablation zone on the grid of the case's label map:
/// the lethal mask, the isotherms a model can draw, and the peak temperature when a physics model made it.
/// </summary>
public sealed class AblationZone
{
    /// <summary>Creates a zone.</summary>
    /// <param name="modelName">Which model made it, e.g. <c>table</c>, <c>bioheat (cpu, 2 threads)</c> or <c>segmented</c>.</param>
    /// <param name="probes">The probes it was predicted for (empty for a segmented zone).</param>
    /// <param name="lethal">1 inside the lethal zone, 0 outside, on the label map's geometry.</param>
    /// <param name="isotherms">Isotherm masks (cryo: 0, −20, −40 °C; heat: e.g. 60 °C), on the same geometry.</param>
    /// <param name="peakTemperature">Physics models: the hottest (heat) or coldest (cryo) temperature each voxel reached, °C; null otherwise.</param>
    public AblationZone(string modelName, IReadOnlyList<AblationProbe> probes, Volume<byte> lethal, IReadOnlyList<AblationZoneIsotherm> isotherms, Volume<float>? peakTemperature)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(lethal);
        ArgumentNullException.ThrowIfNull(isotherms);
        foreach (var isotherm in isotherms)
        {
            if (isotherm.Mask.Geometry != lethal.Geometry)
            {
                throw new ArgumentException($"The {isotherm.TemperatureCelsius} °C isotherm is not on the lethal zone's grid.", nameof(isotherms));
            }
        }

        if (peakTemperature is not null && peakTemperature.Geometry != lethal.Geometry)
        {
            throw new ArgumentException("The peak temperature is not on the lethal zone's grid.", nameof(peakTemperature));
        }

        ModelName = modelName;
        Probes = probes;
        Lethal = lethal;
        Isotherms = isotherms;
        PeakTemperature = peakTemperature;
    }

    /// <summary>Which model made the zone.</summary>
    public string ModelName { get; }

    /// <summary>The probes the zone was predicted for.</summary>
    public IReadOnlyList<AblationProbe> Probes { get; }

    /// <summary>1 inside the lethal zone, 0 outside.</summary>
    public Volume<byte> Lethal { get; }

    /// <summary>Isotherm masks on the same grid.</summary>
    public IReadOnlyList<AblationZoneIsotherm> Isotherms { get; }

    /// <summary>Peak (heat) or lowest (cryo) temperature per voxel, °C, when a physics model made the zone.</summary>
    public Volume<float>? PeakTemperature { get; }

    /// <summary>The grid.</summary>
    public VolumeGeometry Geometry => Lethal.Geometry;

    /// <summary>Volume of the lethal zone (mL).</summary>
    public double LethalVolumeMl
    {
        get
        {
            long count = 0;
            foreach (var v in Lethal.Voxels)
            {
                if (v != 0)
                {
                    count++;
                }
            }

            return count * Geometry.SpacingI * Geometry.SpacingJ * Geometry.SpacingK / 1000.0;
        }
    }
}
