using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Malformations;

/// <summary>
/// Laser photoevaporation of superficial vesicles: a lesion map (each vesicle with its centre, sizes, side and
/// nearest landmark; their count, total volume and area), and the comparison of a later visit with an earlier one.
/// </summary>
/// <remarks>
/// A vesicle is a connected component (26-connected) of the procedure's target label. Vesicles are numbered
/// largest first (ties by position), and each becomes a plan point of role <c>lesion</c> whose size is its
/// equivalent diameter; <see cref="Compare(ProcedurePlan, ProcedurePlan)"/> reads those points back.
/// </remarks>
public static class PhotoevaporationPlanner
{
    /// <summary>The plan point role of a mapped lesion.</summary>
    public const string LesionRole = "lesion";

    /// <summary>The measurement that carries the matching tolerance from the catalogue into the plan.</summary>
    public const string ToleranceMeasurement = "lesion match tolerance";

    private const string ToleranceParameter = "vesicleMatchToleranceMm";

    /// <summary>Maps the vesicles of the input.</summary>
    /// <exception cref="PlanningException">The procedure has no surface target, the label map has none of it, or the catalogue lacks the matching tolerance.</exception>
    public static ProcedurePlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var procedure = input.Procedure;
        var label = procedure.Targets.Contains(TissueLabel.Vesicle) ? TissueLabel.Vesicle : procedure.Targets[0];
        var tolerance = PlanParts.Parameter(procedure, ToleranceParameter);
        var lesions = MapLesions(input.Labels, label, input.Landmarks);
        if (lesions.Count == 0)
        {
            throw new PlanningException($"The label map has no {label} voxels: there is no lesion to map. Label the vesicles first.");
        }

        var measurements = new List<PlanMeasurement>
        {
            new("lesion count", lesions.Count, "count", $"connected components (26-connected) of the {label} label"),
            new("total lesion volume", lesions.Sum(l => l.VolumeMm3), "mm³"),
            new("total lesion area", lesions.Sum(l => l.AreaMm2), "mm²", "sum of the footprints π·(d/2)² of the equivalent diameters d"),
            new(ToleranceMeasurement, tolerance, "mm", "two lesions of registered visits are the same when their centres are this close (catalogue)"),
        };
        foreach (var l in lesions)
        {
            var where = l.NearestLandmark is { } name ? $"{l.Side}; nearest landmark {name} at {PlanParts.F(l.NearestLandmarkDistanceMm ?? 0)} mm" : l.Side;
            measurements.Add(new($"{l.Name}: equivalent diameter", l.EquivalentDiameterMm, "mm", where));
            measurements.Add(new($"{l.Name}: largest diameter", l.LargestDiameterMm, "mm"));
            measurements.Add(new($"{l.Name}: volume", l.VolumeMm3, "mm³"));
        }

