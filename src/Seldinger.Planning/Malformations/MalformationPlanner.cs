using System.Globalization;
using System.Text;
using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Malformations;

/// <summary>
/// Sclerotherapy of a venous or lymphatic malformation: the lesion volume, its cysts and channels, a set of
/// puncture targets that covers the lesion, a safe needle route from the skin to each, and the sclerosant dose
/// limits for the body weight.
/// </summary>
/// <remarks>
/// <para>
/// Cover: one injection is assumed to fill a sphere of the catalogue's <c>treatmentRadiusMm</c> around the needle
/// tip. Candidate tips are lesion voxels (on a grid of about half the radius) at least the skin margin from the
/// skin. Greedily, the candidate that covers the most lesion voxels not yet covered (ties: the deeper one) is
/// taken when <see cref="EntryPlanner"/> finds a safe route to it, until the covered fraction reaches
/// <c>targetCoverageFraction</c>, <c>maxPuncturesPerSession</c> tips are placed, or nothing more can be covered.
/// </para>
/// <para>
/// Routes: the needle may pass skin, fat, muscle and the lesion; every other protection of the catalogue entry is
/// a path margin. The skin protection is a margin of the tip instead (sclerosant injected near the skin risks
/// necrosis), since every needle must cross the skin.
/// </para>
/// <para>
/// Dose: for each agent the entry lists (<c>sclerosant{Agent}PerKg</c> with <c>sclerosant{Agent}MaxPerSession</c>),
/// the limit is min(per kg × weight, cap). Without a body weight the plan is still made, with a caution, and no
/// dose limit.
/// </para>
/// </remarks>
public static class MalformationPlanner
{
    private const string Prefix = "sclerosant";
    private const string PerKgSuffix = "PerKg";
    private const string CapSuffix = "MaxPerSession";

    /// <summary>Plans the sclerotherapy of the input's malformation.</summary>
    /// <exception cref="PlanningException">The label map has no lesion, the catalogue entry lacks a number, or the weight is not plausible.</exception>
    public static ProcedurePlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var procedure = input.Procedure;
        var labels = input.Labels;
        PlanParts.RequireMeasurableGrid(labels);
        var label = procedure.Targets.FirstOrDefault(t => t is TissueLabel.VenousMalformation or TissueLabel.LymphaticMalformation, procedure.Targets[0]);
        var radius = PlanParts.Parameter(procedure, "treatmentRadiusMm");
        var goal = PlanParts.Parameter(procedure, "targetCoverageFraction");
        var maxPunctures = (int)Math.Round(PlanParts.Parameter(procedure, "maxPuncturesPerSession"));
        if (!(radius > 0) || !(goal > 0 && goal <= 1) || maxPunctures < 1)
        {
            throw new PlanningException($"The catalogue entry '{procedure.Id}' needs treatmentRadiusMm > 0, targetCoverageFraction in (0, 1] and maxPuncturesPerSession ≥ 1.");
        }

        var needleLength = PlanParts.NeedleLength(procedure)
            ?? throw new PlanningException($"The catalogue entry '{procedure.Id}' names no needle with a length; the routes need one.");
        IReadOnlyList<SclerosantDoseLimit> doses = input.WeightKg is { } weight ? DoseLimits(procedure, weight) : [];

        var (mask, count) = PlanParts.Mask(labels, label);
        if (count == 0)
        {
            throw new PlanningException($"The label map has no {label} voxels: there is no malformation to treat. Label the lesion first.");
        }

        var g = labels.Geometry;
        var components = ConnectedComponents.Label(mask, Connectivity.TwentySix);
        var depth = EuclideanDistanceTransform.Compute(labels, v => v != (byte)label).Voxels;
        var cysts = FindCysts(labels, label, components, depth);

