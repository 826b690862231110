using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// Plans an ablation: chooses device setting, probe count and layout (or takes the operator's probes), predicts the
/// zone with the table or bioheat model and evaluates coverage, margins and structures at risk.
/// </summary>
public static class AblationPlanner
{
    /// <summary>Whether a catalogue procedure is an ablation (it then plans through this class).</summary>
    public static bool IsAblation(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return TryModalityOf(procedure, out _);
    }

    /// <summary>The energy an ablation procedure uses.</summary>
    /// <exception cref="PlanningException">The procedure is not an ablation.</exception>
    public static AblationModality ModalityOf(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return TryModalityOf(procedure, out var modality)
            ? modality
            : throw new PlanningException($"Procedure '{procedure.Id}' is not an ablation.");
    }

    /// <summary>Plans the ablation of the input's target label (the lesion).</summary>
    /// <exception cref="PlanningException">The procedure is not an ablation, the device or setting is unknown, or there is no lesion.</exception>
    public static AblationPlanOutcome Plan(PlanningInput input, AblationPlanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new AblationPlanOptions();
        var procedure = input.Procedure;
        var modality = ModalityOf(procedure);
        var library = options.Devices ?? AblationDeviceLibrary.LoadDefault();
        var target = procedure.Targets.Count > 0 ? procedure.Targets[0] : TissueLabel.Lesion;
        var targetVoxels = PlanParts.Mask(input.Labels, target).Count;
        if (targetVoxels == 0)
        {
            throw new PlanningException($"The label map has no {target} voxels: there is nothing to ablate.");
        }

        var margin = options.MarginMm ?? PlanParts.OptionalParameter(procedure, "ablationMarginMm") ?? 5;
        if (!double.IsFinite(margin) || margin < 0 || margin > 20)
        {
            throw new PlanningException($"The ablation margin must be 0–20 mm, not {margin}.");
        }

        IReadOnlyList<AblationProbe> probes;
        IReadOnlyList<AblationAlternative> alternatives;
        IReadOnlyDictionary<string, int> rejections = new Dictionary<string, int>();
        var considered = 1;
        var method = "layout search";
        if (options.ManualProbes is { Count: > 0 } manual)
        {
            foreach (var probe in manual)
            {
                RequireUsable(library, probe, modality, input.Labels.Geometry);
            }

            probes = manual;
            alternatives = [];
            method = "manual probes";
        }
        else
        {
            var device = options.DeviceId is null ? library.DefaultDeviceFor(procedure.Id) : library.Device(options.DeviceId);
            RequireModality(device, modality, procedure);
            var request = new Layout.AblationLayoutRequest
            {
                Input = input,
                Devices = library,
                Target = target,
                MarginMm = margin,
                DeviceId = device.Id,
                SettingId = options.SettingId,
                ProbeCount = options.ProbeCount,
                MaxProbes = options.MaxProbes,
                CoverageThreshold = CoverageGoal(procedure),
            };
            var layout = Layout.AblationLayoutPlanner.Plan(request, cancellationToken);

            // The procedure's default device first; when it cannot reach the goal and the operator named no device,
            // every device of the modality is tried and the better layout kept.
            if (!layout.Feasible && options.DeviceId is null && options.SettingId is null && library.DevicesOf(modality).Count > 1)
            {
                var wider = Layout.AblationLayoutPlanner.Plan(request with { DeviceId = null }, cancellationToken);
                if (wider.Chosen is not null && (layout.Chosen is null || (wider.Feasible && !layout.Feasible) || wider.Chosen.Score < layout.Chosen.Score))
                {
                    layout = wider;
                    method = "layout, all devices";
                }
            }

            if (layout.Chosen is null)
            {
                throw new PlanningException("No probe layout has a safe route to the tumor: "
                    + string.Join("; ", layout.Rejections.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} ({r.Value})"))) + ".");
            }

            probes = layout.Chosen.Probes;
            alternatives = layout.Alternatives;
            considered = layout.CandidatesConsidered;
            rejections = layout.Rejections;
        }

        cancellationToken.ThrowIfCancellationRequested();
        IAblationZoneModel model = options.Model == AblationZoneModelKind.Table
            ? new TableZoneModel()
            : options.BioheatModel ?? new Physics.BioheatZoneModel();
        var zone = model.Predict(new AblationZoneRequest(input.Labels, probes, library), cancellationToken);
        var evaluation = AblationEvaluator.Evaluate(input.Labels, target, zone, procedure, new AblationEvaluationOptions
        {
            ReportMarginsMm = options.ReportMarginsMm,
            PlannedMarginMm = margin,
        });
        var plan = Assemble(input, library, probes, alternatives, zone, evaluation, margin, method, cancellationToken) with
        {
            CandidatesConsidered = considered,
            Rejections = rejections,
        };
        return new AblationPlanOutcome(plan, zone, evaluation);
    }

    private static ProcedurePlan Assemble(
        PlanningInput input,
        AblationDeviceLibrary library,
        IReadOnlyList<AblationProbe> probes,
        IReadOnlyList<AblationAlternative> alternatives,
        AblationZone zone,
        AblationEvaluation evaluation,
        double margin,
        string method,
        CancellationToken cancellationToken)
    {
        var first = library.Device(probes[0].DeviceId);
        var setting = first.Setting(probes[0].SettingId);
        var goal = CoverageGoal(input.Procedure);
        var planned = evaluation.Coverage.FirstOrDefault(c => Math.Abs(c.MarginMm - margin) < 1e-9) ?? evaluation.Coverage[^1];
        var tumor = evaluation.Coverage[0];
        var warnings = new List<PlanWarning>();
        var routes = new List<PlannedRoute>();

        // Each probe path is a needle route of the procedure: the same hard constraints and warnings as any needle plan.
        for (var p = 0; p < probes.Count; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var probe = probes[p];
            var device = library.Device(probe.DeviceId);
            var needle = Needles.NeedleRoutePlanner.Plan(input with { Target = probe.Tip, ManualEntry = probe.Entry });
            var route = needle.Routes[0];
            routes.Add(route with { Kind = "probe", Description = string.Create(CultureInfo.InvariantCulture, $"probe {p + 1}: {device.Name}, {probe.SettingId}, {route.LengthMm:0} mm") });
            foreach (var w in needle.Warnings)
            {
                warnings.Add(w with { Message = $"probe {p + 1}: {w.Message}", Route = p });
            }

            if (probe.InsertedLengthMm > device.ShaftLengthMm)
            {
                warnings.Add(new PlanWarning(PlanWarningSeverity.Danger, "probe-too-short",
                    string.Create(CultureInfo.InvariantCulture, $"probe {p + 1}: the path is {probe.InsertedLengthMm:0} mm, longer than the {device.ShaftLengthMm:0} mm shaft of {device.Name}"), null, p));
            }
        }

        if (tumor.Fraction < 1)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Danger, "tumor-not-covered",
                string.Create(CultureInfo.InvariantCulture, $"the zone covers {100 * tumor.Fraction:0.#} % of the tumor; minimal margin {evaluation.Margins.MinimalMarginMm:0.0} mm")));
        }
        else if (planned.Fraction < goal)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "margin-not-covered",
                string.Create(CultureInfo.InvariantCulture, $"the zone covers {100 * planned.Fraction:0.#} % of the tumor + {margin:0.#} mm margin (goal {100 * goal:0.#} %); minimal margin {evaluation.Margins.MinimalMarginMm:0.0} mm")));
        }

        foreach (var risk in evaluation.StructuresAtRisk.Where(r => r.Severity != PlanWarningSeverity.Info))
        {
            var where = risk.VolumeInsideMl > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{risk.VolumeInsideMl:0.##} mL of the {Words(risk.Structure)} lies inside the zone")
                : string.Create(CultureInfo.InvariantCulture, $"the {Words(risk.Structure)} is {risk.DistanceMm:0.0} mm from the zone (minimum {risk.RequiredMm:0.#} mm)");
            warnings.Add(new PlanWarning(risk.Severity, "structure-at-risk", where, risk.Structure));
        }

        foreach (var sink in evaluation.HeatSinks)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "heat-sink",
                string.Create(CultureInfo.InvariantCulture, $"a {sink.DiameterMm:0.#} mm {Words(sink.Structure)} runs {sink.DistanceMm:0.0} mm from the zone and may cool it (heat sink)"), sink.Structure));
        }

        foreach (var s in evaluation.Suggestions)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "protection", s.Message, s.Structure));
        }

        var measurements = new List<PlanMeasurement>
        {
            new("probes", probes.Count, "count"),
            new("zone volume", Round(evaluation.ZoneVolumeMl, 2), "mL", zone.ModelName),
            new("minimal margin", Round(evaluation.Margins.MinimalMarginMm, 1), "mm", "signed distance from the tumor to the zone surface, negative where the tumor is outside"),
            new("healthy tissue ablated", Round(evaluation.HealthyTissueAblatedMl, 2), "mL", string.Create(CultureInfo.InvariantCulture, $"zone outside tumor + {margin:0.#} mm")),
        };
        foreach (var c in evaluation.Coverage)
        {
            measurements.Add(new PlanMeasurement($"coverage of {c.Name}", Round(100 * c.Fraction, 1), "%", string.Create(CultureInfo.InvariantCulture, $"{c.VolumeMl:0.##} mL")));
        }

        var points = new List<PlanPoint>();
        for (var p = 0; p < probes.Count; p++)
        {
            points.Add(new PlanPoint($"probe {p + 1} tip", "probe-tip", probes[p].Tip));
        }

        points.Add(new PlanPoint("minimal margin", "minimal-margin", evaluation.Margins.MinimalMarginAt));
        var chosenAlternatives = alternatives.Count > 0
            ? alternatives
            : [new AblationAlternative(
                string.Create(CultureInfo.InvariantCulture, $"{probes.Count} × {first.Id} {setting.Id}"),
                first.Id, setting.Id, probes, tumor.Fraction, planned.Fraction, evaluation.Margins.MinimalMarginMm,
                evaluation.HealthyTissueAblatedMl, 0, true, "the operator's probes")];
        var feasible = tumor.Fraction >= 1 && routes.All(r => r.IsSafe)
            && !evaluation.StructuresAtRisk.Any(r => r.Severity == PlanWarningSeverity.Danger);
        return ProcedurePlan.Begin(input, nameof(AblationPlanner), method, feasible) with
        {
            Target = Centroid(input.Labels, input.Procedure.Targets.Count > 0 ? input.Procedure.Targets[0] : TissueLabel.Lesion),
            TargetReason = "centre of the tumor",
            Routes = routes,
            Warnings = warnings,
            Measurements = measurements,
            Points = points,
            Devices = [new ProcedureDevice(DeviceKind.Probe, first.Gauge, null, first.ShaftLengthMm, first.Source, setting.Verify)],
            Ablation = new AblationPlanSummary
            {
                DeviceId = first.Id,
                DeviceName = first.Name,
                Modality = first.Modality,
                SettingId = setting.Id,
                ZoneModel = zone.ModelName,
                Probes = probes,
                PlannedMarginMm = margin,
                Coverage = evaluation.Coverage,
                MinimalMarginMm = evaluation.Margins.MinimalMarginMm,
                MinimalMarginAt = evaluation.Margins.MinimalMarginAt,
                SurfaceFractionAtLeast5Mm = evaluation.Margins.SurfaceFractionAtLeast5Mm,
                SurfaceFractionAtLeast10Mm = evaluation.Margins.SurfaceFractionAtLeast10Mm,
                ZoneVolumeMl = evaluation.ZoneVolumeMl,
                HealthyTissueAblatedMl = evaluation.HealthyTissueAblatedMl,
                StructuresAtRisk = evaluation.StructuresAtRisk,
                HeatSinks = evaluation.HeatSinks,
                Suggestions = evaluation.Suggestions,
                Alternatives = chosenAlternatives,
            },
        };
    }

    /// <summary>Fraction of tumor + margin a plan must cover to count as covered: the catalogue's <c>coverageGoal</c>, else 99 %.</summary>
    private static double CoverageGoal(ProcedureDefinition procedure) => PlanParts.OptionalParameter(procedure, "coverageGoal") ?? 0.99;

    private static void RequireUsable(AblationDeviceLibrary library, AblationProbe probe, AblationModality modality, VolumeGeometry geometry)
    {
        var device = library.Device(probe.DeviceId);
        if (device.Modality != modality)
        {
            throw new PlanningException($"Device '{device.Id}' is {device.Modality}; this procedure needs {modality}.");
        }

        try
        {
            _ = device.Setting(probe.SettingId);
        }
        catch (KeyNotFoundException e)
        {
            throw new PlanningException(e.Message);
        }

        foreach (var (name, point) in new[] { ("entry", probe.Entry), ("tip", probe.Tip) })
        {
            if (!geometry.Contains(geometry.WorldToIndex(point)))
            {
                throw new PlanningException($"The probe {name} {point} lies outside the volume.");
            }
        }

        if (probe.Entry.DistanceTo(probe.Tip) < 1)
        {
            throw new PlanningException("A probe's entry and tip are the same point.");
        }
    }

    private static void RequireModality(AblationDevice device, AblationModality modality, ProcedureDefinition procedure)
    {
        if (device.Modality != modality)
        {
            throw new PlanningException($"Device '{device.Id}' is {device.Modality}; procedure '{procedure.Id}' needs {modality}.");
        }
    }

    private static WorldPoint Centroid(Volume<byte> labels, TissueLabel label)
    {
        var g = labels.Geometry;
        double si = 0, sj = 0, sk = 0;
        long n = 0;
        var value = (byte)label;
        for (var index = 0; index < labels.Voxels.Length; index++)
        {
            if (labels.Voxels[index] == value)
            {
                var v = g.VoxelAt(index);
                si += v.I;
                sj += v.J;
                sk += v.K;
                n++;
            }
        }

        return g.IndexToWorld(new ContinuousIndex(si / n, sj / n, sk / n));
    }

    private static string Words(string structure) => structure switch
    {
        "BileDuct" => "bile duct",
        "SpinalCanal" => "spinal canal",
        _ => structure.ToLowerInvariant(),
    };

    private static double Round(double x, int decimals) => Math.Round(PlanParts.Finite(x), decimals);

    private static bool TryModalityOf(ProcedureDefinition procedure, out AblationModality modality)
    {
        (var found, modality) = procedure.Id switch
        {
            "rf-ablation" or "osteoid-osteoma-rfa" => (true, AblationModality.Radiofrequency),
            "mw-ablation" => (true, AblationModality.Microwave),
            "cryoablation" => (true, AblationModality.Cryo),
            _ => (false, default),
        };
        return found;
    }
}
