using System.Collections.Concurrent;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Needles.Internal;

/// <summary>Weights of the catalogue's soft objectives, in score units per mm or per degree.</summary>
internal sealed record ObjectiveWeights(double Clearance, double ShortPath, double AxialPlane, double Perpendicular, double DependentPosition)
{
    public static ObjectiveWeights Of(ProcedureDefinition procedure)
    {
        double W(ObjectiveKind kind) => procedure.Objectives.Where(o => o.Kind == kind).Sum(o => o.Weight);
        return new(W(ObjectiveKind.Clearance), W(ObjectiveKind.ShortPath), W(ObjectiveKind.AxialPlane), W(ObjectiveKind.Perpendicular), W(ObjectiveKind.DependentPosition));
    }
}

/// <summary>
/// The parallel sweep of every outer-skin voxel as an entry to one target: each path is checked against
/// the hard constraints in a fixed order (the first that fails is its reason) and an accepted path gets
/// its exact capped clearance surplus and its score.
/// </summary>
internal sealed class NeedleSweep
{
    public const int Accepted = 0;
    public const int TooLong = 1;
    public const int TipTooShallow = 2;
    public const int BelowRib = 3;
    public const int CrossesCode = 16;
    public const int MarginCode = CrossesCode + 256;

    private NeedleSweep(int[] candidates, int[] codes, double[] lengths, double[] surplus, double[] angles, double[] scores)
    {
        Candidates = candidates;
        Codes = codes;
        Lengths = lengths;
        Surplus = surplus;
        Angles = angles;
        Scores = scores;
    }

    /// <summary>Linear indices of the candidate entry voxels, ascending.</summary>
    public int[] Candidates { get; }

    /// <summary>Reason code per candidate (0 accepted).</summary>
    public int[] Codes { get; }

    /// <summary>Path length per accepted candidate.</summary>
    public double[] Lengths { get; }

    /// <summary>Capped clearance surplus per accepted candidate.</summary>
    public double[] Surplus { get; }

    /// <summary>Angle to the axial plane per accepted candidate.</summary>
    public double[] Angles { get; }

    /// <summary>Score per accepted candidate.</summary>
    public double[] Scores { get; }

    /// <summary>Runs the sweep. <paramref name="tipTooShallow"/> rejects every entry (the target itself breaks a tip margin).</summary>
    public static NeedleSweep Run(
        NeedlePathEvaluator evaluator,
        NeedleRules rules,
        IntercostalRule? intercostal,
        WorldPoint target,
        bool[] targetMask,
        bool tipTooShallow,
        ObjectiveWeights weights,
        double cap)
    {
        var labels = evaluator.Labels;
        var g = labels.Geometry;
        var candidates = EntryPlanner.OuterSurface(labels, (byte)TissueLabel.Skin, 1);
        var allowed = rules.Allowed;
        var blockClearance = evaluator.Blocks.Clearance(allowed);
        var structures = evaluator.Structures;
        var end = g.WorldToIndex(target);
        var maxLength = rules.MaximumLengthMm;
        var codes = new int[candidates.Length];
        var lengths = new double[candidates.Length];
        var surplus = new double[candidates.Length];
        var angles = new double[candidates.Length];
        var scores = new double[candidates.Length];
        Parallel.ForEach(Partitioner.Create(0, candidates.Length, 2048), range =>
        {
            for (var n = range.Item1; n < range.Item2; n++)
            {
                var entry = g.IndexToWorld(g.VoxelAt(candidates[n]));
                var length = entry.DistanceTo(target);
                if (length > maxLength)
                {
                    codes[n] = TooLong;
                    continue;
                }

                if (tipTooShallow)
                {
                    codes[n] = TipTooShallow;
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

                if (intercostal is not null && !intercostal.Holds(start, end, intervals, out _, out _))
                {
                    codes[n] = BelowRib;
                    continue;
                }

                var code = Accepted;
                var smallest = cap;
                for (var s = 0; s < structures.Count; s++)
                {
                    var margin = structures[s].MinimumClearanceMm;
                    double clearance;
                    if (!evaluator.ClearanceCertainlyKept(s, start, end, intervals, margin, out var read))
                    {
                        clearance = evaluator.ClearanceOf(s, start, end, intervals, read);
                        if (clearance < margin)
                        {
                            code = MarginCode + s;
                            break;
                        }
                    }
                    else if (evaluator.ClearanceCertainlyKept(s, start, end, intervals, margin + cap, out var capped))
                    {
                        continue;
                    }
                    else
                    {
                        clearance = evaluator.ClearanceOf(s, start, end, intervals, Math.Min(read, capped));
                    }

                    smallest = Math.Min(smallest, clearance - margin);
                }

                codes[n] = code;
                if (code != Accepted)
                {
                    continue;
                }

                var angle = NeedlePathEvaluator.InsertionAngle(entry, target);
                lengths[n] = length;
                surplus[n] = smallest;
                angles[n] = angle;
                var score = (weights.Clearance * smallest) - (weights.ShortPath * length) - (weights.AxialPlane * angle)
                    - (weights.DependentPosition * Math.Max(0, entry.Z - target.Z));
                if (weights.Perpendicular != 0)
                {
                    score -= weights.Perpendicular * WallAngle(labels, targetMask, start, end, intervals);
                }

                scores[n] = score;
            }
        });

        return new NeedleSweep(candidates, codes, lengths, surplus, angles, scores);
    }

    /// <summary>
    /// Angle (degrees, 0–90) between the path and the normal of the target's wall where the path enters
    /// the target: the last sample before the tip that is outside the target, the normal from the
    /// 3×3×3 gradient of the target mask there.
    /// </summary>
    public static double WallAngle(Volume<byte> labels, bool[] targetMask, ContinuousIndex start, ContinuousIndex end, int intervals)
    {
        var g = labels.Geometry;
        var v = labels.Voxels;
        for (var m = intervals; m >= 0; m--)
        {
            var t = (double)m / intervals;
            var p = new ContinuousIndex(start.I + (t * (end.I - start.I)), start.J + (t * (end.J - start.J)), start.K + (t * (end.K - start.K)));
            int i = (int)Math.Floor(p.I + 0.5), j = (int)Math.Floor(p.J + 0.5), k = (int)Math.Floor(p.K + 0.5);
            if (!g.Contains(new VoxelIndex(i, j, k)) || targetMask[v[g.LinearIndex(i, j, k)]])
            {
                continue;
            }

            double gi = 0, gj = 0, gk = 0;
            for (var dk = -1; dk <= 1; dk++)
            {
                for (var dj = -1; dj <= 1; dj++)
                {
                    for (var di = -1; di <= 1; di++)
                    {
                        var q = new VoxelIndex(i + di, j + dj, k + dk);
                        if (g.Contains(q) && targetMask[v[g.LinearIndex(q)]])
                        {
                            gi += di;
                            gj += dj;
                            gk += dk;
                        }
                    }
                }
            }

            var normal = g.IndexToWorld(new ContinuousIndex(gi / (g.SpacingI * g.SpacingI), gj / (g.SpacingJ * g.SpacingJ), gk / (g.SpacingK * g.SpacingK))) - g.IndexToWorld(new ContinuousIndex(0, 0, 0));
            var direction = g.IndexToWorld(end) - g.IndexToWorld(start);
            var norms = normal.Length * direction.Length;
            return norms > 0 ? Math.Acos(Math.Min(1, Math.Abs(normal.Dot(direction)) / norms)) * 180 / Math.PI : 0;
        }

        return 0;
    }
}