        var skinMargin = procedure.Protect.FirstOrDefault(p => p.Label == TissueLabel.Skin)?.MinimumClearanceMm ?? 0;
        var pathStructures = procedure.ToProtectedStructures().Where(s => s.Label != (byte)TissueLabel.Skin).ToList();
        var evaluator = new NeedlePathEvaluator(labels, pathStructures);
        var allowed = new HashSet<byte> { (byte)TissueLabel.Skin, (byte)TissueLabel.Fat, (byte)TissueLabel.Muscle, (byte)label };
        var options = new EntryPlannerOptions { MaximumLengthMm = needleLength, AllowedTissues = allowed, MaximumResults = 5 };
        var skinDistance = skinMargin > 0 ? EuclideanDistanceTransform.Compute(labels, (byte)TissueLabel.Skin).Voxels : null;

        var cover = Cover(labels, label, depth, skinDistance, skinMargin, radius, goal, maxPunctures, evaluator, options);
        var voxelVolume = PlanParts.VoxelVolume(g);
        var volumeMl = count * voxelVolume / 1000;

        var measurements = new List<PlanMeasurement>
        {
            new("lesion volume", volumeMl, "mL", $"{count} voxels of {label}"),
            new("components", components.ComponentCount, "count", "connected parts of the lesion (26-connected)"),
            new("cysts or channels", cysts.Count, "count", "local maxima of the depth inside the lesion, one per cyst"),
            new("punctures", cover.Targets.Count, "count", $"injection spheres of {PlanParts.F(radius)} mm radius (catalogue)"),
            new("covered fraction", cover.CoveredFraction, "ratio", $"lesion voxels within {PlanParts.F(radius)} mm of a puncture target; goal {PlanParts.F(goal, 2)}"),
        };
        for (var c = 1; c <= components.ComponentCount; c++)
        {
            measurements.Add(new($"component {c}: volume", components.Sizes[c] * voxelVolume / 1000, "mL"));
        }

        foreach (var d in doses)
        {
            measurements.Add(new($"{d.Agent}: dose limit", d.Limit, d.Unit,
                string.Create(CultureInfo.InvariantCulture, $"min({PlanParts.F(d.PerKg, 3)} {d.PerKgUnit} × {PlanParts.F(d.WeightKg, 2)} kg, {PlanParts.F(d.MaxPerSession, 2)} {d.Unit}) per session{(d.Capped ? ", capped" : "")}; source {d.Source}{(d.Verify ? " (verify)" : "")}")));
        }

        var warnings = new List<PlanWarning>();
        if (input.WeightKg is null)
        {
            warnings.Add(new(PlanWarningSeverity.Caution, "no-weight", "No body weight was given, so no sclerosant dose limit is computed; enter the weight to get them."));
        }

