using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Enteric;

/// <summary>
/// Percutaneous gastrostomy: the safe window on the anterior gastric wall, the puncture point in it and the
/// needle route from the anterior abdominal skin.
/// </summary>
/// <remarks>
/// <para>
/// The anterior wall is the outer layer of stomach voxels (a face neighbour is not stomach) whose outward
/// normal (the gradient of the stomach mask smoothed over a ball of 3 voxels) points forwards (−Y in LPS). Each voxel stands for
/// the area of its exposed faces projected on that normal, which is exact for a plane however it cuts the grid.
/// </para>
/// <para>
/// A wall point is in the window when a straight needle reaches it from the skin: directions are tried along the
/// normal first, then on two cones around it up to the catalogue's <c>maxAngleToWallNormalDeg</c> (8 azimuths
/// each), keeping only those within <c>maxAngleToAnteriorDeg</c> of straight forwards. The entry is where the line
/// leaves the body. The path must stay in skin, fat, muscle and stomach, be no longer than the catalogue needle,
/// and keep every protection of the catalogue entry (<see cref="NeedlePathEvaluator"/>). The route kept is the
/// first safe direction in that order (the most perpendicular).
/// </para>
/// <para>
/// The window's parts are its 26-connected components; the puncture is the point of the largest part farthest
/// from any stomach wall voxel outside the window. A largest part smaller than <c>minimumWindowAreaMm2</c> gives a
/// caution; no window makes the plan infeasible.
/// </para>
/// </remarks>
public static class GastrostomyPlanner
{
    private const int Azimuths = 8;

    /// <summary>Plans the gastrostomy of the input.</summary>
    /// <exception cref="PlanningException">There is no stomach in the label map, or the catalogue entry lacks a number.</exception>
    public static ProcedurePlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var procedure = input.Procedure;
        var window = Window(input);
        var minimumArea = PlanParts.Parameter(procedure, "minimumWindowAreaMm2");
        var needleLength = PlanParts.NeedleLength(procedure)!.Value;
        var warnings = new List<PlanWarning>();
        var measurements = new List<PlanMeasurement>
        {
            new("anterior gastric wall area", window.AnteriorWallAreaMm2, "mm²", "stomach wall facing forwards"),
            new("safe window area", window.WindowAreaMm2, "mm²", "anterior wall reached by a safe needle from the skin"),
            new("largest window area", window.LargestWindowAreaMm2, "mm²", $"largest connected part; {PlanParts.F(minimumArea)} mm² wanted (catalogue)"),
            new("window parts", window.ComponentCount, "count"),
            new("usable needle length", needleLength, "mm", "catalogue needle"),
        };

        var rejections = window.WallPoints.Where(w => !w.InWindow && w.Rejection is not null)
            .GroupBy(w => w.Rejection!, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal);
        var routes = new List<PlannedRoute>();
        var points = new List<PlanPoint>();
        var polylines = new List<PlanPolyline>();
        WorldPoint? target = null;
        string? reason = null;
        var method = "automatic";
        var feasible = false;

