using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Planning.Ablation.Internal;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// Evaluates an ablation zone on a case: coverage of the tumor and of the tumor grown by each margin, the ablative
/// margins, the structures inside or near the zone, the vessels that cool it, protection flags and the healthy tissue
/// it ablates. Distances are exact Euclidean distances between voxel centres, computed on a crop around tumor and zone.
/// </summary>
public static class AblationEvaluator
{
    /// <summary>Reported whenever present near the zone, whether or not the procedure lists them.</summary>
    private static readonly TissueLabel[] AlwaysReported =
    [
        TissueLabel.Skin, TissueLabel.Nerve, TissueLabel.Bowel, TissueLabel.Stomach, TissueLabel.BileDuct, TissueLabel.Physis,
        TissueLabel.Artery, TissueLabel.Vein, TissueLabel.Vessel, TissueLabel.Lung, TissueLabel.SpinalCanal,
    ];

    /// <summary>Evaluates <paramref name="zone"/> around the voxels of <paramref name="labels"/> equal to <paramref name="target"/>.</summary>
    /// <param name="labels">The case's label map (<see cref="TissueLabel"/> values).</param>
    /// <param name="target">The tumor's label.</param>
    /// <param name="zone">The zone, on the label map's grid.</param>
    /// <param name="procedure">The ablation procedure of the catalogue: its clearances, planned margin and heat-sink numbers.</param>
    /// <param name="options">Report margins, report distance and overrides of the catalogue numbers.</param>
    /// <exception cref="PlanningException">The procedure is not an ablation or lacks a number, the zone is not on the label map's grid or is empty, or the target is absent.</exception>
    /// <exception cref="ArgumentException">An option is negative, not finite or larger than <see cref="AblationEvaluationOptions.MaxDistanceMm"/>, or the target is the background.</exception>
    public static AblationEvaluation Evaluate(Volume<byte> labels, TissueLabel target, AblationZone zone, ProcedureDefinition procedure, AblationEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(procedure);
        options ??= new AblationEvaluationOptions();
        if (target == TissueLabel.Background)
        {
            throw new ArgumentException("The target cannot be the background (air outside the body).", nameof(target));
        }

        var modality = AblationPlanner.ModalityOf(procedure);
        var geometry = labels.Geometry;
        if (zone.Geometry != geometry)
        {
            throw new PlanningException("The ablation zone is not on the label map's grid.");
        }

        var plannedMargin = Distance(options.PlannedMarginMm ?? PlanParts.Parameter(procedure, "ablationMarginMm"), "planned margin");
        var reportDistance = Distance(options.ReportDistanceMm, "report distance");
        ArgumentNullException.ThrowIfNull(options.ReportMarginsMm);
        var margins = options.ReportMarginsMm.Select(m => Distance(m, "report margin")).Append(plannedMargin).Where(m => m > 0).Distinct().Order().ToList();
        var heatSinkDiameter = options.HeatSinkVesselDiameterMm ?? PlanParts.OptionalParameter(procedure, "heatSinkVesselDiameterMm");
        var heatSinkSearch = options.HeatSinkSearchDistanceMm ?? PlanParts.OptionalParameter(procedure, "heatSinkSearchDistanceMm");
        var checkHeatSinks = heatSinkDiameter is not null && heatSinkSearch is not null;
        if (checkHeatSinks)
        {
            _ = Distance(heatSinkDiameter!.Value, "heat-sink vessel diameter");
            _ = Distance(heatSinkSearch!.Value, "heat-sink search distance");
        }

        var required = new Dictionary<TissueLabel, double>();
        foreach (var p in procedure.Protect)
        {
            required[p.Label] = Math.Max(p.MinimumClearanceMm, required.GetValueOrDefault(p.Label));
        }

        var reported = AlwaysReported.Concat(required.Keys).Where(l => l != target && l != TissueLabel.Background).Distinct().ToArray();
        var reach = Math.Max(reportDistance, required.Count == 0 ? 0 : Math.Min(required.Values.Max(), AblationEvaluationOptions.MaxDistanceMm));
        if (checkHeatSinks)
        {
            reach = Math.Max(reach, heatSinkSearch!.Value);
        }

        if (!EvaluationCrop.TryBounds(labels, (byte)target, nonZero: false, out var targetBox))
        {
            throw new PlanningException($"The label map has no {target} voxels to evaluate the zone around.");
        }

        if (!EvaluationCrop.TryBounds(zone.Lethal, 0, nonZero: true, out var zoneBox))
        {
            throw new PlanningException("The ablation zone is empty: no voxel is inside the lethal zone.");
        }

        // Everything the evaluation measures lies within the largest margin of the tumor or within the reach of the
        // zone, so the distance maps are computed on that box plus one voxel, never on the whole case.
        var box = targetBox.Grow(geometry, margins.Count == 0 ? 0 : margins[^1]).Union(zoneBox.Grow(geometry, reach));
        var cropGeometry = EvaluationCrop.Geometry(geometry, box);
        var labelCrop = EvaluationCrop.Extract(labels, box, cropGeometry);
        var zoneCrop = EvaluationCrop.Extract(zone.Lethal, box, cropGeometry);
        var tumorDistance = EuclideanDistanceTransform.Compute(labelCrop, (byte)target).Voxels;
        var zoneDistance = EuclideanDistanceTransform.Compute(zoneCrop, v => v != 0);
        var voxelMl = geometry.SpacingI * geometry.SpacingJ * geometry.SpacingK / 1000.0;

        // Coverage, zone volume and healthy tissue in one pass. Air (background) is not tissue: grown targets stop at
        // the body's surface and zone voxels in air are not counted as healthy tissue ablated.
        var lab = labelCrop.Voxels;
        var inZone = zoneCrop.Voxels;
        var grown = new long[margins.Count + 1];
        var covered = new long[margins.Count + 1];
        long zoneCount = 0, healthy = 0;
        var targetValue = (byte)target;
        for (var n = 0; n < lab.Length; n++)
        {
            var isZone = inZone[n] != 0;
            if (isZone)
            {
                zoneCount++;
            }

            if (lab[n] == 0)
            {
                continue;
            }

            var d = tumorDistance[n];
            if (isZone && d > plannedMargin + EvaluationMath.Tolerance)
            {
                healthy++;
            }

            if (lab[n] == targetValue)
            {
                grown[0]++;
                covered[0] += isZone ? 1 : 0;
            }

            for (var m = 0; m < margins.Count; m++)
            {
                if (d <= margins[m] + EvaluationMath.Tolerance)
                {
                    grown[m + 1]++;
                    covered[m + 1] += isZone ? 1 : 0;
                }
            }
        }

        var coverage = new List<AblationCoverage>(margins.Count + 1)
        {
            new("tumor", 0, (double)covered[0] / grown[0], grown[0] * voxelMl),
        };
        for (var m = 0; m < margins.Count; m++)
        {
            coverage.Add(new($"tumor + {EvaluationMath.Number(margins[m])} mm", margins[m], (double)covered[m + 1] / grown[m + 1], grown[m + 1] * voxelMl));
        }

        var structures = StructuresAtRisk(labelCrop, inZone, zoneDistance.Voxels, reported, required, reportDistance, voxelMl);
        var heatSinks = checkHeatSinks
            ? EvaluationHeatSinks.Find(labelCrop, zoneDistance, heatSinkDiameter!.Value, heatSinkSearch!.Value)
            : [];
        var suggestions = EvaluationSuggestions.For(structures, heatSinks, modality);
        var marginResult = AblationMargins.Compute(labels, target, zone.Lethal);
        return new AblationEvaluation(coverage, marginResult, structures, heatSinks, suggestions, zoneCount * voxelMl, healthy * voxelMl);
    }