        if (cover.Targets.Count == 0)
        {
            warnings.Add(new(PlanWarningSeverity.Danger, "no-route",
                $"No safe needle route of at most {PlanParts.F(needleLength)} mm reaches the {label}: every candidate tip was too deep, too close to the skin, or its route crossed or came too close to a protected structure."));
        }
        else if (cover.CoveredFraction < goal)
        {
            warnings.Add(new(PlanWarningSeverity.Caution, "low-coverage",
                $"The punctures reach {PlanParts.F(100 * cover.CoveredFraction)} % of the lesion, less than the goal of {PlanParts.F(100 * goal)} %: {(cover.Targets.Count >= maxPunctures ? "the session's puncture limit is reached" : "the rest has no safe route within the needle length or lies too close to the skin")}."));
        }

        var routes = new List<PlannedRoute>();
        var points = new List<PlanPoint>();
        for (var n = 0; n < cover.Targets.Count; n++)
        {
            var t = cover.Targets[n];
            routes.Add(PlanParts.NeedleRoute(t.Route, t.Score,
                string.Create(CultureInfo.InvariantCulture, $"puncture {n + 1}: skin to a point {PlanParts.F(t.DepthMm)} mm deep in the lesion, covering {PlanParts.F(t.NewlyCoveredMl, 2)} mL more")));
            points.Add(new PlanPoint($"puncture {n + 1}", "puncture", t.Point, 2 * radius));
            points.Add(new PlanPoint($"entry {n + 1}", "entry", t.Route.Path.Entry));
        }

        points.AddRange(cysts.Select(c => new PlanPoint(c.Name, "lesion", c.Center, 2 * c.RadiusMm)));
        return ProcedurePlan.Begin(input, "malformation", "automatic", cover.Targets.Count > 0) with
        {
            Target = cover.Targets.Count > 0 ? cover.Targets[0].Point : cysts.Count > 0 ? cysts[0].Center : null,
            TargetReason = cover.Targets.Count > 0 ? "the first puncture of a greedy cover of the lesion by injection spheres" : null,
            Routes = routes,
            CandidatesConsidered = cover.Candidates,
            Rejections = cover.Rejections,
            Warnings = warnings,
            Measurements = measurements,
            Points = points,
            Devices = procedure.Devices,
        };
    }

    /// <summary>The sclerosant dose limits per session of the procedure's agents for <paramref name="weightKg"/>.</summary>
    /// <exception cref="PlanningException">The weight is not plausible (0–250 kg) or an agent lacks its cap or has mismatched units.</exception>
    public static IReadOnlyList<SclerosantDoseLimit> DoseLimits(ProcedureDefinition procedure, double weightKg)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        if (!(weightKg > 0 && weightKg <= 250))
        {
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"The body weight {weightKg} kg is not plausible; give the weight in kilograms (more than 0, at most 250)."));
        }

        var result = new List<SclerosantDoseLimit>();
        foreach (var perKg in procedure.Parameters.Where(p => p.Name.StartsWith(Prefix, StringComparison.Ordinal) && p.Name.EndsWith(PerKgSuffix, StringComparison.Ordinal)))
        {
            var key = perKg.Name[Prefix.Length..^PerKgSuffix.Length];
            var cap = procedure.Parameters.FirstOrDefault(p => string.Equals(p.Name, Prefix + key + CapSuffix, StringComparison.Ordinal))
                ?? throw new PlanningException($"The catalogue entry '{procedure.Id}' gives {perKg.Name} but no {Prefix + key + CapSuffix}; every agent needs a cap per session.");
            var unit = perKg.Unit.Split('/')[0];
            if (!perKg.Unit.EndsWith("/kg", StringComparison.Ordinal) || !string.Equals(unit, cap.Unit, StringComparison.Ordinal))
            {
                throw new PlanningException($"The catalogue entry '{procedure.Id}': {perKg.Name} is in {perKg.Unit} and {cap.Name} in {cap.Unit}; they must be X/kg and X.");
            }

            var byWeight = perKg.Value * weightKg;
            var limit = Math.Min(byWeight, cap.Value);
            result.Add(new SclerosantDoseLimit(Words(key), perKg.Value, perKg.Unit, cap.Value, cap.Unit, weightKg, limit, cap.Value < byWeight,
                perKg.Source, perKg.Verify || cap.Verify));
        }

        return result;
    }

    /// <summary>The cysts and channels of <paramref name="label"/>: local maxima of the depth inside the lesion, largest first.</summary>
    /// <exception cref="PlanningException">The grid is not orthonormal.</exception>
    public static IReadOnlyList<MalformationCyst> FindCysts(Volume<byte> labels, TissueLabel label)
    {
        PlanParts.RequireMeasurableGrid(labels);
        var (mask, _) = PlanParts.Mask(labels, label);
        var components = ConnectedComponents.Label(mask, Connectivity.TwentySix);
        var depth = EuclideanDistanceTransform.Compute(labels, v => v != (byte)label).Voxels;
        return FindCysts(labels, label, components, depth);
    }

    private static List<MalformationCyst> FindCysts(Volume<byte> labels, TissueLabel label, ComponentLabeling components, float[] depth)
    {
        var g = labels.Geometry;
        var voxels = labels.Voxels;
        var largest = Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK));
        var maxima = new List<(int N, float D)>();
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var n = g.LinearIndex(i, j, k);
                    if (voxels[n] != (byte)label || depth[n] < 1.5 * largest || !IsLocalMaximum(g, depth, i, j, k) || !DeepestInOwnBall(g, depth, i, j, k))
                    {
                        continue;
                    }

                    maxima.Add((n, depth[n]));
                }
            }
        }

        // Largest first; a maximum inside an accepted cyst is a ridge point of that cyst, not a cyst of its own.
        var half = 0.5 * g.MinimumSpacing;
        var accepted = new List<MalformationCyst>();
        foreach (var (n, d) in maxima.OrderByDescending(m => m.D).ThenBy(m => m.N))
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            if (accepted.Any(c => c.Center.DistanceTo(p) < c.RadiusMm + half))
            {
                continue;
            }

            accepted.Add(new MalformationCyst($"cyst {accepted.Count + 1}", p, d - (0.5 * largest), components.Labels.Voxels[n]));
        }

        return accepted;
    }

    /// <summary>
    /// Whether no point of the largest ball inside the lesion around (i, j, k) is deeper: the centre of a cyst, not a
    /// point on the ridge between two cysts or on a spur beside a vessel or bone that cuts into the lesion.
    /// </summary>
    private static bool DeepestInOwnBall(VolumeGeometry g, float[] depth, int i, int j, int k)
    {
        var d = depth[g.LinearIndex(i, j, k)];
        int ri = (int)(d / g.SpacingI), rj = (int)(d / g.SpacingJ), rk = (int)(d / g.SpacingK);
        var r2 = (double)d * d;
        for (var c = Math.Max(0, k - rk); c <= Math.Min(g.SizeK - 1, k + rk); c++)
        {
            for (var b = Math.Max(0, j - rj); b <= Math.Min(g.SizeJ - 1, j + rj); b++)
            {
                for (var a = Math.Max(0, i - ri); a <= Math.Min(g.SizeI - 1, i + ri); a++)
                {
                    double x = (a - i) * g.SpacingI, y = (b - j) * g.SpacingJ, z = (c - k) * g.SpacingK;
                    if ((x * x) + (y * y) + (z * z) <= r2 && depth[g.LinearIndex(a, b, c)] > d)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static bool IsLocalMaximum(VolumeGeometry g, float[] depth, int i, int j, int k)
    {
        var d = depth[g.LinearIndex(i, j, k)];
        for (var dk = -1; dk <= 1; dk++)
        {
            for (var dj = -1; dj <= 1; dj++)
            {
                for (var di = -1; di <= 1; di++)
                {
                    int a = i + di, b = j + dj, c = k + dk;
                    if ((di | dj | dk) == 0 || (uint)a >= (uint)g.SizeI || (uint)b >= (uint)g.SizeJ || (uint)c >= (uint)g.SizeK)
                    {
                        continue;
                    }

                    if (depth[g.LinearIndex(a, b, c)] > d)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private sealed record CoverTarget(WorldPoint Point, double DepthMm, NeedlePathEvaluation Route, double Score, double NewlyCoveredMl);

    private sealed record CoverResult(List<CoverTarget> Targets, double CoveredFraction, int Candidates, IReadOnlyDictionary<string, int> Rejections);

    private static CoverResult Cover(Volume<byte> labels, TissueLabel label, float[] depth, float[]? skinDistance, double skinMargin, double radius, double goal,
        int maxPunctures, NeedlePathEvaluator evaluator, EntryPlannerOptions options)
    {
        var passable = PlanParts.Allowed([.. options.AllowedTissues.Select(b => (TissueLabel)b)]);
        var g = labels.Geometry;
        var voxels = labels.Voxels;

        // Lesion voxels get ordinals; candidates sit on a grid of about half the radius.
        var ordinal = new int[voxels.Length];
        var lesion = new List<int>();
        for (var n = 0; n < voxels.Length; n++)
        {
            ordinal[n] = -1;
            if (voxels[n] == (byte)label)
            {
                ordinal[n] = lesion.Count;
                lesion.Add(n);
            }
        }

        int si = Step(g.SpacingI), sj = Step(g.SpacingJ), sk = Step(g.SpacingK);
        int Step(double spacing) => Math.Max(1, (int)Math.Floor(radius / 2 / spacing));

        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<int>();
        foreach (var n in lesion)
        {
            var v = g.VoxelAt(n);
            if (v.I % si != 0 || v.J % sj != 0 || v.K % sk != 0)
            {
                continue;
            }

            if (skinDistance is not null && skinDistance[n] < skinMargin)
            {
                Count(rejections, $"tip closer than {PlanParts.F(skinMargin)} mm to the skin");
                continue;
            }

            candidates.Add(n);
        }

        // The lesion voxels each candidate's sphere reaches (voxel centres within the radius).
        int ri = (int)Math.Ceiling(radius / g.SpacingI), rj = (int)Math.Ceiling(radius / g.SpacingJ), rk = (int)Math.Ceiling(radius / g.SpacingK);
        var reach = new int[candidates.Count][];
        var r2 = radius * radius;
        var buffer = new List<int>();
        for (var c = 0; c < candidates.Count; c++)
        {
            buffer.Clear();
            var v = g.VoxelAt(candidates[c]);
            for (var dk = -rk; dk <= rk; dk++)
            {
                for (var dj = -rj; dj <= rj; dj++)
                {
                    for (var di = -ri; di <= ri; di++)
                    {
                        int a = v.I + di, b = v.J + dj, e = v.K + dk;
                        if ((uint)a >= (uint)g.SizeI || (uint)b >= (uint)g.SizeJ || (uint)e >= (uint)g.SizeK)
                        {
                            continue;
                        }

                        double x = di * g.SpacingI, y = dj * g.SpacingJ, z = dk * g.SpacingK;
                        if ((x * x) + (y * y) + (z * z) > r2)
                        {
                            continue;
                        }

                        var o = ordinal[g.LinearIndex(a, b, e)];
                        if (o >= 0)
                        {
                            buffer.Add(o);
                        }
                    }
                }
            }

            reach[c] = [.. buffer];
        }

        var covered = new bool[lesion.Count];
        var coveredCount = 0;
        var usable = new bool[candidates.Count];
        Array.Fill(usable, true);
        var targets = new List<CoverTarget>();
        var voxelMl = PlanParts.VoxelVolume(g) / 1000;
        var attempts = 0;
        while (targets.Count < maxPunctures && coveredCount < goal * lesion.Count && attempts < 4 * maxPunctures + 16)
        {
            var best = -1;
            var bestGain = 0;
            for (var c = 0; c < candidates.Count; c++)
            {
                if (!usable[c])
                {
                    continue;
                }

                var gain = 0;
                foreach (var o in reach[c])
                {
                    if (!covered[o])
                    {
                        gain++;
                    }
                }

                if (gain > bestGain || (gain == bestGain && gain > 0 && depth[candidates[c]] > depth[candidates[best]]))
                {
                    (best, bestGain) = (c, gain);
                }
            }

            if (best < 0)
            {
                break;
            }

            attempts++;
            usable[best] = false;
            var tip = g.IndexToWorld(g.VoxelAt(candidates[best]));
            // The sweep samples each path; the exact traversal also refuses a path that clips the corner of a forbidden voxel.
            var plan = EntryPlanner.Plan(labels, tip, evaluator, options);
            var pick = Enumerable.Range(0, plan.Ranked.Count)
                .FirstOrDefault(r => PlanParts.FirstForbiddenVoxel(labels, plan.Ranked[r].Path.Entry, tip, passable) is null, -1);
            if (pick < 0)
            {
                Count(rejections, "no safe route from the skin to the tip");
                continue;
            }

            foreach (var o in reach[best])
            {
                if (!covered[o])
                {
                    covered[o] = true;
                    coveredCount++;
                }
            }

            targets.Add(new CoverTarget(tip, depth[candidates[best]], plan.Ranked[pick], plan.Scores[pick], bestGain * voxelMl));
        }

        return new CoverResult(targets, lesion.Count == 0 ? 0 : (double)coveredCount / lesion.Count, candidates.Count, rejections);
    }

    private static void Count(SortedDictionary<string, int> counts, string reason) =>
        counts[reason] = counts.TryGetValue(reason, out var n) ? n + 1 : 1;

    private static string Words(string camel)
    {
        var b = new StringBuilder();
        foreach (var ch in camel)
        {
            if (char.IsUpper(ch) && b.Length > 0)
            {
                b.Append(' ');
            }

            b.Append(char.ToLowerInvariant(ch));
        }

        return b.ToString();
    }
}
