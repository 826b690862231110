using System.Collections.ObjectModel;
using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Needles.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Needles;

/// <summary>
/// Plans straight needle, probe and drain routes for every catalogue procedure whose route is
/// <see cref="RouteKind.Needle"/>: biopsies, drains, chest tubes, abscess drainage, joint aspiration and
/// injection, ablation probes. The hard constraints, margins, device length and objective weights come
/// from the procedure's catalogue entry; see docs/planning-needles.md for the rules in plain words.
/// </summary>
/// <remarks>
/// <para>
/// Hard constraints, checked in this order (an entry's rejection reason is the first that fails):
/// "too long" (longer than the longest needle or probe of the procedure);
/// "tip within m mm of the Skin" (a structure the needle must pierce, such as the skin for ablation, keeps its margin from the tip);
/// "crosses X" (the path passes a voxel of a label it may not traverse: anything but skin, fat, muscle,
/// the target's labels, the solid organ hosting the target unless protected, bone/lung/bowel only where the
/// catalogue allows, and never a protected structure);
/// "below the rib (intercostal bundle)" (procedures with <c>intercostalAboveRib</c>: see the intercostal rule);
/// "margin X &lt; m mm" (the path comes closer to a protected structure than its minimum clearance).
/// </para>
/// <para>
/// Score of a safe entry: <c>clearance·min(surplus, cap) − shortPath·length − axialPlane·angle − perpendicular·wallAngle
/// − dependentPosition·max(0, entry height above the target)</c> with the catalogue's weights (per mm, per degree).
/// Ties go to the shorter path, then to the entry earlier in the volume. The same input gives the same plan.
/// </para>
/// </remarks>
public static class NeedleRoutePlanner
{
    /// <summary>How far from the entry the nearest bone is looked for, mm.</summary>
    private const double SkinToBoneReachMm = 50;

    private static readonly TissueLabel[] Collections = [TissueLabel.PleuralEffusion, TissueLabel.Ascites, TissueLabel.Abscess, TissueLabel.JointEffusion];

    /// <summary>Plans the input's procedure: a searched route (or the doctor's route, when <see cref="PlanningInput.ManualEntry"/> is set).</summary>
    /// <exception cref="PlanningException">The input cannot be planned (no target in the volume, a target outside it, no needle length…); the message says why.</exception>
    public static ProcedurePlan Plan(PlanningInput input) => Plan(input, NeedlePlannerOptions.Default);

    /// <summary>Plans the input's procedure with <paramref name="options"/>.</summary>
    /// <exception cref="PlanningException">The input cannot be planned; the message says why.</exception>
    public static ProcedurePlan Plan(PlanningInput input, NeedlePlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Validate(input, options);
        var procedure = input.Procedure;
        var targetMask = TargetMask(procedure);

        if (input.Target is { } given)
        {
            if (!input.Labels.Geometry.TryGetVoxel(given, out _))
            {
                throw new PlanningException($"The target {given} lies outside the volume.");
            }

            Phase(options, "target", watch);
            var context = Context.Create(input, given, options);
            return input.ManualEntry is { } manual
                ? Manual(input, context, manual, null, null)
                : Automatic(input, context, null, null);
        }

        if (!HasAny(input.Labels, targetMask))
        {
            throw new PlanningException(
                $"The volume has no {string.Join(" or ", procedure.Targets)} voxels, the target of {procedure.Id}; give a target point or a label map that shows it.");
        }

        if (IsCollection(procedure))
        {
            var pockets = TargetFinder.Pockets(input.Labels, targetMask, Math.Max(1, options.MaximumPocketTries), options.PocketSeparationMm);
            Phase(options, "target", watch);
            var deepest = pockets[0];
            var reason = string.Create(CultureInfo.InvariantCulture, $"deepest point of the collection, {deepest.DepthMm:0.0} mm from its wall");
            var first = Context.Create(input, deepest.Point, options);
            if (input.ManualEntry is { } manual)
            {
                return Manual(input, first, manual, reason, deepest.DepthMm);
            }

            var plan = Automatic(input, first, reason, deepest.DepthMm);
            for (var n = 1; n < pockets.Count && !plan.Feasible; n++)
            {
                var pocket = pockets[n];
                var next = Automatic(
                    input,
                    first.At(pocket.Point),
                    string.Create(CultureInfo.InvariantCulture, $"deepest pocket with a safe route, {pocket.DepthMm:0.0} mm from the collection's wall (the deepest point, {deepest.DepthMm:0.0} mm from the wall, has none)"),
                    pocket.DepthMm);
                if (next.Feasible)
                {
                    plan = next;
                }
            }

            return plan;
        }

        var (centroid, voxels, parts) = TargetFinder.LargestComponentCentroid(input.Labels, targetMask);
        var g = input.Labels.Geometry;
        var volumeMl = voxels * g.SpacingI * g.SpacingJ * g.SpacingK / 1000;
        var centreReason = parts > 1
            ? string.Create(CultureInfo.InvariantCulture, $"centre of the largest of {parts} parts of the {string.Join("/", procedure.Targets)} ({volumeMl:0.0} mL)")
            : string.Create(CultureInfo.InvariantCulture, $"centre of the {string.Join("/", procedure.Targets)} ({volumeMl:0.0} mL)");
        Phase(options, "target", watch);
        var lesionContext = Context.Create(input, centroid, options);
        return input.ManualEntry is { } entry
            ? Manual(input, lesionContext, entry, centreReason, null)
            : Automatic(input, lesionContext, centreReason, null);
    }

