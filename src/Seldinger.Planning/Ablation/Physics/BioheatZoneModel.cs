using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;
using Seldinger.Planning.Ablation.Physics.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Physics;

/// <summary>
/// The ablation zone from a Pennes bioheat simulation on the label map: a crop around the probes resampled to
/// <see cref="BioheatZoneModelOptions.GridSpacingMm"/>, tissue labels drawn with the materials of
/// <see cref="TissueThermalProperties"/>, vessels at least the heat-sink diameter wide held at blood temperature, and the
/// probes' sources (RF: 1/d⁴ around the active tip; microwave: an elongated pattern along the antenna; cryo: probe voxels
/// held at the probe temperature through the freeze–thaw protocol). Heat: lethal where Ω ≥ the lethal Ω, isotherms
/// from the peak temperature; cryo: lethal where the coldest temperature reached the lethal isotherm. The result is
/// interpolated back onto the label map's grid. See docs/ablation-physics.md.
/// </summary>
public sealed class BioheatZoneModel : IAblationZoneModel
{
    private static readonly TissueLabel[] VesselLabels = [TissueLabel.Vessel, TissueLabel.Artery, TissueLabel.Vein, TissueLabel.Aneurysm];

    /// <summary>Creates the model.</summary>
    /// <param name="engine">The bioheat engine; null: <see cref="CpuBioheatEngine"/> on every core.</param>
    /// <param name="options">Grid and heat-sink options; null: the defaults.</param>
    /// <param name="properties">Tissue properties; null: the shipped ones.</param>
    public BioheatZoneModel(IBioheatEngine? engine = null, BioheatZoneModelOptions? options = null, TissueThermalProperties? properties = null)
    {
        Engine = engine ?? new CpuBioheatEngine();
        Options = options ?? new BioheatZoneModelOptions();
        Properties = properties ?? TissueThermalProperties.LoadDefault();
        if (!double.IsFinite(Options.GridSpacingMm) || Options.GridSpacingMm is < 0.2 or > 5)
        {
            throw new ArgumentException($"The simulation grid spacing must be between 0.2 and 5 mm, not {Options.GridSpacingMm}.", nameof(options));
        }

        if (!double.IsFinite(Options.CropScale) || Options.CropScale < 1 || !double.IsFinite(Options.CropMarginMm) || Options.CropMarginMm < 0)
        {
            throw new ArgumentException("The crop scale must be at least 1 and the crop margin at least 0 mm.", nameof(options));
        }
    }

    /// <summary>The engine that runs the simulation.</summary>
    public IBioheatEngine Engine { get; }

    /// <summary>The options.</summary>
    public BioheatZoneModelOptions Options { get; }

    /// <summary>The tissue properties.</summary>
    public TissueThermalProperties Properties { get; }

    /// <inheritdoc />
    public string Name => $"bioheat ({Engine.Name})";

    /// <inheritdoc />
    public AblationZone Predict(AblationZoneRequest request, CancellationToken cancellationToken = default) =>
        Simulate(request, null, cancellationToken).Zone;

    /// <summary>Predicts the zone and returns it with the simulation behind it.</summary>
    /// <exception cref="PlanningException">A probe names an unknown device or setting, lies outside the volume, the probes mix modalities or protocols, or the crop is too large.</exception>
    public BioheatZonePrediction Simulate(AblationZoneRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Labels is null || request.Probes is null || request.Devices is null)
        {
            throw new PlanningException("A zone prediction needs a label map, probes and a device library.");
        }

        if (request.Probes.Count == 0)
        {
            throw new PlanningException("A zone prediction needs at least one probe.");
        }