        var warnings = new List<PlanWarning>();
        var g = input.Labels.Geometry;
        var smallest = Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK));
        if (lesions.Any(l => l.VoxelCount <= 2))
        {
            warnings.Add(new(PlanWarningSeverity.Caution, "below-resolution",
                $"{lesions.Count(l => l.VoxelCount <= 2)} lesion(s) are one or two voxels ({PlanParts.F(smallest, 2)} mm); their sizes are only rough, and nearby vesicles may have merged."));
        }

        return ProcedurePlan.Begin(input, "photoevaporation", "automatic", true) with
        {
            Target = lesions[0].Center,
            TargetReason = $"largest of {lesions.Count} lesion(s), {PlanParts.F(lesions[0].EquivalentDiameterMm)} mm",
            CandidatesConsidered = lesions.Count,
            Warnings = warnings,
            Measurements = measurements,
            Points = [.. lesions.Select(l => new PlanPoint(l.Name, LesionRole, l.Center, l.EquivalentDiameterMm))],
            Devices = procedure.Devices,
        };
    }

    /// <summary>The lesions of <paramref name="label"/> in <paramref name="labels"/>, largest first.</summary>
    /// <exception cref="PlanningException">The grid is not orthonormal.</exception>
    public static IReadOnlyList<SurfaceLesion> MapLesions(Volume<byte> labels, TissueLabel label, IReadOnlyList<PlanLandmark> landmarks)
    {
        PlanParts.RequireMeasurableGrid(labels);
        ArgumentNullException.ThrowIfNull(landmarks);
        var (mask, count) = PlanParts.Mask(labels, label);
        if (count == 0)
        {
            return [];
        }

        var components = ConnectedComponents.Label(mask, Connectivity.TwentySix);
        var g = labels.Geometry;
        var members = new List<WorldPoint>[components.ComponentCount + 1];
        for (var c = 1; c <= components.ComponentCount; c++)
        {
            members[c] = new List<WorldPoint>((int)components.Sizes[c]);
        }

        var ids = components.Labels.Voxels;
        for (var n = 0; n < ids.Length; n++)
        {
            if (ids[n] > 0)
            {
                members[ids[n]].Add(g.IndexToWorld(g.VoxelAt(n)));
            }
        }

        var voxelVolume = PlanParts.VoxelVolume(g);
        var found = new List<SurfaceLesion>();
        for (var c = 1; c <= components.ComponentCount; c++)
        {
            var points = members[c];
            double x = 0, y = 0, z = 0;
            foreach (var p in points)
            {
                x += p.X;
                y += p.Y;
                z += p.Z;
            }

            var center = new WorldPoint(x / points.Count, y / points.Count, z / points.Count);
            var volume = points.Count * voxelVolume;
            var equivalent = Math.Cbrt(6 * volume / Math.PI);
            var largest = LargestDiameter(points, g);
            var side = Math.Abs(center.X) < 1e-6 ? "midline" : center.X < 0 ? "right" : "left";
            var nearest = PlanParts.NearestLandmark(landmarks, center);
            found.Add(new SurfaceLesion("", center, points.Count, volume, equivalent, largest, Math.PI * equivalent * equivalent / 4, side,
                nearest?.Landmark.Name, nearest?.DistanceMm));
        }

        return [.. found
            .OrderByDescending(l => l.VoxelCount)
            .ThenBy(l => l.Center.Z).ThenBy(l => l.Center.Y).ThenBy(l => l.Center.X)
            .Select((l, n) => l with { Name = $"vesicle {n + 1}" })];
    }

    /// <summary>Compares a later visit's lesion map with an earlier one, with the tolerance stored in the earlier plan (or 3 mm when it has none).</summary>
    /// <remarks>
    /// The two plans must be in the same patient coordinates (the later series registered to the earlier one).
    /// Pairs are matched closest first: each lesion at most once, and only when the centres are within the tolerance.
    /// </remarks>
    public static PhotoevaporationComparison Compare(ProcedurePlan earlier, ProcedurePlan later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var stored = earlier.Measurements.FirstOrDefault(m => string.Equals(m.Name, ToleranceMeasurement, StringComparison.Ordinal));
        return Compare(earlier, later, stored?.Value ?? 3);
    }

    /// <summary>Compares a later visit's lesion map with an earlier one; lesions whose centres are within <paramref name="toleranceMm"/> are the same.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is not a positive number.</exception>
    /// <exception cref="PlanningException">A plan is not a lesion map.</exception>
    public static PhotoevaporationComparison Compare(ProcedurePlan earlier, ProcedurePlan later, double toleranceMm)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (!(toleranceMm > 0) || !double.IsFinite(toleranceMm))
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceMm), toleranceMm, "The matching tolerance must be a positive number of millimetres.");
        }

        foreach (var plan in new[] { earlier, later })
        {
            if (!string.Equals(plan.Planner, "photoevaporation", StringComparison.Ordinal))
            {
                throw new PlanningException($"Only lesion maps can be compared; this plan is from the {plan.Planner} planner ({plan.ProcedureId}).");
            }
        }

        var a = earlier.Points.Where(p => p.Role == LesionRole).ToList();
        var b = later.Points.Where(p => p.Role == LesionRole).ToList();
        var pairs = new List<(double D, int A, int B)>();
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                var d = a[i].Point.DistanceTo(b[j].Point);
                if (d <= toleranceMm)
                {
                    pairs.Add((d, i, j));
                }
            }
        }

        var usedA = new bool[a.Count];
        var usedB = new bool[b.Count];
        var persisting = new List<PersistingLesion>();
        foreach (var (d, i, j) in pairs.OrderBy(p => p.D).ThenBy(p => p.A).ThenBy(p => p.B))
        {
            if (usedA[i] || usedB[j])
            {
                continue;
            }

            usedA[i] = usedB[j] = true;
            persisting.Add(new PersistingLesion(a[i], b[j], d, (b[j].SizeMm ?? 0) - (a[i].SizeMm ?? 0)));
        }

        return new PhotoevaporationComparison(
            toleranceMm,
            [.. persisting.OrderBy(p => a.IndexOf(p.Earlier))],
            [.. a.Where((_, i) => !usedA[i])],
            [.. b.Where((_, j) => !usedB[j])]);
    }

    private static double LargestDiameter(List<WorldPoint> points, VolumeGeometry g)
    {
        // Exact farthest pair by brute force; vesicles are small (a few hundred voxels at most at fine spacing).
        // Larger components use their points on the bounding extremes, which bound the pair well for compact shapes.
        var candidates = points.Count <= 3000 ? points : Extremes(points);
        double best = 0;
        var dir = new Vector3D(0, 0, 0);
        for (var i = 0; i < candidates.Count; i++)
        {
            for (var j = i + 1; j < candidates.Count; j++)
            {
                var v = candidates[j] - candidates[i];
                var d = v.LengthSquared;
                if (d > best)
                {
                    (best, dir) = (d, v);
                }
            }
        }

        best = Math.Sqrt(best);
        var u = best > 0 ? dir / best : new Vector3D(1, 0, 0);

        // The voxel's own extent along the diameter's direction (index axes along the grid's direction columns).
        var m = g.Direction;
        var extent = (Math.Abs(u.Dot(m.Column(0))) * g.SpacingI)
            + (Math.Abs(u.Dot(m.Column(1))) * g.SpacingJ)
            + (Math.Abs(u.Dot(m.Column(2))) * g.SpacingK);
        return best + extent;
    }

    private static List<WorldPoint> Extremes(List<WorldPoint> points)
    {
        var set = new HashSet<WorldPoint>();
        Span<Vector3D> directions =
        [
            new(1, 0, 0), new(0, 1, 0), new(0, 0, 1), new(1, 1, 0), new(1, -1, 0), new(1, 0, 1), new(1, 0, -1), new(0, 1, 1), new(0, 1, -1),
            new(1, 1, 1), new(1, 1, -1), new(1, -1, 1), new(-1, 1, 1),
        ];
        foreach (var d in directions)
        {
            var lo = points.MinBy(p => p.ToVector().Dot(d));
            var hi = points.MaxBy(p => p.ToVector().Dot(d));
            set.Add(lo);
            set.Add(hi);
        }

        return [.. set];
    }
}
