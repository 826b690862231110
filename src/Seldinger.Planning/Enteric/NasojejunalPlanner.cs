using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Enteric;

/// <summary>
/// Nasojejunal tube: the route from the nostril through the oesophagus, stomach, pylorus and duodenum to a tip
/// the catalogue's <c>tipBeyondFlexureMm</c> beyond the duodenojejunal flexure (ligament of Treitz).
/// </summary>
/// <remarks>
/// <para>
/// The route is built from named landmarks of the case and the label map, in four segments:
/// nose to gastro-oesophageal junction (<c>nostril</c>, then <c>nasopharynx</c>, <c>oesophagus-upper</c>,
/// <c>oesophagus-mid</c> where present, then <c>gastro-oesophageal-junction</c>), straight between landmarks
/// because the nose lies above a body CT and the oesophagus has no label; stomach, a centred path inside the
/// <see cref="TissueLabel.Stomach"/> label from the junction to the <c>pylorus</c>; duodenum, through
/// <c>duodenal-bulb</c>, <c>duodenum-descending</c> and <c>duodenum-horizontal</c> where present to
/// <c>duodenojejunal-flexure</c>, straight between landmarks (the label map has no duodenum label); jejunum, a
/// centred path inside the <see cref="TissueLabel.Bowel"/> label through <c>jejunum-1</c>, <c>jejunum-2</c>…,
/// cut where its length beyond the flexure reaches <c>tipBeyondFlexureMm</c>.
/// </para>
/// <para>
/// A centred path is the cheapest 26-connected voxel path inside the label, each step costing its length over
/// the square of the depth (distance to the nearest voxel outside the label), so it keeps to the middle of the
/// lumen (a minimal path with a distance-map potential, as in Deschamps T, Cohen LD, Med Image Anal
/// 2001;5(4):281-299). Landmarks a little outside their label are moved to the nearest voxel of it (at most
/// 20 mm away); farther is an error.
/// </para>
/// </remarks>
public static class NasojejunalPlanner
{
    private const double SnapLimitMm = 20;

    /// <summary>Plans the nasojejunal route of the input.</summary>
    /// <exception cref="PlanningException">A landmark the route needs is missing or far from its label, or a lumen does not connect two landmarks.</exception>
    public static ProcedurePlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var procedure = input.Procedure;
        var labels = input.Labels;
        PlanParts.RequireMeasurableGrid(labels);
        var beyond = PlanParts.Parameter(procedure, "tipBeyondFlexureMm");
        if (!(beyond >= 0))
        {
            throw new PlanningException($"The catalogue entry '{procedure.Id}' needs tipBeyondFlexureMm ≥ 0.");
        }

