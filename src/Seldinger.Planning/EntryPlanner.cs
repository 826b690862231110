using System.Collections.ObjectModel;
using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning;

/// <summary>
/// Proposes skin entry points for a straight needle to a target, avoiding protected structures.
/// </summary>
/// <remarks>
/// <para>
/// Candidates are the voxels of <see cref="EntryPlannerOptions.EntryLabel"/> (skin) that touch the
/// background across a face — the outer skin surface — thinned by
/// <see cref="EntryPlannerOptions.CandidateStride"/>. Each candidate's path to the target is rejected,
/// with the first reason that applies, when it is
/// "too long" (over <see cref="EntryPlannerOptions.MaximumLengthMm"/>),
/// "too steep" (over <see cref="EntryPlannerOptions.MaximumInsertionAngleDeg"/>),
/// "crosses X" (passes a voxel of a protected structure or of a tissue outside
/// <see cref="EntryPlannerOptions.AllowedTissues"/>), or
/// "margin X &lt; m mm" (comes closer to structure X than its margin).
/// </para>
/// <para>
/// Score of an accepted path:
/// <c>ClearanceWeightPerMm · min(surplus, ClearanceCapMm) − LengthWeightPerMm · length − AngleWeightPerDeg · angle</c>,
/// where surplus is the smallest clearance beyond the margin over all structures. By default 1 mm more
/// clearance is worth 10 mm less needle or 10° less tilt out of the axial plane (CT guidance prefers
/// in-plane paths). Ties go to the shorter path, then to the entry voxel earlier in the volume.
/// Candidates are evaluated in parallel; the output does not depend on the thread schedule.
/// </para>
/// </remarks>
public static class EntryPlanner
{
    /// <summary>Plans entries for <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The evaluator was built on a different grid, or an option is out of range.</exception>
    public static EntryPlan Plan(Volume<byte> labels, WorldPoint target, NeedlePathEvaluator evaluator, EntryPlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(options);
        if (!ReferenceEquals(labels, evaluator.Labels) && labels.Geometry != evaluator.Labels.Geometry)
        {
            throw new ArgumentException("The evaluator was built on a label volume with a different grid.", nameof(evaluator));
        }

        if (options.CandidateStride < 1 || options.MaximumResults < 0 || !(options.MaximumLengthMm > 0))
        {
            throw new ArgumentException("CandidateStride must be ≥ 1, MaximumResults ≥ 0 and MaximumLengthMm > 0.", nameof(options));
        }

        var g = labels.Geometry;
        var candidates = OuterSurface(labels, options.EntryLabel, options.CandidateStride);

        var allowed = new bool[256];
        foreach (var label in options.AllowedTissues)
        {
            allowed[label] = true;
        }

        if (g.TryGetVoxel(target, out var targetVoxel))
        {
            allowed[labels[targetVoxel]] = true;
        }

        var protectedName = new string?[256];
        foreach (var structure in evaluator.Structures)
        {
            allowed[structure.Label] = false;
            protectedName[structure.Label] ??= structure.Name;
        }

        var reasons = new string?[candidates.Length];
        var results = new NeedlePathEvaluation?[candidates.Length];
        var scores = new double[candidates.Length];
        Parallel.For(0, candidates.Length, n =>
        {
            var path = new NeedlePath(g.IndexToWorld(g.VoxelAt(candidates[n])), target);
            var length = path.LengthMm;
            if (length > options.MaximumLengthMm)
            {
                reasons[n] = "too long";
                return;
            }

            if (NeedlePathEvaluator.InsertionAngle(path) > options.MaximumInsertionAngleDeg)
            {
                reasons[n] = "too steep";
                return;
            }

            if (evaluator.FirstForbiddenLabel(path, allowed) is { } forbidden)
            {
                reasons[n] = "crosses " + (protectedName[forbidden] ?? LabelName(forbidden));
                return;
            }

            var evaluation = evaluator.Evaluate(path);
            foreach (var clearance in evaluation.Clearances)
            {
                if (clearance.Crossed)
                {
                    reasons[n] = "crosses " + clearance.Structure.Name;
                    return;
                }

                if (clearance.ViolatesMargin)
                {
                    reasons[n] = string.Create(CultureInfo.InvariantCulture, $"margin {clearance.Structure.Name} < {clearance.Structure.MinimumClearanceMm:0.##} mm");
                    return;
                }
            }

            results[n] = evaluation;
            scores[n] = Score(evaluation, options);
        });

        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<int>();
        for (var n = 0; n < candidates.Length; n++)
        {
            if (reasons[n] is { } reason)
            {
                rejections[reason] = rejections.TryGetValue(reason, out var c) ? c + 1 : 1;
            }
            else
            {
                accepted.Add(n);
            }
        }

        accepted.Sort((a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = results[a]!.LengthMm.CompareTo(results[b]!.LengthMm);
            return byLength != 0 ? byLength : a.CompareTo(b);
        });

        var ranked = new List<NeedlePathEvaluation>();
        var rankedScores = new List<double>();
        foreach (var n in accepted)
        {
            if (ranked.Count >= options.MaximumResults)
            {
                break;
            }

            var entry = results[n]!.Path.Entry;
            if (ranked.Exists(r => r.Path.Entry.DistanceTo(entry) < options.MinimumEntrySeparationMm))
            {
                continue;
            }

            ranked.Add(results[n]!);
            rankedScores.Add(scores[n]);
        }

        return new EntryPlan(ranked, rankedScores, candidates.Length, new ReadOnlyDictionary<string, int>(new Dictionary<string, int>(rejections, StringComparer.Ordinal)));
    }

    /// <summary>The ranking score of an evaluated path under <paramref name="options"/> (larger is better).</summary>
    public static double Score(NeedlePathEvaluation evaluation, EntryPlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(options);
        var clearance = Math.Min(evaluation.MinimumMarginSurplusMm, options.ClearanceCapMm);
        return (options.ClearanceWeightPerMm * clearance)
            - (options.LengthWeightPerMm * evaluation.LengthMm)
            - (options.AngleWeightPerDeg * evaluation.InsertionAngleDeg);
    }

    private static string LabelName(byte label) =>
        Enum.IsDefined((TissueLabel)label) ? ((TissueLabel)label).ToString() : string.Create(CultureInfo.InvariantCulture, $"label {label}");

    /// <summary>Linear indices of <paramref name="label"/> voxels with a face neighbour of label 0 (or outside the grid in-plane), ascending.</summary>
    private static int[] OuterSurface(Volume<byte> labels, byte label, int stride)
    {
        var g = labels.Geometry;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK, plane = nx * ny;
        var v = labels.Voxels;
        var perSlice = new List<int>[nz];
        Parallel.For(0, nz, k =>
        {
            var list = new List<int>();
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    if ((i + j + k) % stride != 0)
                    {
                        continue;
                    }

                    var n = i + (j * nx) + (k * plane);
                    if (v[n] != label)
                    {
                        continue;
                    }

                    var outer = i == 0 || i == nx - 1 || j == 0 || j == ny - 1
                        || v[n - 1] == 0 || v[n + 1] == 0 || v[n - nx] == 0 || v[n + nx] == 0
                        || (k > 0 && v[n - plane] == 0) || (k < nz - 1 && v[n + plane] == 0);
                    if (outer)
                    {
                        list.Add(n);
                    }
                }
            }

            perSlice[k] = list;
        });

        return [.. perSlice.SelectMany(l => l)];
    }
}