        if (window.Puncture is { Route: { } route } puncture)
        {
            var angle = puncture.AngleToNormalDeg ?? 0;
            target = puncture.Point;
            reason = $"point of the largest window part farthest from its edge ({PlanParts.F(window.PunctureEdgeDistanceMm ?? 0)} mm)";
            feasible = true;
            routes.Add(PlanParts.NeedleRoute(route, -angle,
                $"anterior abdominal skin to the anterior gastric wall, {PlanParts.F(angle)}° from the wall normal"));
            points.Add(new PlanPoint("gastric puncture", "puncture", puncture.Point));
            points.Add(new PlanPoint("skin entry", "entry", route.Path.Entry));
            measurements.Add(new("needle angle to the wall normal", angle, "°", "0° is perpendicular to the gastric wall"));
            measurements.Add(new("skin to gastric wall", route.LengthMm, "mm"));
            measurements.Add(new("puncture distance to window edge", window.PunctureEdgeDistanceMm ?? 0, "mm"));
            polylines.Add(new PlanPolyline("safe window outline", "outline", Outline(window)));
            if (window.LargestWindowAreaMm2 < minimumArea)
            {
                warnings.Add(new(PlanWarningSeverity.Caution, "small-window",
                    $"The largest safe window on the anterior gastric wall is {PlanParts.F(window.LargestWindowAreaMm2, 0)} mm², less than the {PlanParts.F(minimumArea, 0)} mm² wanted for the puncture and the gastropexy fasteners; consider more gastric insufflation or another approach."));
            }
        }
        else
        {
            warnings.Add(new(PlanWarningSeverity.Danger, "no-window",
                $"No part of the anterior gastric wall can be reached from the skin by a needle of at most {PlanParts.F(needleLength)} mm without crossing or coming too close to colon, liver, vessels or spleen; insufflate the stomach or consider another approach."));
        }

        if (input.ManualEntry is { } manual)
        {
            var aim = input.Target ?? target ?? throw new PlanningException("A manual entry needs a target on the stomach wall, and no window gives one; place the target.");
            var evaluator = new NeedlePathEvaluator(input.Labels, procedure.ToProtectedStructures());
            var e = evaluator.Evaluate(new NeedlePath(manual, aim));
            routes.Insert(0, PlanParts.NeedleRoute(e, 0, "the doctor's entry to the target"));
            feasible = e.IsSafe && e.LengthMm <= needleLength;
            target = aim;
            reason = "the doctor's target";
            method = "manual";
            if (!e.IsSafe)
            {
                warnings.Add(new(PlanWarningSeverity.Danger, "unsafe-manual", "The doctor's route crosses or comes too close to a protected structure.", Route: 0));
            }
        }

