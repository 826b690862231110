using System.Collections.Concurrent;
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
    private const int CrossesCode = 16;
    private const int MarginCode = CrossesCode + 256;

    /// <summary>Plans entries for <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The evaluator was built on a different grid, or an option is out of range.</exception>
    /// <remarks>
    /// Same result as <see cref="PlanExhaustive"/>, found with fewer reads: each path stops at its first
    /// rejection; the label walk skips runs of samples that a block table of the labels proves allowed;
    /// the margin check skips samples that the distance bound proves clear and, only when the bound cannot
    /// decide, computes the clearance as <see cref="NeedlePathEvaluator.Evaluate"/> does (reading every
    /// sample that could be the smallest);
    /// accepted paths are scored lazily, best bound first, and only the ranked ones are evaluated in full.
    /// Rejected paths allocate nothing.
    /// </remarks>
    public static EntryPlan Plan(Volume<byte> labels, WorldPoint target, NeedlePathEvaluator evaluator, EntryPlannerOptions options)
    {
        var (candidates, allowed, protectedName) = Prepare(labels, target, evaluator, options);
        var g = labels.Geometry;
        var blockClearance = evaluator.Blocks.Clearance(allowed);
        var structures = evaluator.Structures;
        var end = g.WorldToIndex(target);

        // Reason codes: 0 accepted, 1 too long, 2 too steep, CrossesCode + label, MarginCode + structure.
        var codes = new int[candidates.Length];
        var scores = new double[candidates.Length];
        var lengths = new double[candidates.Length];
        Parallel.ForEach(Partitioner.Create(0, candidates.Length, 2048), range =>
        {
            for (var n = range.Item1; n < range.Item2; n++)
            {
                var entry = g.IndexToWorld(g.VoxelAt(candidates[n]));
                var length = entry.DistanceTo(target);
                if (length > options.MaximumLengthMm)
                {
                    codes[n] = 1;
                    continue;
                }

                if (NeedlePathEvaluator.InsertionAngle(entry, target) > options.MaximumInsertionAngleDeg)
                {
                    codes[n] = 2;
                    continue;
                }

                var start = g.WorldToIndex(entry);
                var intervals = evaluator.SampleCount(length);
                var forbidden = evaluator.FirstForbiddenLabelFast(start, end, intervals, allowed, blockClearance);
                if (forbidden >= 0)
                {
                    codes[n] = CrossesCode + forbidden;
                    continue;
                }

                var code = 0;
                var surplusBound = double.PositiveInfinity;
                for (var s = 0; s < structures.Count; s++)
                {
                    var margin = structures[s].MinimumClearanceMm;
                    if (!evaluator.ClearanceCertainlyKept(s, start, end, intervals, margin, out var read))
                    {
                        read = evaluator.ClearanceOf(s, start, end, intervals, read);
                        if (read < margin)
                        {
                            code = MarginCode + s;
                            break;
                        }
                    }

                    surplusBound = Math.Min(surplusBound, read - margin);
                }

                codes[n] = code;
                if (code == 0)
                {
                    // An upper bound of the score (every term is exact but the clearance, which can only be smaller).
                    lengths[n] = length;
                    scores[n] = (options.ClearanceWeightPerMm * Math.Min(surplusBound, options.ClearanceCapMm))
                        - (options.LengthWeightPerMm * length)
                        - (options.AngleWeightPerDeg * NeedlePathEvaluator.InsertionAngle(entry, target));
                }
            }
        });

        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byCode = new Dictionary<int, int>();
        var accepted = new List<int>();
        for (var n = 0; n < candidates.Length; n++)
        {
            if (codes[n] == 0)
            {
                accepted.Add(n);
            }
            else
            {
                byCode[codes[n]] = byCode.TryGetValue(codes[n], out var c) ? c + 1 : 1;
            }
        }

        foreach (var (code, count) in byCode)
        {
            var reason = code switch
            {
                1 => "too long",
                2 => "too steep",
                >= MarginCode => MarginReason(structures[code - MarginCode]),
                _ => CrossesReason((byte)(code - CrossesCode), protectedName),
            };
            rejections[reason] = rejections.TryGetValue(reason, out var c) ? c + count : count;
        }

        // Best first, scoring lazily: a queue keyed by (score, −length, −index) holds upper bounds of the
        // scores until an entry reaches the front, gets its exact score (the clearances computed as
        // Evaluate computes them) and goes back. An exact entry at the front outranks every exact score
        // still queued, so the order is that of sorting all exact scores (a negative clearance weight turns
        // the bound around: then every score is made exact first). Only the ranked paths are evaluated in full.
        var exact = new bool[candidates.Length];
        var order = Comparer<(double Score, double Length, int Index)>.Create((a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = a.Length.CompareTo(b.Length);
            return byLength != 0 ? byLength : a.Index.CompareTo(b.Index);
        });
        var queue = new PriorityQueue<int, (double Score, double Length, int Index)>(accepted.Count, order);
        foreach (var n in accepted)
        {
            if (!(options.ClearanceWeightPerMm >= 0))
            {
                ExactScore(n);
            }

            queue.Enqueue(n, (scores[n], lengths[n], n));
        }

        var ranked = new List<NeedlePathEvaluation>();
        var rankedScores = new List<double>();
        while (ranked.Count < options.MaximumResults && queue.TryDequeue(out var n, out _))
        {
            if (!exact[n])
            {
                ExactScore(n);
                queue.Enqueue(n, (scores[n], lengths[n], n));
                continue;
            }

            var entry = g.IndexToWorld(g.VoxelAt(candidates[n]));
            if (!ranked.Exists(r => r.Path.Entry.DistanceTo(entry) < options.MinimumEntrySeparationMm))
            {
                var evaluation = evaluator.Evaluate(new NeedlePath(entry, target));
                ranked.Add(evaluation);
                rankedScores.Add(Score(evaluation, options));
            }
        }

        return new EntryPlan(ranked, rankedScores, candidates.Length, new ReadOnlyDictionary<string, int>(new Dictionary<string, int>(rejections, StringComparer.Ordinal)));

        void ExactScore(int n)
        {
            // The terms of Score(Evaluate(path)), in the same order and arithmetic.
            var entry = g.IndexToWorld(g.VoxelAt(candidates[n]));
            var length = entry.DistanceTo(target);
            var start = g.WorldToIndex(entry);
            var intervals = evaluator.SampleCount(length);
            var surplus = double.PositiveInfinity;
            for (var s = 0; s < structures.Count; s++)
            {
                surplus = Math.Min(surplus, evaluator.ClearanceOf(s, start, end, intervals, double.PositiveInfinity) - structures[s].MinimumClearanceMm);
            }

            scores[n] = (options.ClearanceWeightPerMm * Math.Min(surplus, options.ClearanceCapMm))
                - (options.LengthWeightPerMm * length)
                - (options.AngleWeightPerDeg * NeedlePathEvaluator.InsertionAngle(entry, target));
            lengths[n] = length;
            exact[n] = true;
        }
    }

    /// <summary>
    /// The reference sweep: the same plan as <see cref="Plan"/>, computed without shortcuts (every sample
    /// of every path is read). Slower; kept to check the fast sweep against.
    /// </summary>
    /// <exception cref="ArgumentException">The evaluator was built on a different grid, or an option is out of range.</exception>
    public static EntryPlan PlanExhaustive(Volume<byte> labels, WorldPoint target, NeedlePathEvaluator evaluator, EntryPlannerOptions options)
    {
        var (candidates, allowed, protectedName) = Prepare(labels, target, evaluator, options);
        var g = labels.Geometry;
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
                reasons[n] = CrossesReason(forbidden, protectedName);
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
                    reasons[n] = MarginReason(clearance.Structure);
                    return;
                }
            }

            results[n] = evaluation;
            scores[n] = Score(evaluation, options);
        });

        return Rank(candidates.Length, reasons, results, scores, options);
    }

    private static (int[] Candidates, bool[] Allowed, string?[] ProtectedName) Prepare(
        Volume<byte> labels, WorldPoint target, NeedlePathEvaluator evaluator, EntryPlannerOptions options)
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

        return (candidates, allowed, protectedName);
    }

    private static string CrossesReason(byte label, string?[] protectedName) => "crosses " + (protectedName[label] ?? LabelName(label));

    private static string MarginReason(ProtectedStructure structure) =>
        string.Create(CultureInfo.InvariantCulture, $"margin {structure.Name} < {structure.MinimumClearanceMm:0.##} mm");

    private static EntryPlan Rank(int candidateCount, string?[] reasons, NeedlePathEvaluation?[] results, double[] scores, EntryPlannerOptions options)
    {
        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<int>();
        for (var n = 0; n < candidateCount; n++)
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

        return new EntryPlan(ranked, rankedScores, candidateCount, new ReadOnlyDictionary<string, int>(new Dictionary<string, int>(rejections, StringComparer.Ordinal)));
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
    internal static int[] OuterSurface(Volume<byte> labels, byte label, int stride)
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
                    var n = i + (j * nx) + (k * plane);
                    if (v[n] != label)
                    {
                        // Jump to the next voxel of the label in this row (or past the row's end).
                        var next = v.AsSpan(n, nx - i).IndexOf(label);
                        if (next < 0)
                        {
                            break;
                        }

                        i += next;
                        n += next;
                    }

                    if (stride > 1 && (i + j + k) % stride != 0)
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