    /// <summary>
    /// Searches every outer-skin voxel as an entry to <paramref name="target"/> under the input's procedure:
    /// the ranked short list, the Pareto front and the rejection counts (the input's own target and manual
    /// entry are ignored). For other planners that need needle routes (gastrostomy, sclerotherapy).
    /// </summary>
    /// <exception cref="PlanningException">The target lies outside the volume or the procedure has no needle length.</exception>
    public static NeedleSearchResult Search(PlanningInput input, WorldPoint target) => Search(input, target, NeedlePlannerOptions.Default);

    /// <summary><see cref="Search(PlanningInput, WorldPoint)"/> with <paramref name="options"/>.</summary>
    /// <exception cref="PlanningException">The target lies outside the volume or the procedure has no needle length.</exception>
    public static NeedleSearchResult Search(PlanningInput input, WorldPoint target, NeedlePlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        Validate(input, options);
        if (!input.Labels.Geometry.TryGetVoxel(target, out _))
        {
            throw new PlanningException($"The target {target} lies outside the volume.");
        }

        return Search(Context.Create(input, target, options));
    }

    private static void Validate(PlanningInput input, NeedlePlannerOptions options)
    {
        if (input.Labels is null || input.Procedure is null || input.Catalogue is null)
        {
            throw new PlanningException("The planning input needs a label map, a procedure and its catalogue.");
        }

        if (input.Procedure.Route != RouteKind.Needle)
        {
            throw new PlanningException($"The procedure {input.Procedure.Id} is not a needle procedure (its route is {input.Procedure.Route}).");
        }

        PlanParts.RequireMeasurableGrid(input.Labels);

        if (options.MaximumRoutes < 1 || !(options.ClearanceCapMm >= 0) || !(options.MinimumEntrySeparationMm >= 0) || !(options.IntercostalWindowMm > 0))
        {
            throw new PlanningException("The needle planner options are out of range (at least one route, a clearance cap ≥ 0, a separation ≥ 0 and an intercostal window > 0).");
        }

        foreach (var point in new[] { input.Target, input.ManualEntry })
        {
            if (point is { } p && !(double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Z)))
            {
                throw new PlanningException("A target or entry point has a coordinate that is not a finite number.");
            }
        }
    }

    private static void Phase(NeedlePlannerOptions options, string name, System.Diagnostics.Stopwatch watch)
    {
        options.OnPhase?.Invoke(name, watch.Elapsed);
        watch.Restart();
    }

    private static bool IsCollection(ProcedureDefinition procedure) =>
        procedure.Objectives.Any(o => o.Kind == ObjectiveKind.LargestPocket) || procedure.Targets.Any(t => Array.IndexOf(Collections, t) >= 0);

    private static bool[] TargetMask(ProcedureDefinition procedure)
    {
        var mask = new bool[256];
        foreach (var t in procedure.Targets)
        {
            mask[(byte)t] = true;
        }

        return mask;
    }

    private static bool HasAny(Volume<byte> labels, bool[] mask)
    {
        foreach (var v in labels.Voxels)
        {
            if (mask[v])
            {
                return true;
            }
        }

        return false;
    }

    private static NeedleSearchResult Search(Context c)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sweep = NeedleSweep.Run(c.Evaluator, c.Rules, c.Intercostal, c.Target, c.TargetMask, c.TipTooShallow, c.Weights, c.Options.ClearanceCapMm);
        Phase(c.Options, "sweep", watch);
        var g = c.Labels.Geometry;
        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<int>();
        for (var n = 0; n < sweep.Candidates.Length; n++)
        {
            var code = sweep.Codes[n];
            if (code == NeedleSweep.Accepted)
            {
                accepted.Add(n);
                continue;
            }

            var reason = code switch
            {
                NeedleSweep.TooLong => "too long",
                NeedleSweep.TipTooShallow => c.TipReason!,
                NeedleSweep.BelowRib => "below the rib (intercostal bundle)",
                >= NeedleSweep.MarginCode => MarginReason(c.Evaluator.Structures[code - NeedleSweep.MarginCode]),
                NeedleSweep.CrossesCode => "leaves the body",
                _ => "crosses " + NeedleRules.Name((byte)(code - NeedleSweep.CrossesCode)),
            };
            PlanParts.Count(rejections, reason);
        }

        WorldPoint Entry(int n) => g.IndexToWorld(g.VoxelAt(sweep.Candidates[n]));

        var byScore = new List<int>(accepted);
        byScore.Sort((a, b) =>
        {
            var s = sweep.Scores[b].CompareTo(sweep.Scores[a]);
            if (s != 0)
            {
                return s;
            }

            var l = sweep.Lengths[a].CompareTo(sweep.Lengths[b]);
            return l != 0 ? l : a.CompareTo(b);
        });

        var ranked = new List<NeedleRouteCandidate>();
        foreach (var n in byScore)
        {
            if (ranked.Count >= c.Options.MaximumRoutes)
            {
                break;
            }

            var entry = Entry(n);
            if (ranked.TrueForAll(r => r.Entry.DistanceTo(entry) >= c.Options.MinimumEntrySeparationMm))
            {
                ranked.Add(new NeedleRouteCandidate(entry, c.Target, sweep.Lengths[n], sweep.Surplus[n], sweep.Angles[n], sweep.Scores[n], PositionFor(entry, c.Target)));
            }
        }

        // The non-dominated set over (length ↓, surplus ↑, angle ↓): in lexicographic order every dominating
        // entry comes before the entries it dominates, and dominance is transitive, so comparing with the
        // front found so far is enough.
        var lexicographic = new List<int>(accepted);
        lexicographic.Sort((a, b) =>
        {
            var l = sweep.Lengths[a].CompareTo(sweep.Lengths[b]);
            if (l != 0)
            {
                return l;
            }

            var s = sweep.Surplus[b].CompareTo(sweep.Surplus[a]);
            if (s != 0)
            {
                return s;
            }

            var t = sweep.Angles[a].CompareTo(sweep.Angles[b]);
            return t != 0 ? t : a.CompareTo(b);
        });
        var front = new List<int>();
        foreach (var n in lexicographic)
        {
            var dominated = front.Exists(f =>
                sweep.Lengths[f] <= sweep.Lengths[n] && sweep.Surplus[f] >= sweep.Surplus[n] && sweep.Angles[f] <= sweep.Angles[n]
                && (sweep.Lengths[f] < sweep.Lengths[n] || sweep.Surplus[f] > sweep.Surplus[n] || sweep.Angles[f] < sweep.Angles[n]));
            if (!dominated)
            {
                front.Add(n);
            }
        }

        Phase(c.Options, "ranking and Pareto front", watch);
        return new NeedleSearchResult(
            ranked,
            [.. front.Select(n => new ParetoEntry(Entry(n), sweep.Lengths[n], sweep.Surplus[n], sweep.Angles[n]))],
            accepted.Count,
            sweep.Candidates.Length,
            new ReadOnlyDictionary<string, int>(new Dictionary<string, int>(rejections, StringComparer.Ordinal)));
    }

    private static ProcedurePlan Automatic(PlanningInput input, Context c, string? targetReason, double? pocketDepth)
    {
        var result = Search(c);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var routes = new List<PlannedRoute>();
        var warnings = new List<PlanWarning>();
        foreach (var candidate in result.Ranked)
        {
            var evaluation = c.Evaluator.Evaluate(new NeedlePath(candidate.Entry, c.Target));
            routes.Add(Route(c, evaluation, candidate.Score, true));
        }

        if (result.Ranked.Count == 0)
        {
            var top = result.Rejections.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault();
            warnings.Add(new PlanWarning(
                PlanWarningSeverity.Danger,
                "no-route",
                string.Create(CultureInfo.InvariantCulture, $"No safe route: none of the {result.CandidatesConsidered} skin entries meets every hard constraint (most often: {top.Key ?? "no skin entry"}, {top.Value} entries).")));
        }
        else
        {
            var best = result.Ranked[0];
            var bestEvaluation = c.Evaluator.Evaluate(new NeedlePath(best.Entry, c.Target));
            if (best.ClearanceSurplusMm < c.Options.CautionSurplusMm && bestEvaluation.Clearances.Count > 0)
            {
                var nearest = bestEvaluation.Clearances.MinBy(x => x.MinimumDistanceMm - x.Structure.MinimumClearanceMm)!;
                warnings.Add(new PlanWarning(
                    PlanWarningSeverity.Caution,
                    "low-clearance",
                    string.Create(CultureInfo.InvariantCulture, $"The best route passes {nearest.MinimumDistanceMm:0.0} mm from {NeedleRules.Words(nearest.Structure.Label)}, only {best.ClearanceSurplusMm:0.0} mm beyond its {nearest.Structure.MinimumClearanceMm:0.#} mm margin."),
                    nearest.Structure.Name,
                    0));
            }

            if (c.Weights.AxialPlane > 0 && best.InsertionAngleDeg > c.Options.CautionAngleDeg)
            {
                warnings.Add(new PlanWarning(
                    PlanWarningSeverity.Caution,
                    "out-of-plane",
                    string.Create(CultureInfo.InvariantCulture, $"The best route is {best.InsertionAngleDeg:0}° out of the axial plane; CT guidance prefers in-plane paths."),
                    null,
                    0));
            }

            if (best.LengthMm > c.Options.CautionLengthFraction * c.Rules.MaximumLengthMm)
            {
                warnings.Add(new PlanWarning(
                    PlanWarningSeverity.Caution,
                    "near-device-length",
                    string.Create(CultureInfo.InvariantCulture, $"The best route is {best.LengthMm:0} mm, close to the {c.Rules.MaximumLengthMm:0} mm {DeviceWord(c.Rules.AccessDevice)}."),
                    null,
                    0));
            }
        }

        var plan = Build(input, c, "automatic", result.Ranked.Count > 0, routes, result.ParetoFront, result.CandidatesConsidered, result.Rejections, warnings, targetReason, pocketDepth, result.AcceptedCount);
        Phase(c.Options, "routes and plan", watch);
        return plan;
    }

    private static ProcedurePlan Manual(PlanningInput input, Context c, WorldPoint entry, string? targetReason, double? pocketDepth)
    {
        var g = c.Labels.Geometry;
        if (!g.Contains(g.WorldToIndex(entry)))
        {
            throw new PlanningException($"The entry {entry} lies outside the volume.");
        }

        if (entry.DistanceTo(c.Target) == 0)
        {
            throw new PlanningException("The entry and the target are the same point.");
        }

        var evaluation = c.Evaluator.Evaluate(new NeedlePath(entry, c.Target));
        var warnings = new List<PlanWarning>();
        var safe = true;
        if (evaluation.LengthMm > c.Rules.MaximumLengthMm)
        {
            safe = false;
            warnings.Add(new PlanWarning(
                PlanWarningSeverity.Danger,
                "too-long",
                string.Create(CultureInfo.InvariantCulture, $"needle path {evaluation.LengthMm:0} mm is longer than the {c.Rules.MaximumLengthMm:0} mm {DeviceWord(c.Rules.AccessDevice)}"),
                null,
                0));
        }

        if (c.TipTooShallow)
        {
            safe = false;
            var tip = c.Rules.TipProtections[0];
            warnings.Add(new PlanWarning(
                PlanWarningSeverity.Danger,
                "tip-depth",
                string.Create(CultureInfo.InvariantCulture, $"the tip is {c.TipDistanceMm:0.0} mm from {NeedleRules.Words((byte)tip.Label)} (minimum {tip.MinimumClearanceMm:0.#} mm)"),
                tip.Label.ToString(),
                0));
        }

        // Every forbidden label the path passes, in the order met from the entry, with where it is first met.
        var start = g.WorldToIndex(entry);
        var end = g.WorldToIndex(c.Target);
        var intervals = c.Evaluator.SampleCount(evaluation.LengthMm);
        var reported = new bool[256];
        for (var m = 0; m <= intervals; m++)
        {
            var t = (double)m / intervals;
            var p = new ContinuousIndex(start.I + (t * (end.I - start.I)), start.J + (t * (end.J - start.J)), start.K + (t * (end.K - start.K)));
            var label = NearestLabel(c.Labels, p);
            if (c.Rules.Allowed[label] || reported[label])
            {
                continue;
            }

            reported[label] = true;
            safe = false;
            var where = g.IndexToWorld(p);
            warnings.Add(new PlanWarning(
                PlanWarningSeverity.Danger,
                "crosses",
                "crosses " + NeedleRules.Words(label) + Near(input, c.Options, where, (TissueLabel)label),
                NeedleRules.Name(label),
                0));
        }

        foreach (var clearance in evaluation.Clearances)
        {
            if (!clearance.Crossed && clearance.ViolatesMargin)
            {
                safe = false;
                warnings.Add(new PlanWarning(
                    PlanWarningSeverity.Danger,
                    "margin",
                    string.Create(CultureInfo.InvariantCulture, $"passes {clearance.MinimumDistanceMm:0.0} mm from {NeedleRules.Words(clearance.Structure.Label)} (minimum {clearance.Structure.MinimumClearanceMm:0.#} mm)")
                        + Near(input, c.Options, clearance.ClosestPointOnPath, (TissueLabel)clearance.Structure.Label),
                    clearance.Structure.Name,
                    0));
            }
        }

        if (c.Intercostal is not null && !c.Intercostal.Holds(start, end, intervals, out _, out var upperRib))
        {
            safe = false;
            var rib = RibName(input, g.IndexToWorld(upperRib!.Value));
            warnings.Add(new PlanWarning(
                PlanWarningSeverity.Danger,
                "below-rib",
                $"enters below {rib}: the intercostal vein, artery and nerve run under each rib; pass over the upper edge of the rib below",
                "Bone",
                0));
        }

        var ws = EntryPlannerScore(c, evaluation, entry);
        var route = Route(c, evaluation, ws, safe);
        return Build(input, c, "manual", safe, [route], [], 1, new Dictionary<string, int>(), warnings, targetReason, pocketDepth, safe ? 1 : 0);
    }

    private static double EntryPlannerScore(Context c, NeedlePathEvaluation evaluation, WorldPoint entry)
    {
        var surplus = Math.Min(c.Options.ClearanceCapMm, evaluation.MinimumMarginSurplusMm);
        var g = c.Labels.Geometry;
        var score = (c.Weights.Clearance * surplus) - (c.Weights.ShortPath * evaluation.LengthMm) - (c.Weights.AxialPlane * evaluation.InsertionAngleDeg)
            - (c.Weights.DependentPosition * Math.Max(0, entry.Z - c.Target.Z));
        if (c.Weights.Perpendicular != 0)
        {
            score -= c.Weights.Perpendicular * NeedleSweep.WallAngle(c.Labels, c.TargetMask, g.WorldToIndex(entry), g.WorldToIndex(c.Target), c.Evaluator.SampleCount(evaluation.LengthMm));
        }

        return score;
    }

    private static PlannedRoute Route(Context c, NeedlePathEvaluation evaluation, double score, bool safe)
    {
        var clearances = new List<RouteClearance>();
        foreach (var p in c.Input.Procedure.Protect)
        {
            if (c.Rules.TipProtections.Contains(p))
            {
                clearances.Add(new RouteClearance(p.Label.ToString(), c.TipDistanceMm, p.MinimumClearanceMm, false, c.TipTooShallow));
                continue;
            }

            var s = evaluation.Clearances.First(x => x.Structure.Label == (byte)p.Label);
            var distance = double.IsFinite(s.MinimumDistanceMm) ? s.MinimumDistanceMm : (double?)null;
            clearances.Add(new RouteClearance(p.Label.ToString(), distance, p.MinimumClearanceMm, s.Crossed, s.ViolatesMargin));
        }

        var entry = evaluation.Path.Entry;
        var position = PositionFor(entry, c.Target);
        var bone = NeedleRules.NearestLabelDistance(c.Labels, entry, (byte)TissueLabel.Bone, SkinToBoneReachMm);
        var boneWords = bone is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"bone {b:0} mm from the entry")
            : string.Create(CultureInfo.InvariantCulture, $"no bone within {SkinToBoneReachMm:0} mm of the entry");
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"{Side(entry, c.Target)} entry, {PositionWords(position)}: {evaluation.LengthMm:0} mm to the target, {evaluation.InsertionAngleDeg:0}° out of the axial plane, {boneWords}");
        return new PlannedRoute("needle", [entry, c.Target], evaluation.LengthMm, evaluation.InsertionAngleDeg, Finite(score), safe, clearances, description);
    }

    private static ProcedurePlan Build(
        PlanningInput input,
        Context c,
        string method,
        bool feasible,
        List<PlannedRoute> routes,
        IReadOnlyList<ParetoEntry> front,
        int considered,
        IReadOnlyDictionary<string, int> rejections,
        List<PlanWarning> warnings,
        string? targetReason,
        double? pocketDepth,
        int acceptedCount)
    {
        var measurements = new List<PlanMeasurement>();
        var points = new List<PlanPoint> { new("target", "target", c.Target, pocketDepth is { } d ? 2 * d : null) };
        if (routes.Count > 0)
        {
            var best = routes[0];
            measurements.Add(new PlanMeasurement("path length", best.LengthMm, "mm", "skin entry to target"));
            measurements.Add(new PlanMeasurement("insertion angle", best.InsertionAngleDeg ?? 0, "°", "angle to the axial plane"));
            var surplus = best.Clearances.Where(x => x.DistanceMm is not null).Select(x => x.DistanceMm!.Value - x.RequiredMm).DefaultIfEmpty(c.Options.ClearanceCapMm).Min();
            measurements.Add(new PlanMeasurement("clearance beyond margins", surplus, "mm", "smallest over the protected structures"));
            var bone = NeedleRules.NearestLabelDistance(c.Labels, best.Entry, (byte)TissueLabel.Bone, SkinToBoneReachMm);
            if (bone is { } b)
            {
                measurements.Add(new PlanMeasurement("skin entry to nearest bone", b, "mm", "straight-line distance from the entry to the nearest bone voxel"));
            }

            // The position is a category, not a number: it is named with the entry point (and in the route's description).
            points.Add(new PlanPoint($"skin entry, {PositionWords(PositionFor(best.Entry, c.Target))}", "entry", best.Entry));
        }

        measurements.Add(new PlanMeasurement("target depth", c.TargetDepthMm, "mm", "distance from the target to the nearest skin voxel"));
        if (pocketDepth is { } depth)
        {
            measurements.Add(new PlanMeasurement("target pocket depth", depth, "mm", "distance from the target to the collection's wall"));
        }

        if (method == "automatic")
        {
            measurements.Add(new PlanMeasurement("safe entries", acceptedCount, "count", "skin entries meeting every hard constraint"));
        }

        return ProcedurePlan.Begin(input, "needle", method, feasible) with
        {
            Target = c.Target,
            TargetReason = targetReason,
            Routes = routes,
            ParetoFront = front,
            CandidatesConsidered = considered,
            Rejections = rejections,
            Warnings = warnings,
            Measurements = [.. measurements.Select(m => m with { Value = Finite(m.Value) })],
            Points = points,
            Devices = Devices(input.Procedure, routes.Count > 0 ? routes[0].LengthMm : null),
        };
    }

    /// <summary>The procedure's devices, keeping of several needles (or probes) only the shortest one long enough for the route.</summary>
    private static List<ProcedureDevice> Devices(ProcedureDefinition procedure, double? length)
    {
        var devices = new List<ProcedureDevice>();
        foreach (var group in procedure.Devices.GroupBy(d => d.Kind))
        {
            if (group.Key is DeviceKind.Needle or DeviceKind.Probe && length is { } l && group.Count() > 1)
            {
                devices.Add(group.Where(d => d.LengthMm >= l).OrderBy(d => d.LengthMm).FirstOrDefault() ?? group.OrderByDescending(d => d.LengthMm).First());
            }
            else
            {
                devices.AddRange(group);
            }
        }

        return devices;
    }

    /// <summary>The position that turns the entry up, from the entry's direction seen from the target in the axial plane: within 45° of anterior supine, of posterior prone, else lateral decubitus with the entry side up.</summary>
    internal static PatientPosition PositionFor(WorldPoint entry, WorldPoint target)
    {
        var d = entry - target;
        if (Math.Abs(d.X) < 1e-9 && Math.Abs(d.Y) < 1e-9)
        {
            return PatientPosition.Supine;
        }

        // LPS: anterior is −Y, the patient's left is +X.
        var fromAnterior = Math.Atan2(Math.Abs(d.X), -d.Y) * 180 / Math.PI;
        return fromAnterior <= 45 ? PatientPosition.Supine
            : fromAnterior >= 135 ? PatientPosition.Prone
            : d.X < 0 ? PatientPosition.LeftLateralDecubitus
            : PatientPosition.RightLateralDecubitus;
    }

    private static string PositionWords(PatientPosition position) => position switch
    {
        PatientPosition.Supine => "supine",
        PatientPosition.Prone => "prone",
        PatientPosition.LeftLateralDecubitus => "left lateral decubitus (right side up)",
        _ => "right lateral decubitus (left side up)",
    };

    private static string Side(WorldPoint entry, WorldPoint target) => PositionFor(entry, target) switch
    {
        PatientPosition.Supine => "anterior",
        PatientPosition.Prone => "posterior",
        PatientPosition.LeftLateralDecubitus => "right lateral",
        _ => "left lateral",
    };

    private static string DeviceWord(ProcedureDevice device) => device.Kind == DeviceKind.Probe ? "probe" : "needle";

    private static string MarginReason(ProtectedStructure structure) =>
        string.Create(CultureInfo.InvariantCulture, $"margin {structure.Name} < {structure.MinimumClearanceMm:0.##} mm");

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static byte NearestLabel(Volume<byte> labels, ContinuousIndex p)
    {
        var g = labels.Geometry;
        var v = new VoxelIndex((int)Math.Floor(p.I + 0.5), (int)Math.Floor(p.J + 0.5), (int)Math.Floor(p.K + 0.5));
        return g.Contains(v) ? labels[v] : (byte)0;
    }

    /// <summary>" (near the right femoral artery)" for the nearest landmark within reach of <paramref name="point"/>, preferring one of the same label; empty when none.</summary>
    private static string Near(PlanningInput input, NeedlePlannerOptions options, WorldPoint point, TissueLabel label)
    {
        bool InReach(PlanLandmark l) => l.Point.DistanceTo(point) <= ((l.DiameterMm ?? 0) / 2) + options.LandmarkRadiusMm;
        var same = input.Landmarks.Where(l => l.Label == label && InReach(l)).OrderBy(l => l.Point.DistanceTo(point)).ThenBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault();
        var any = same ?? input.Landmarks.Where(InReach).OrderBy(l => l.Point.DistanceTo(point)).ThenBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault();
        return any is null ? string.Empty : " (near the " + LandmarkWords(any.Name) + ")";
    }

    /// <summary>"the 7th right rib" for the rib landmark nearest <paramref name="point"/>, or "a rib".</summary>
    private static string RibName(PlanningInput input, WorldPoint point)
    {
        var rib = input.Landmarks.Where(l => l.Name.StartsWith("rib-", StringComparison.Ordinal))
            .OrderBy(l => Math.Abs(l.Point.Z - point.Z) + (0.25 * l.Point.DistanceTo(point))).ThenBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault();
        if (rib is null)
        {
            return "a rib";
        }

        var parts = rib.Name.Split('-');
        return parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? $"the {Ordinal(n)} {parts[1]} rib"
            : "the " + LandmarkWords(rib.Name);
    }

    private static string Ordinal(int n) => string.Create(CultureInfo.InvariantCulture, $"{n}") + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string LandmarkWords(string name) => name.Replace('-', ' ');

    /// <summary>Everything a search at one target needs, built once per plan.</summary>
    private sealed class Context
    {
        public required PlanningInput Input { get; init; }

        public required NeedlePlannerOptions Options { get; init; }

        public required Volume<byte> Labels { get; init; }

        public required WorldPoint Target { get; init; }

        public required bool[] TargetMask { get; init; }

        public required NeedleRules Rules { get; init; }

        public required NeedlePathEvaluator Evaluator { get; init; }

        public required IntercostalRule? Intercostal { get; init; }

        public required ObjectiveWeights Weights { get; init; }

        public required double? TipDistanceMm { get; init; }

        public required bool TipTooShallow { get; init; }

        public required string? TipReason { get; init; }

        public required double TargetDepthMm { get; init; }

        public static Context Create(PlanningInput input, WorldPoint target, NeedlePlannerOptions options)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var labels = input.Labels;
            var g = labels.Geometry;
            g.TryGetVoxel(target, out var voxel);
            var targetLabel = labels[voxel];
            var mask = TargetMask(input.Procedure);
            mask[targetLabel] |= input.Procedure.Targets.Contains((TissueLabel)targetLabel);
            var host = TargetFinder.Host(labels, voxel, targetLabel);
            var rules = NeedleRules.For(input.Procedure, targetLabel, host);
            NeedlePathEvaluator evaluator;
            try
            {
                evaluator = new NeedlePathEvaluator(labels, rules.Structures());
            }
            catch (ArgumentException e)
            {
                throw new PlanningException("The protected structures of the procedure cannot be measured: " + e.Message, e);
            }

            Phase(options, "distance maps", watch);
            var intercostal = input.Procedure.Constraints.IntercostalAboveRib ? new IntercostalRule(labels, options.IntercostalWindowMm) : null;
            var context = Build(input, options, target, mask, rules, evaluator, intercostal);
            Phase(options, "rules", watch);
            return context;
        }

        /// <summary>The same context at another target of the same label (another pocket of the collection).</summary>
        public Context At(WorldPoint target) => Build(Input, Options, target, TargetMask, Rules, Evaluator, Intercostal);

        private static Context Build(PlanningInput input, NeedlePlannerOptions options, WorldPoint target, bool[] mask, NeedleRules rules, NeedlePathEvaluator evaluator, IntercostalRule? intercostal)
        {
            var labels = input.Labels;
            var skin = NeedleRules.NearestLabelDistance(labels, target, (byte)TissueLabel.Skin, 60)
                ?? NeedleRules.NearestLabelDistance(labels, target, (byte)TissueLabel.Skin, 1000);
            double? tipDistance = null;
            var shallow = false;
            string? reason = null;
            foreach (var tip in rules.TipProtections)
            {
                tipDistance = skin;
                if (skin is { } s && s < tip.MinimumClearanceMm)
                {
                    shallow = true;
                    reason = string.Create(CultureInfo.InvariantCulture, $"tip within {tip.MinimumClearanceMm:0.##} mm of the {tip.Label}");
                }
            }

            return new Context
            {
                Input = input,
                Options = options,
                Labels = labels,
                Target = target,
                TargetMask = mask,
                Rules = rules,
                Evaluator = evaluator,
                Intercostal = intercostal,
                Weights = ObjectiveWeights.Of(input.Procedure),
                TipDistanceMm = tipDistance,
                TipTooShallow = shallow,
                TipReason = reason,
                TargetDepthMm = skin ?? 0,
            };
        }
    }
}