        var full = request.Labels.Geometry;
        var placed = new List<PlacedProbe>();
        for (var n = 0; n < request.Probes.Count; n++)
        {
            var probe = request.Probes[n];
            var setting = TableZoneModel.Resolve(request.Devices, probe, n);
            var device = request.Devices.Device(probe.DeviceId);
            var axis = TableZoneModel.Axis(probe, n);
            if (!full.TryGetVoxel(probe.Tip, out _))
            {
                throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"Probe {n + 1}'s tip {probe.Tip} lies outside the volume."));
            }

            placed.Add(new PlacedProbe(probe, device, setting, axis));
        }

        var modality = placed[0].Device.Modality;
        if (placed.Any(p => p.Device.Modality != modality))
        {
            throw new PlanningException("The bioheat model simulates probes of one modality at a time; these probes mix RF, microwave and cryo.");
        }

        var schedule = Schedule(placed, modality);
        var crop = BioheatCrop.Covering(full, placed.SelectMany(CropCorners), Options.GridSpacingMm);
        var labels = crop.Resample(request.Labels);
        var grid = crop.Grid;

        // Materials of the labels present, in label order.
        var present = new bool[256];
        foreach (var v in labels.Voxels)
        {
            present[v] = true;
        }

        var materials = new List<BioheatMaterial>();
        var materialIds = new List<string>();
        var labelMaterial = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            if (!present[v])
            {
                continue;
            }

            if (!Enum.IsDefined((TissueLabel)v))
            {
                throw new PlanningException($"The label map holds value {v}, which is no tissue label.");
            }

            var material = Properties.MaterialFor((TissueLabel)v);
            var index = materialIds.IndexOf(material.Id);
            if (index < 0)
            {
                index = materials.Count;
                materials.Add(material.Material);
                materialIds.Add(material.Id);
            }

            labelMaterial[v] = (byte)index;
        }

        var materialIndex = new Volume<byte>(grid);
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            materialIndex.Voxels[n] = labelMaterial[labels.Voxels[n]];
        }

        var fixedVoxels = new Volume<byte>(grid);
        Volume<float>? source = null;
        double cutoff = double.PositiveInfinity;
        foreach (var p in placed)
        {
            var tips = p.Device.Kind == AblationDeviceKind.RadiofrequencyCluster && p.Device.ClusterSpacingMm is { } spacing
                ? ProbeSources.ClusterTips(p.Probe.Tip, p.Axis, spacing)
                : [p.Probe.Tip];
            if (modality == AblationModality.Cryo)
            {
                foreach (var tip in tips)
                {
                    ProbeSources.MarkProbe(fixedVoxels, tip, p.Axis, p.Device.ActiveTipLengthMm, Properties.CryoProbeRadiusMm);
                }
            }
            else if (p.Setting.PowerWatts is null)
            {
                // A temperature-controlled electrode: the active tip is held at the controlled temperature.
                foreach (var tip in tips)
                {
                    ProbeSources.MarkProbe(fixedVoxels, tip, p.Axis, p.Device.ActiveTipLengthMm, 0.5 * GaugeDiameterMm(p.Device.Gauge));
                }
            }
            else
            {
                source ??= new Volume<float>(grid);
                var parameters = modality == AblationModality.Microwave ? Properties.Microwave : Properties.Radiofrequency;
                cutoff = Math.Min(cutoff, parameters.SourceCutoffCelsius);
                foreach (var tip in tips)
                {
                    ProbeSources.AddHeat(source, tip, p.Axis, p.Device.ActiveTipLengthMm, p.Setting.PowerWatts.Value / tips.Length, parameters, modality == AblationModality.Microwave);
                }
            }
        }

        var vesselValues = VesselLabels.Select(l => (byte)l).ToArray();
        var heatSinks = ProbeSources.MarkHeatSinks(labels, v => Array.IndexOf(vesselValues, v) >= 0, HeatSinkDiameter(), fixedVoxels);
        var problem = new BioheatProblem(materialIndex, materials, Properties.BloodTemperatureCelsius, Properties.BloodVolumetricHeatCapacity)
        {
            HeatSource = source,
            Fixed = fixedVoxels,
            PhaseChangeLowCelsius = Properties.PhaseChangeLowCelsius,
            PhaseChangeHighCelsius = Properties.PhaseChangeHighCelsius,
            SourceCutoffCelsius = cutoff,
        };
        var result = Engine.Run(problem, schedule, new BioheatOptions { TimeStepSeconds = Options.TimeStepSeconds }, progress, cancellationToken);
        var zone = Paste(request, crop, result, modality, request.Devices);
        return new BioheatZonePrediction(zone, result, grid, heatSinks, schedule);
    }

    private AblationZone Paste(AblationZoneRequest request, BioheatCrop crop, BioheatResult result, AblationModality modality, AblationDeviceLibrary devices)
    {
        var full = request.Labels.Geometry;
        var lethal = new Volume<byte>(full);
        var extreme = new Volume<float>(full);
        Array.Fill(extreme.Voxels, (float)Properties.BloodTemperatureCelsius);
        var cryo = modality == AblationModality.Cryo;
        crop.Paste(cryo ? result.ColdestTemperature.Voxels : result.PeakTemperature.Voxels, (n, t) => extreme.Voxels[n] = t);
        if (cryo)
        {
            var lethalIsotherm = Options.CryoLethalIsothermCelsius ?? devices.CryoLethalIsothermCelsius ?? -40;
            for (var n = 0; n < lethal.Voxels.Length; n++)
            {
                lethal.Voxels[n] = extreme.Voxels[n] <= lethalIsotherm ? (byte)1 : (byte)0;
            }
        }
        else
        {
            var threshold = (float)Properties.LethalOmega;
            crop.Paste(result.Damage.Voxels, (n, omega) => lethal.Voxels[n] = omega >= threshold ? (byte)1 : (byte)0);
        }

        var isotherms = new List<AblationZoneIsotherm>();
        foreach (var temperature in cryo ? Properties.CryoIsothermsCelsius : Properties.HeatIsothermsCelsius)
        {
            var mask = new Volume<byte>(full);
            var t = (float)temperature;
            for (var n = 0; n < mask.Voxels.Length; n++)
            {
                mask.Voxels[n] = (cryo ? extreme.Voxels[n] <= t : extreme.Voxels[n] >= t) ? (byte)1 : (byte)0;
            }

            isotherms.Add(new AblationZoneIsotherm(temperature, mask));
        }

        return new AblationZone(Name, request.Probes, lethal, isotherms, extreme);
    }

    private List<BioheatPhase> Schedule(List<PlacedProbe> placed, AblationModality modality)
    {
        var first = placed[0];
        if (modality == AblationModality.Cryo)
        {
            var protocol = first.Setting.FreezeThawMinutes.Count > 0 ? first.Setting.FreezeThawMinutes : [first.Setting.DurationMinutes];
            if (placed.Any(p => !(p.Setting.FreezeThawMinutes.Count > 0 ? p.Setting.FreezeThawMinutes : [p.Setting.DurationMinutes]).SequenceEqual(protocol)))
            {
                throw new PlanningException("The bioheat model needs every cryoprobe on the same freeze–thaw protocol.");
            }

            if (placed.Any(p => p.Device.ProbeTemperatureCelsius != first.Device.ProbeTemperatureCelsius || p.Device.ProbeTemperatureCelsius is null))
            {
                throw new PlanningException("The bioheat model needs a probe temperature, the same for every cryoprobe; the device library lacks it or they differ.");
            }

            var probe = first.Device.ProbeTemperatureCelsius!.Value;
            return [.. protocol.Select((minutes, phase) => new BioheatPhase(minutes * 60, 0, phase % 2 == 0 ? probe : null))];
        }

        if (placed.Any(p => p.Setting.DurationMinutes != first.Setting.DurationMinutes))
        {
            throw new PlanningException("The bioheat model needs every probe fired for the same time; these settings differ in duration.");
        }

        if (placed.Any(p => (p.Setting.PowerWatts is null) != (first.Setting.PowerWatts is null)))
        {
            throw new PlanningException("The bioheat model cannot mix power-controlled and temperature-controlled electrodes.");
        }

        return first.Setting.PowerWatts is null
            ? [new BioheatPhase(first.Setting.DurationMinutes * 60, 0, Properties.TemperatureControlledCelsius)]
            : [new BioheatPhase(first.Setting.DurationMinutes * 60, 1, null)];
    }

    /// <summary>Corners of the crop box one probe needs: its chart zone's world bounding box, scaled about its centre and grown by the margin.</summary>
    private IEnumerable<WorldPoint> CropCorners(PlacedProbe p)
    {
        var shape = p.Setting.Isotherms.Count > 0 ? p.Setting.Isotherms.MaxBy(i => i.Shape.LengthMm * i.Shape.DiameterMm)!.Shape : p.Setting.Zone;
        var centre = p.Probe.Tip - (p.Axis * ((shape.LengthMm / 2) - shape.DistalExtentBeyondTipMm));
        double a = shape.LengthMm / 2, r = shape.DiameterMm / 2;
        var cluster = p.Device.ClusterSpacingMm ?? 0;
        double Half(double component) =>
            (Options.CropScale * Math.Sqrt((a * a * component * component) + (r * r * (1 - (component * component))))) + Options.CropMarginMm + cluster;
        var half = new Vector3D(Half(p.Axis.X), Half(p.Axis.Y), Half(p.Axis.Z));
        for (var c = 0; c < 8; c++)
        {
            yield return centre + new Vector3D((c & 1) == 0 ? -half.X : half.X, (c & 2) == 0 ? -half.Y : half.Y, (c & 4) == 0 ? -half.Z : half.Z);
        }
    }

    private double HeatSinkDiameter()
    {
        if (Options.HeatSinkVesselDiameterMm is { } diameter)
        {
            return diameter;
        }

        var parameter = ProcedureCatalogue.Default.Find("rf-ablation")?.Parameters.FirstOrDefault(p => p.Name == "heatSinkVesselDiameterMm");
        return parameter?.Value ?? throw new PlanningException("The procedure catalogue's rf-ablation entry has no heatSinkVesselDiameterMm; give the heat-sink diameter as an option.");
    }

    /// <summary>Outer diameter (mm) of a needle of gauge <paramref name="gauge"/>: log-linear through the Birmingham gauge's 13 G (2.413 mm) and 18 G (1.270 mm), within 3 % from 13 to 19 G.</summary>
    private static double GaugeDiameterMm(double gauge) => 2.413 * Math.Pow(1.270 / 2.413, (gauge - 13) / 5);

    private sealed record PlacedProbe(AblationProbe Probe, AblationDevice Device, AblationSetting Setting, Vector3D Axis);
}