        return ProcedurePlan.Begin(input, "gastrostomy", method, feasible) with
        {
            Target = target,
            TargetReason = reason,
            Routes = routes,
            CandidatesConsidered = window.WallPoints.Count,
            Rejections = rejections,
            Warnings = warnings,
            Measurements = measurements,
            Points = points,
            Polylines = polylines,
            Devices = procedure.Devices,
        };
    }

    /// <summary>The safe window on the anterior gastric wall.</summary>
    /// <exception cref="PlanningException">There is no stomach in the label map, or the catalogue entry lacks a number or a needle.</exception>
    public static GastrostomyWindow Window(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var procedure = input.Procedure;
        var labels = input.Labels;
        PlanParts.RequireMeasurableGrid(labels);
        var maxToNormal = PlanParts.Parameter(procedure, "maxAngleToWallNormalDeg");
        var maxToAnterior = PlanParts.Parameter(procedure, "maxAngleToAnteriorDeg");
        var needleLength = PlanParts.NeedleLength(procedure)
            ?? throw new PlanningException($"The catalogue entry '{procedure.Id}' names no needle with a length; the window needs one.");
        var (_, count) = PlanParts.Mask(labels, TissueLabel.Stomach);
        if (count == 0)
        {
            throw new PlanningException("The label map has no stomach: a gastrostomy window cannot be found. Label the stomach (distended with air) first.");
        }

        var g = labels.Geometry;
        var voxels = labels.Voxels;
        var evaluator = new NeedlePathEvaluator(labels, procedure.ToProtectedStructures());
        var allowed = PlanParts.Allowed(TissueLabel.Skin, TissueLabel.Fat, TissueLabel.Muscle, TissueLabel.Stomach);

        var anterior = new Vector3D(0, -1, 0);
        var surface = new List<int>();
        var wall = new List<(int N, Vector3D Normal, double Area)>();
        for (var n = 0; n < voxels.Length; n++)
        {
            if (voxels[n] != (byte)TissueLabel.Stomach)
            {
                continue;
            }

            var v = g.VoxelAt(n);
            var exposed = ExposedFaces(g, voxels, v);
            if (exposed.Count == 0)
            {
                continue;
            }

            surface.Add(n);
            var normal = Normal(g, voxels, v);
            if (normal.Dot(anterior) <= 0)
            {
                continue;
            }

            var area = 0.0;
            foreach (var (face, faceArea) in exposed)
            {
                area += faceArea * Math.Abs(normal.Dot(face));
            }

            wall.Add((n, normal, area));
        }

        var results = new GastricWallPoint[wall.Count];
        Parallel.For(0, wall.Count, w =>
        {
            var (n, normal, area) = wall[w];
            var p = g.IndexToWorld(g.VoxelAt(n));
            string? firstRejection = null;
            NeedlePathEvaluation? found = null;
            double? foundAngle = null;
            foreach (var (d, angle) in Directions(normal, maxToNormal))
            {
                var rejection = Try(p, d, out var e);
                if (rejection is null && Angle(d, anterior) > maxToAnterior)
                {
                    rejection = $"more than {PlanParts.F(maxToAnterior)}° from straight forwards";
                }

                firstRejection ??= rejection ?? "";
                if (rejection is null)
                {
                    (found, foundAngle) = (e, angle);
                    break;
                }
            }

            results[w] = new GastricWallPoint(p, normal, area, found is not null, 0, found, foundAngle,
                string.IsNullOrEmpty(firstRejection) ? null : firstRejection);
        });

        string? Try(WorldPoint p, Vector3D d, out NeedlePathEvaluation? evaluation)
        {
            evaluation = null;
            var entry = Exit(g, voxels, p, d, needleLength + (2 * g.MinimumSpacing), out var leftField);
            if (entry is null)
            {
                return leftField ? "leaves the field of view before the skin" : $"longer than the {PlanParts.F(needleLength)} mm needle";
            }

            var path = new NeedlePath(entry.Value, p);
            if (path.LengthMm > needleLength)
            {
                return $"longer than the {PlanParts.F(needleLength)} mm needle";
            }

            if (PlanParts.FirstForbiddenVoxel(labels, entry.Value, p, allowed) is { } bad)
            {
                return $"crosses {(TissueLabel)bad}";
            }

            var e = evaluator.Evaluate(path);
            if (!e.IsSafe)
            {
                var c = e.Clearances.First(x => x.ViolatesMargin);
                return c.Crossed ? $"crosses {c.Structure.Name}" : $"margin {c.Structure.Name} < {PlanParts.F(c.Structure.MinimumClearanceMm)} mm";
            }

            evaluation = e;
            return null;
        }

        return Assemble(g, results, wall.Select(x => x.N).ToArray(), surface);
    }

    private static GastrostomyWindow Assemble(VolumeGeometry g, GastricWallPoint[] points, int[] index, List<int> surface)
    {
        // Components of the window over the wall voxels (26-connected).
        var at = new Dictionary<int, int>();
        for (var w = 0; w < points.Length; w++)
        {
            if (points[w].InWindow)
            {
                at[index[w]] = w;
            }
        }

        var component = new int[points.Length];
        var areas = new List<double> { 0 };
        var queue = new Queue<int>();
        foreach (var (start, w0) in at)
        {
            if (component[w0] != 0)
            {
                continue;
            }

            var id = areas.Count;
            areas.Add(0);
            component[w0] = id;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                areas[id] += points[at[n]].AreaMm2;
                var v = g.VoxelAt(n);
                foreach (var m in Neighbours26(g, v))
                {
                    if (at.TryGetValue(m, out var wm) && component[wm] == 0)
                    {
                        component[wm] = id;
                        queue.Enqueue(m);
                    }
                }
            }
        }

        var all = points.Select((p, w) => p with { Component = component[w] }).ToArray();
        var largest = 0;
        for (var c = 1; c < areas.Count; c++)
        {
            if (largest == 0 || areas[c] > areas[largest])
            {
                largest = c;
            }
        }

        GastricWallPoint? puncture = null;
        double? edge = null;
        if (largest > 0)
        {
            var inWindow = new HashSet<int>(at.Keys);
            var outside = surface.Where(n => !inWindow.Contains(n)).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
            var best = -1.0;
            foreach (var p in all.Where(p => p.Component == largest))
            {
                var d = double.PositiveInfinity;
                foreach (var q in outside)
                {
                    d = Math.Min(d, p.Point.DistanceTo(q));
                }

                // Ties (e.g. no wall outside the window) go to the most perpendicular, then the shortest route.
                if (d > best + 1e-9 || (Math.Abs(d - best) <= 1e-9 && Better(p, puncture!)))
                {
                    (best, puncture) = (d, p);
                }
            }

            edge = double.IsFinite(best) ? best : null;
        }

        return new GastrostomyWindow(all, all.Sum(p => p.AreaMm2), all.Where(p => p.InWindow).Sum(p => p.AreaMm2), areas.Count - 1, largest,
            largest > 0 ? areas[largest] : 0, puncture, edge);

        static bool Better(GastricWallPoint a, GastricWallPoint b) =>
            a.AngleToNormalDeg < b.AngleToNormalDeg || (a.AngleToNormalDeg == b.AngleToNormalDeg && a.Route!.LengthMm < b.Route!.LengthMm);
    }

    /// <summary>The boundary of the largest window part, ordered by angle around its centre in the plane across its mean normal, closed.</summary>
    private static List<WorldPoint> Outline(GastrostomyWindow window)
    {
        var part = window.WallPoints.Where(p => p.Component == window.LargestComponent).ToList();
        if (part.Count == 0)
        {
            return [];
        }

        var others = window.WallPoints.Where(p => p.Component != window.LargestComponent).Select(p => p.Point).ToList();
        var spacing = part.Count > 1 ? part.Skip(1).Min(p => p.Point.DistanceTo(part[0].Point)) : 1;
        var reachOut = 1.8 * Math.Max(spacing, 1e-6);
        var boundary = part.Where(p => others.Any(q => q.DistanceTo(p.Point) <= reachOut)).Select(p => p.Point).ToList();
        if (boundary.Count == 0)
        {
            boundary = [.. part.Select(p => p.Point)];
        }

        var c = new WorldPoint(part.Average(p => p.Point.X), part.Average(p => p.Point.Y), part.Average(p => p.Point.Z));
        var n = new Vector3D(part.Average(p => p.Normal.X), part.Average(p => p.Normal.Y), part.Average(p => p.Normal.Z)).Normalized;
        var u = (Math.Abs(n.Z) < 0.9 ? new Vector3D(0, 0, 1) : new Vector3D(1, 0, 0)).Cross(n).Normalized;
        var v = n.Cross(u);
        var ordered = boundary.OrderBy(p => Math.Atan2((p - c).Dot(v), (p - c).Dot(u))).ToList();
        ordered.Add(ordered[0]);
        return ordered;
    }

    /// <summary>Directions along the normal, then on cones of half and the full largest angle (8 azimuths each).</summary>
    private static IEnumerable<(Vector3D Direction, double AngleDeg)> Directions(Vector3D normal, double maxAngleDeg)
    {
        yield return (normal, 0);
        if (!(maxAngleDeg > 0))
        {
            yield break;
        }

        var u = (Math.Abs(normal.Z) < 0.9 ? new Vector3D(0, 0, 1) : new Vector3D(1, 0, 0)).Cross(normal).Normalized;
        var v = normal.Cross(u);
        foreach (var angle in new[] { maxAngleDeg / 2, maxAngleDeg })
        {
            var t = angle * Math.PI / 180;
            for (var a = 0; a < Azimuths; a++)
            {
                var phi = 2 * Math.PI * a / Azimuths;
                var d = (normal * Math.Cos(t)) + (((u * Math.Cos(phi)) + (v * Math.Sin(phi))) * Math.Sin(t));
                yield return (d.Normalized, angle);
            }
        }
    }

    /// <summary>The last point inside the body along the ray from <paramref name="p"/>, or null when it is farther than <paramref name="limitMm"/> or the ray leaves the grid first.</summary>
    private static WorldPoint? Exit(VolumeGeometry g, byte[] voxels, WorldPoint p, Vector3D d, double limitMm, out bool leftField)
    {
        leftField = false;
        var step = g.MinimumSpacing / 4;
        var last = p;
        for (var s = step; s <= limitMm + step; s += step)
        {
            var q = p + (d * s);
            var idx = g.WorldToIndex(q).Round();
            if (!g.Contains(idx))
            {
                leftField = true;
                return null;
            }

            if (voxels[g.LinearIndex(idx)] == (byte)TissueLabel.Background)
            {
                return last;
            }

            last = q;
        }

        return null;
    }

    private static List<(Vector3D Face, double Area)> ExposedFaces(VolumeGeometry g, byte[] voxels, VoxelIndex v)
    {
        var faces = new List<(Vector3D, double)>(6);
        var label = voxels[g.LinearIndex(v)];
        var m = g.Direction;
        for (var axis = 0; axis < 3; axis++)
        {
            var area = axis switch { 0 => g.SpacingJ * g.SpacingK, 1 => g.SpacingI * g.SpacingK, _ => g.SpacingI * g.SpacingJ };
            foreach (var sign in new[] { -1, 1 })
            {
                var w = axis switch { 0 => v with { I = v.I + sign }, 1 => v with { J = v.J + sign }, _ => v with { K = v.K + sign } };
                if (!g.Contains(w) || voxels[g.LinearIndex(w)] != label)
                {
                    faces.Add((m.Column(axis) * sign, area));
                }
            }
        }

        return faces;
    }

    /// <summary>
    /// Outward normal: minus the sum of the offsets (world mm) to the stomach voxels within 3 voxels, the gradient of
    /// the mask smoothed by a ball. Central differences of the distance map are too coarse on a voxel surface.
    /// </summary>
    private static Vector3D Normal(VolumeGeometry g, byte[] voxels, VoxelIndex v)
    {
        const int R = 3;
        var m = g.Direction;
        double x = 0, y = 0, z = 0;
        for (var dk = -R; dk <= R; dk++)
        {
            for (var dj = -R; dj <= R; dj++)
            {
                for (var di = -R; di <= R; di++)
                {
                    var w = new VoxelIndex(v.I + di, v.J + dj, v.K + dk);
                    if ((di * di) + (dj * dj) + (dk * dk) > R * R || !g.Contains(w) || voxels[g.LinearIndex(w)] != (byte)TissueLabel.Stomach)
                    {
                        continue;
                    }

                    x += di * g.SpacingI;
                    y += dj * g.SpacingJ;
                    z += dk * g.SpacingK;
                }
            }
        }

        var world = -((m.Column(0) * x) + (m.Column(1) * y) + (m.Column(2) * z));
        return world.Length > 0 ? world.Normalized : new Vector3D(0, -1, 0);
    }

    private static IEnumerable<int> Neighbours26(VolumeGeometry g, VoxelIndex v)
    {
        for (var dk = -1; dk <= 1; dk++)
        {
            for (var dj = -1; dj <= 1; dj++)
            {
                for (var di = -1; di <= 1; di++)
                {
                    var w = new VoxelIndex(v.I + di, v.J + dj, v.K + dk);
                    if ((di | dj | dk) != 0 && g.Contains(w))
                    {
                        yield return g.LinearIndex(w);
                    }
                }
            }
        }
    }

    private static double Angle(Vector3D a, Vector3D b) =>
        Math.Acos(Math.Clamp(a.Normalized.Dot(b.Normalized), -1, 1)) * 180 / Math.PI;
}
