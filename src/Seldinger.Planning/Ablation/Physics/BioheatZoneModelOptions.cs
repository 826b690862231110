namespace Seldinger.Planning.Ablation.Physics;

/// <summary>How <see cref="BioheatZoneModel"/> builds its simulation.</summary>
public sealed record BioheatZoneModelOptions
{
    /// <summary>Most voxels a simulation crop may have; a larger one is refused (raise <see cref="GridSpacingMm"/>).</summary>
    public const int MaxCropVoxels = 256 * 256 * 256;

    /// <summary>Isotropic spacing of the simulation grid (mm); the label map is resampled to it by nearest neighbour.</summary>
    public double GridSpacingMm { get; init; } = 1;

    /// <summary>The crop reaches this many times the chart zone's half-extent from the zone's centre, plus <see cref="CropMarginMm"/>.</summary>
    public double CropScale { get; init; } = 1.5;

    /// <summary>Margin added around the scaled chart zone (mm).</summary>
    public double CropMarginMm { get; init; } = 10;

    /// <summary>Vessels with a lumen at least this wide (mm) are held at blood temperature; null: the rf-ablation procedure's <c>heatSinkVesselDiameterMm</c> from the catalogue.</summary>
    public double? HeatSinkVesselDiameterMm { get; init; }

    /// <summary>Cryo: the lethal isotherm (°C); null: the device library's, else −40 °C.</summary>
    public double? CryoLethalIsothermCelsius { get; init; }

    /// <summary>Time step passed to the engine (s); null: the engine's default (a fraction of the stable limit).</summary>
    public double? TimeStepSeconds { get; init; }
}