    private static List<AblationStructureAtRisk> StructuresAtRisk(
        Volume<byte> labelCrop,
        byte[] inZone,
        float[] zoneDistance,
        TissueLabel[] reported,
        Dictionary<TissueLabel, double> required,
        double reportDistance,
        double voxelMl)
    {
        var slot = new int[256];
        Array.Fill(slot, -1);
        for (var s = 0; s < reported.Length; s++)
        {
            slot[(byte)reported[s]] = s;
        }

        var nearest = new float[reported.Length];
        Array.Fill(nearest, float.PositiveInfinity);
        var nearestAt = new int[reported.Length];
        var inside = new long[reported.Length];
        var lab = labelCrop.Voxels;
        for (var n = 0; n < lab.Length; n++)
        {
            var s = slot[lab[n]];
            if (s < 0)
            {
                continue;
            }

            if (inZone[n] != 0)
            {
                inside[s]++;
            }

            if (zoneDistance[n] < nearest[s])
            {
                nearest[s] = zoneDistance[n];
                nearestAt[s] = n;
            }
        }

        var g = labelCrop.Geometry;
        var structures = new List<AblationStructureAtRisk>();
        for (var s = 0; s < reported.Length; s++)
        {
            var clearance = required.GetValueOrDefault(reported[s]);
            if (inside[s] == 0 && !(nearest[s] <= Math.Max(reportDistance, clearance) + EvaluationMath.Tolerance))
            {
                continue;
            }

            // A blood vessel inside a thermal zone is a Caution, not a Danger: flowing blood protects the wall of a
            // large vessel (it stays patent; Lu et al., JVIR 2003) and the cost is a cooler zone, reported as a heat sink.
            var vessel = reported[s] is TissueLabel.Artery or TissueLabel.Vein or TissueLabel.Vessel;
            var severity = inside[s] > 0 ? (vessel ? PlanWarningSeverity.Caution : PlanWarningSeverity.Danger)
                : nearest[s] < clearance - EvaluationMath.Tolerance ? PlanWarningSeverity.Caution
                : PlanWarningSeverity.Info;
            structures.Add(new AblationStructureAtRisk(reported[s].ToString(), nearest[s], inside[s] * voxelMl, clearance, severity, g.IndexToWorld(g.VoxelAt(nearestAt[s]))));
        }

        structures.Sort((a, b) => a.DistanceMm != b.DistanceMm ? a.DistanceMm.CompareTo(b.DistanceMm) : b.VolumeInsideMl.CompareTo(a.VolumeInsideMl));
        return structures;
    }

    private static double Distance(double value, string what) =>
        double.IsFinite(value) && value >= 0 && value <= AblationEvaluationOptions.MaxDistanceMm
            ? value
            : throw new ArgumentException($"The {what} must be between 0 and {AblationEvaluationOptions.MaxDistanceMm} mm; it is {value} mm.");
}
