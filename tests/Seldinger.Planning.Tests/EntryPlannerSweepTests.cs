using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Tests;

/// <summary>The fast sweep of <see cref="EntryPlanner.Plan"/> against brute-force evaluation of every entry.</summary>
public class EntryPlannerSweepTests(PhantomPlanFixture fixture) : IClassFixture<PhantomPlanFixture>
{
    private static readonly byte[] Allowed =
        [(byte)TissueLabel.Skin, (byte)TissueLabel.Fat, (byte)TissueLabel.Muscle, (byte)TissueLabel.Liver, (byte)TissueLabel.Lesion];

    private static readonly byte[] Inner =
        [(byte)TissueLabel.Vessel, (byte)TissueLabel.Bone, (byte)TissueLabel.Bowel, (byte)TissueLabel.Kidney, (byte)TissueLabel.Muscle, (byte)TissueLabel.Liver, (byte)TissueLabel.Nerve];

    /// <summary>
    /// A random torso: an elliptic cylinder of fat with a skin layer, random ellipsoids of organs and
    /// protected structures inside, a liver lesion as target; anisotropic voxels.
    /// </summary>
    private static (Volume<byte> Labels, WorldPoint Target) RandomTorso(int seed)
    {
        var random = new Random(seed);
        int nx = 30 + random.Next(20), ny = 26 + random.Next(16), nz = 10 + random.Next(14);
        var g = new VolumeGeometry(nx, ny, nz, new WorldPoint(-nx / 2.0, -ny / 2.0, 0), 1 + (random.NextDouble() * 0.6), 0.8 + (random.NextDouble() * 0.8), 1.5 + random.NextDouble());
        var labels = new Volume<byte>(g);
        var blobs = Enumerable.Range(0, 4 + random.Next(8)).Select(_ => (
            Centre: new[] { (0.2 + (0.6 * random.NextDouble())) * nx, (0.2 + (0.6 * random.NextDouble())) * ny, random.NextDouble() * nz },
            Radii: new[] { 1 + (random.NextDouble() * nx / 6), 1 + (random.NextDouble() * ny / 6), 1 + (random.NextDouble() * nz / 3) },
            Label: Inner[random.Next(Inner.Length)])).ToArray();
        double cx = (nx - 1) / 2.0, cy = (ny - 1) / 2.0, ax = (nx / 2.0) - 1, ay = (ny / 2.0) - 1;
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    var r = Math.Sqrt((((i - cx) / ax) * ((i - cx) / ax)) + (((j - cy) / ay) * ((j - cy) / ay)));
                    if (r > 1)
                    {
                        continue;
                    }

                    byte label = r > 0.88 ? (byte)TissueLabel.Skin : (byte)TissueLabel.Fat;
                    if (label == (byte)TissueLabel.Fat)
                    {
                        foreach (var (centre, radii, l) in blobs)
                        {
                            var d = Math.Pow((i - centre[0]) / radii[0], 2) + Math.Pow((j - centre[1]) / radii[1], 2) + Math.Pow((k - centre[2]) / radii[2], 2);
                            if (d <= 1)
                            {
                                label = l;
                            }
                        }
                    }

                    labels[i, j, k] = label;
                }
            }
        }

        // The lesion: a small ball of liver and lesion around a random inner point.
        var t = new VoxelIndex((int)(cx + ((random.NextDouble() - 0.5) * ax)), (int)(cy + ((random.NextDouble() - 0.5) * ay)), random.Next(nz));
        for (var k = Math.Max(0, t.K - 1); k <= Math.Min(nz - 1, t.K + 1); k++)
        {
            for (var j = t.J - 2; j <= t.J + 2; j++)
            {
                for (var i = t.I - 2; i <= t.I + 2; i++)
                {
                    labels[i, j, k] = (byte)TissueLabel.Liver;
                }
            }
        }

        labels[t] = (byte)TissueLabel.Lesion;
        return (labels, g.IndexToWorld(t));
    }

    /// <summary>
    /// Every outer skin voxel tried on its own, written from the planner's documented rules: too long,
    /// too steep, the first forbidden label met at the evaluator's samples, then the first structure whose
    /// clearance (from <see cref="NeedlePathEvaluator.Evaluate"/>) is under its margin.
    /// </summary>
    private static (Dictionary<string, int> Rejections, List<(WorldPoint Entry, double Score, double Length)> Accepted) BruteForce(
        Volume<byte> labels, WorldPoint target, NeedlePathEvaluator evaluator, EntryPlannerOptions options)
    {
        var g = labels.Geometry;
        var v = labels.Voxels;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        var allowed = new bool[256];
        foreach (var a in options.AllowedTissues)
        {
            allowed[a] = true;
        }

        Assert.True(g.TryGetVoxel(target, out var tv));
        allowed[labels[tv]] = true;
        foreach (var s in evaluator.Structures)
        {
            allowed[s.Label] = false;
        }

        var rejections = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<(WorldPoint, double, double)>();
        void Reject(string reason) => rejections[reason] = rejections.GetValueOrDefault(reason) + 1;
        for (var n = 0; n < v.Length; n++)
        {
            var (i, j, k) = (n % nx, n / nx % ny, n / (nx * ny));
            if (v[n] != options.EntryLabel || (i + j + k) % options.CandidateStride != 0)
            {
                continue;
            }

            byte At(int a, int b, int c) => (uint)a < (uint)nx && (uint)b < (uint)ny && (uint)c < (uint)nz ? v[a + (nx * (b + (ny * c)))] : (byte)0;
            var outer = i == 0 || i == nx - 1 || j == 0 || j == ny - 1 || At(i - 1, j, k) == 0 || At(i + 1, j, k) == 0 || At(i, j - 1, k) == 0
                || At(i, j + 1, k) == 0 || (k > 0 && At(i, j, k - 1) == 0) || (k < nz - 1 && At(i, j, k + 1) == 0);
            if (!outer)
            {
                continue;
            }

            var path = new NeedlePath(g.IndexToWorld(new VoxelIndex(i, j, k)), target);
            if (path.LengthMm > options.MaximumLengthMm)
            {
                Reject("too long");
                continue;
            }

            if (NeedlePathEvaluator.InsertionAngle(path) > options.MaximumInsertionAngleDeg)
            {
                Reject("too steep");
                continue;
            }

            var intervals = Math.Max(1, (int)Math.Ceiling(path.LengthMm / evaluator.SampleStepMm));
            var a0 = g.WorldToIndex(path.Entry);
            var b0 = g.WorldToIndex(path.Target);
            byte? forbidden = null;
            for (var m = 0; m <= intervals && forbidden is null; m++)
            {
                var t = (double)m / intervals;
                var label = At(
                    (int)Math.Floor(a0.I + (t * (b0.I - a0.I)) + 0.5),
                    (int)Math.Floor(a0.J + (t * (b0.J - a0.J)) + 0.5),
                    (int)Math.Floor(a0.K + (t * (b0.K - a0.K)) + 0.5));
                if (!allowed[label])
                {
                    forbidden = label;
                }
            }

            if (forbidden is { } f)
            {
                var name = evaluator.Structures.FirstOrDefault(s => s.Label == f)?.Name ?? ((TissueLabel)f).ToString();
                Reject("crosses " + name);
                continue;
            }

            var evaluation = evaluator.Evaluate(path);
            if (evaluation.Clearances.FirstOrDefault(c => c.ViolatesMargin) is { } violated)
            {
                Reject(string.Create(CultureInfo.InvariantCulture, $"margin {violated.Structure.Name} < {violated.Structure.MinimumClearanceMm:0.##} mm"));
                continue;
            }

            accepted.Add((path.Entry, EntryPlanner.Score(evaluation, options), evaluation.LengthMm));
        }

        return (rejections, accepted);
    }

    private static void AssertSamePlan(EntryPlan expected, EntryPlan actual)
    {
        Assert.Equal(expected.CandidatesConsidered, actual.CandidatesConsidered);
        Assert.Equal(expected.Rejections, actual.Rejections);
        Assert.Equal(expected.Ranked.Select(r => r.Path), actual.Ranked.Select(r => r.Path));
        Assert.Equal(expected.Scores, actual.Scores);
        Assert.Equal(expected.Ranked.Select(r => r.MinimumMarginSurplusMm), actual.Ranked.Select(r => r.MinimumMarginSurplusMm));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Plan_RandomTorso_SameBestEntryAndRejectionsAsBruteForce(int seed)
    {
        var (labels, target) = RandomTorso(seed);
        var random = new Random(seed + 100);
        var structures = new List<ProtectedStructure>
        {
            new("Vessel", (byte)TissueLabel.Vessel, random.NextDouble() * 6),
            new("Bone", (byte)TissueLabel.Bone, random.NextDouble() * 4),
            new("Bowel", (byte)TissueLabel.Bowel, random.NextDouble() * 6),
            new("Nerve", (byte)TissueLabel.Nerve, random.NextDouble() * 3),
            new("Bladder", (byte)TissueLabel.Bladder, 5), // absent from the volume
        };
        var evaluator = new NeedlePathEvaluator(labels, structures);
        var options = new EntryPlannerOptions
        {
            AllowedTissues = Allowed.ToHashSet(),
            MaximumLengthMm = 20 + (random.NextDouble() * 30),
            MaximumInsertionAngleDeg = 30 + (random.NextDouble() * 60),
            CandidateStride = 1 + random.Next(2),
            MinimumEntrySeparationMm = random.NextDouble() * 6,
        };

        var plan = EntryPlanner.Plan(labels, target, evaluator, options);
        var (rejections, accepted) = BruteForce(labels, target, evaluator, options);

        Assert.Equal(rejections.Values.Sum() + accepted.Count, plan.CandidatesConsidered);
        Assert.Equal(rejections.OrderBy(r => r.Key, StringComparer.Ordinal), plan.Rejections.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.True(accepted.Count > 0, "the random torso should leave some entry open");
        var best = accepted.OrderByDescending(a => a.Score).ThenBy(a => a.Length).First();
        Assert.Equal(best.Entry, plan.Ranked[0].Path.Entry);
        Assert.Equal(best.Score, plan.Scores[0]);

        AssertSamePlan(EntryPlanner.PlanExhaustive(labels, target, evaluator, options), plan);
    }

    [Fact]
    public void Plan_DefaultPhantom_SameAsExhaustive()
    {
        var exhaustive = EntryPlanner.PlanExhaustive(fixture.Case.Labels, fixture.Case.LesionCenter, fixture.Evaluator, new EntryPlannerOptions());
        AssertSamePlan(exhaustive, fixture.Plan);
    }

    [Fact]
    public void Plan_DefaultPhantomOtherWeights_SameAsExhaustive()
    {
        // More results, no separation, heavier clearance, and a negative clearance weight (no upper bound).
        foreach (var options in new[]
        {
            new EntryPlannerOptions { MaximumResults = 40, MinimumEntrySeparationMm = 0, ClearanceWeightPerMm = 5, CandidateStride = 2 },
            new EntryPlannerOptions { MaximumResults = 3, ClearanceWeightPerMm = -1, CandidateStride = 3 },
        })
        {
            var exhaustive = EntryPlanner.PlanExhaustive(fixture.Case.Labels, fixture.Case.LesionCenter, fixture.Evaluator, options);
            AssertSamePlan(exhaustive, EntryPlanner.Plan(fixture.Case.Labels, fixture.Case.LesionCenter, fixture.Evaluator, options));
        }
    }
}