        var tubeLength = procedure.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Tube)?.LengthMm;
        var nostril = Required(input, "nostril");
        var gej = Required(input, "gastro-oesophageal-junction");
        var pylorus = Required(input, "pylorus");
        var flexure = Required(input, "duodenojejunal-flexure");
        var jejunum = new List<WorldPoint>();
        for (var n = 1; input.Landmark($"jejunum-{n}") is { } l; n++)
        {
            jejunum.Add(l.Point);
        }

        if (jejunum.Count == 0 && beyond > 0)
        {
            throw new PlanningException("The case has no jejunum landmarks (jejunum-1, jejunum-2…): the tip cannot be placed beyond the duodenojejunal flexure. Place them along the jejunum.");
        }

        // Segment 1: nose to the gastro-oesophageal junction, through the landmarks.
        var nose = new List<WorldPoint> { nostril };
        foreach (var name in new[] { "nasopharynx", "oesophagus-upper", "oesophagus-mid" })
        {
            if (input.Landmark(name) is { } l)
            {
                nose.Add(l.Point);
            }
        }

        nose.Add(gej);

        // Segment 2: centred path in the stomach.
        var stomach = new Lumen(labels, TissueLabel.Stomach);
        var gastric = stomach.Path(gej, "gastro-oesophageal junction", pylorus, "pylorus");

        // Segment 3: the duodenum through its landmarks.
        var duodenum = new List<WorldPoint> { pylorus };
        foreach (var name in new[] { "duodenal-bulb", "duodenum-descending", "duodenum-horizontal" })
        {
            if (input.Landmark(name) is { } l)
            {
                duodenum.Add(l.Point);
            }
        }

        duodenum.Add(flexure);

        // Segment 4: centred path in the jejunum, landmark to landmark, until the tip distance is reached.
        var bowel = new Lumen(labels, TissueLabel.Bowel);
        var jejunal = new List<WorldPoint> { flexure };
        var from = flexure;
        var fromName = "duodenojejunal flexure";
        for (var n = 0; n < jejunum.Count && Length(jejunal) < beyond; n++)
        {
            var piece = bowel.Path(from, fromName, jejunum[n], $"jejunum-{n + 1}");
            jejunal.AddRange(piece.Skip(1));
            (from, fromName) = (jejunum[n], $"jejunum-{n + 1}");
        }

        var warnings = new List<PlanWarning>();
        var reached = Length(jejunal);
        if (reached < beyond)
        {
            warnings.Add(new(PlanWarningSeverity.Caution, "short-jejunum",
                $"The jejunum landmarks reach only {PlanParts.F(reached)} mm beyond the duodenojejunal flexure, less than the {PlanParts.F(beyond)} mm asked; the tip is at the last one."));
        }

        jejunal = Cut(jejunal, beyond);
        var tip = jejunal[^1];

        var points = new List<WorldPoint>(nose);
        points.AddRange(gastric.Skip(1));
        points.AddRange(duodenum.Skip(1));
        points.AddRange(jejunal.Skip(1));
        var lengths = (Nose: Length(nose), Stomach: Length(gastric), Duodenum: Length(duodenum), Jejunum: Length(jejunal));
        var total = lengths.Nose + lengths.Stomach + lengths.Duodenum + lengths.Jejunum;

        warnings.Add(new(PlanWarningSeverity.Info, "landmark-segments",
            $"The nose-to-oesophagus part ({PlanParts.F(lengths.Nose)} mm) and the duodenum ({PlanParts.F(lengths.Duodenum)} mm) follow landmarks, not a labelled lumen: the nose lies above the images and neither the oesophagus nor the duodenum is labelled."));
        if (tubeLength is { } available && total > available)
        {
            warnings.Add(new(PlanWarningSeverity.Danger, "tube-too-short",
                $"The route is {PlanParts.F(total)} mm long but the catalogue tube is {PlanParts.F(available)} mm; choose a longer tube."));
        }

        var measurements = new List<PlanMeasurement>
        {
            new("tube length to tip", total, "mm", "nostril to tip along the route"),
            new("nose to gastro-oesophageal junction", lengths.Nose, "mm", "through landmarks"),
            new("stomach (junction to pylorus)", lengths.Stomach, "mm", "centred path in the stomach"),
            new("duodenum (pylorus to flexure)", lengths.Duodenum, "mm", "through landmarks"),
            new("jejunum (flexure to tip)", lengths.Jejunum, "mm", $"centred path in the bowel; {PlanParts.F(beyond)} mm asked (catalogue)"),
        };
        if (tubeLength is { } t)
        {
            measurements.Add(new("tube length available", t, "mm", "catalogue tube"));
        }

        return ProcedurePlan.Begin(input, "nasojejunal", "automatic", tubeLength is not { } l2 || total <= l2) with
        {
            Target = tip,
            TargetReason = $"{PlanParts.F(Length(jejunal))} mm beyond the duodenojejunal flexure along the jejunum",
            Routes = [new PlannedRoute("tube", points, total, null, 0, true, [], "nostril, oesophagus, stomach, pylorus and duodenum to the proximal jejunum")],
            CandidatesConsidered = 1,
            Warnings = warnings,
            Measurements = measurements,
            Points =
            [
                new PlanPoint("nostril", "access", nostril),
                new PlanPoint("gastro-oesophageal junction", "reference", gej),
                new PlanPoint("pylorus", "reference", pylorus),
                new PlanPoint("duodenojejunal flexure", "reference", flexure),
                new PlanPoint("tube tip", "tip", tip),
            ],
            Polylines = [new PlanPolyline("nasojejunal tube route", "route", points)],
            Devices = procedure.Devices,
        };
    }

    private static WorldPoint Required(PlanningInput input, string name) =>
        input.Landmark(name)?.Point ?? throw new PlanningException(
            $"The case has no '{name}' landmark, which the nasojejunal route needs; place it (landmarks needed: nostril, gastro-oesophageal-junction, pylorus, duodenojejunal-flexure, jejunum-1…).");

    private static double Length(List<WorldPoint> points)
    {
        var sum = 0.0;
        for (var n = 1; n < points.Count; n++)
        {
            sum += points[n - 1].DistanceTo(points[n]);
        }

        return sum;
    }

    /// <summary>The polyline up to arc length <paramref name="length"/> (the whole of it when shorter).</summary>
    private static List<WorldPoint> Cut(List<WorldPoint> points, double length)
    {
        var result = new List<WorldPoint> { points[0] };
        var sum = 0.0;
        for (var n = 1; n < points.Count; n++)
        {
            var step = points[n - 1].DistanceTo(points[n]);
            if (sum + step >= length)
            {
                var t = step > 0 ? (length - sum) / step : 0;
                result.Add(points[n - 1].Lerp(points[n], t));
                return result;
            }

            sum += step;
            result.Add(points[n]);
        }

        return result;
    }

    /// <summary>Centred voxel paths inside one label.</summary>
    private sealed class Lumen
    {
        private readonly Volume<byte> _labels;
        private readonly TissueLabel _label;
        private readonly float[] _depth;

        public Lumen(Volume<byte> labels, TissueLabel label)
        {
            _labels = labels;
            _label = label;
            _depth = EuclideanDistanceTransform.Compute(labels, v => v != (byte)label).Voxels;
        }

        /// <summary>From landmark <paramref name="a"/> to landmark <paramref name="b"/>: the landmarks, and the voxel centres of the centred path between them.</summary>
        public List<WorldPoint> Path(WorldPoint a, string aName, WorldPoint b, string bName)
        {
            var g = _labels.Geometry;
            var start = Snap(a, aName);
            var end = Snap(b, bName);
            var voxels = _labels.Voxels;
            var dist = new Dictionary<int, double> { [start] = 0 };
            var previous = new Dictionary<int, int>();
            var queue = new PriorityQueue<int, double>();
            queue.Enqueue(start, 0);
            var floor = 0.5 * g.MinimumSpacing;
            while (queue.TryDequeue(out var n, out var d))
            {
                if (n == end)
                {
                    break;
                }

                if (d > dist[n])
                {
                    continue;
                }

                var v = g.VoxelAt(n);
                for (var dk = -1; dk <= 1; dk++)
                {
                    for (var dj = -1; dj <= 1; dj++)
                    {
                        for (var di = -1; di <= 1; di++)
                        {
                            var w = new VoxelIndex(v.I + di, v.J + dj, v.K + dk);
                            if ((di | dj | dk) == 0 || !g.Contains(w))
                            {
                                continue;
                            }

                            var m = g.LinearIndex(w);
                            if (voxels[m] != (byte)_label)
                            {
                                continue;
                            }

                            double x = di * g.SpacingI, y = dj * g.SpacingJ, z = dk * g.SpacingK;
                            var depth = Math.Max(0.5 * (_depth[n] + _depth[m]), floor);
                            var cost = d + (Math.Sqrt((x * x) + (y * y) + (z * z)) / (depth * depth));
                            if (!dist.TryGetValue(m, out var known) || cost < known)
                            {
                                dist[m] = cost;
                                previous[m] = n;
                                queue.Enqueue(m, cost);
                            }
                        }
                    }
                }
            }

            if (!dist.ContainsKey(end))
            {
                throw new PlanningException($"The {_label} label does not connect the {aName} to the {bName}: the lumen is interrupted between them. Check the labels or move the landmarks.");
            }

            var path = new List<int>();
            for (var n = end; ; n = previous[n])
            {
                path.Add(n);
                if (n == start)
                {
                    break;
                }
            }

            path.Reverse();
            var result = new List<WorldPoint> { a };
            result.AddRange(path.Select(n => g.IndexToWorld(g.VoxelAt(n))));
            result.Add(b);
            return result;
        }

        /// <summary>The voxel of the label nearest to <paramref name="p"/> (its own voxel when it is in the label).</summary>
        private int Snap(WorldPoint p, string name)
        {
            var g = _labels.Geometry;
            var voxels = _labels.Voxels;
            if (g.TryGetVoxel(p, out var own) && voxels[g.LinearIndex(own)] == (byte)_label)
            {
                return g.LinearIndex(own);
            }

            var c = g.WorldToIndex(p);
            int ri = (int)Math.Ceiling(SnapLimitMm / g.SpacingI), rj = (int)Math.Ceiling(SnapLimitMm / g.SpacingJ), rk = (int)Math.Ceiling(SnapLimitMm / g.SpacingK);
            int ci = (int)Math.Round(c.I), cj = (int)Math.Round(c.J), ck = (int)Math.Round(c.K);
            var best = -1;
            var bestDistance = SnapLimitMm;
            for (var k = Math.Max(0, ck - rk); k <= Math.Min(g.SizeK - 1, ck + rk); k++)
            {
                for (var j = Math.Max(0, cj - rj); j <= Math.Min(g.SizeJ - 1, cj + rj); j++)
                {
                    for (var i = Math.Max(0, ci - ri); i <= Math.Min(g.SizeI - 1, ci + ri); i++)
                    {
                        var n = g.LinearIndex(i, j, k);
                        if (voxels[n] != (byte)_label)
                        {
                            continue;
                        }

                        var d = g.IndexToWorld(new VoxelIndex(i, j, k)).DistanceTo(p);
                        if (d < bestDistance)
                        {
                            (best, bestDistance) = (n, d);
                        }
                    }
                }
            }

            return best >= 0 ? best : throw new PlanningException(
                $"The {name} landmark is more than {PlanParts.F(SnapLimitMm)} mm from any {_label} voxel (or outside the images); move it onto the {_label.ToString().ToLowerInvariant()}.");
        }
    }
}
