using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Needles;
using Seldinger.Planning.Plans;
using static Seldinger.Planning.Tests.Needles.NeedleTestGeometry;

namespace Seldinger.Planning.Tests.Needles;

/// <summary>The automatic search against a slow reference over every entry of small synthetic torsos.</summary>
public class NeedleSearchTests
{
    private static readonly byte[] Inner =
        [(byte)TissueLabel.Vein, (byte)TissueLabel.Artery, (byte)TissueLabel.Bone, (byte)TissueLabel.Bowel, (byte)TissueLabel.Kidney, (byte)TissueLabel.Nerve, (byte)TissueLabel.Liver, (byte)TissueLabel.Muscle];

    private static ProcedureCatalogue Catalogue => ProcedureCatalogue.Default;

    /// <summary>biopsy-deep with a 30 mm needle, so that some entries are too long in a small torso.</summary>
    private static ProcedureDefinition ShortBiopsy() =>
        Catalogue.Find("biopsy-deep")! with { Devices = [new ProcedureDevice(DeviceKind.Needle, 18, null, 30, "device-defaults", true)] };

    /// <summary>An elliptic cylinder of fat with skin and muscle layers, random ellipsoids of organs and protected structures (kept 4 voxels from the target, so that it can be reached), and a liver lesion; anisotropic voxels.</summary>
    private static (Volume<byte> Labels, WorldPoint Target) Torso(int seed, bool boneShell = false)
    {
        var random = new Random(seed);
        int nx = 34 + random.Next(8), ny = 28 + random.Next(8), nz = 9 + random.Next(3);
        var g = new VolumeGeometry(nx, ny, nz, new WorldPoint(-nx, -ny, 0), 1 + (random.NextDouble() * 0.3), 1.1 + (random.NextDouble() * 0.3), 1.6 + (random.NextDouble() * 0.6));
        var labels = new Volume<byte>(g);
        var blobs = Enumerable.Range(0, 2 + random.Next(4)).Select(_ => (
            Centre: new[] { (0.2 + (0.6 * random.NextDouble())) * nx, (0.2 + (0.6 * random.NextDouble())) * ny, random.NextDouble() * nz },
            Radii: new[] { 1 + (random.NextDouble() * nx / 7), 1 + (random.NextDouble() * ny / 7), 1 + (random.NextDouble() * nz / 3) },
            Label: Inner[random.Next(Inner.Length)])).ToArray();
        double cx = (nx - 1) / 2.0, cy = (ny - 1) / 2.0, ax = (nx / 2.0) - 0.5, ay = (ny / 2.0) - 0.5;
        var t = new VoxelIndex((int)(cx + ((random.NextDouble() - 0.5) * ax * 0.5)), (int)(cy + ((random.NextDouble() - 0.5) * ay * 0.5)), 4 + random.Next(nz - 8));
        var clear = boneShell ? 0 : 4;
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

                    byte label = r > 0.86 ? (byte)TissueLabel.Skin : r > 0.75 ? (byte)TissueLabel.Muscle : (byte)TissueLabel.Fat;
                    if (label == (byte)TissueLabel.Fat)
                    {
                        foreach (var (centre, radii, l) in blobs)
                        {
                            var d = Math.Pow((i - centre[0]) / radii[0], 2) + Math.Pow((j - centre[1]) / radii[1], 2) + Math.Pow((k - centre[2]) / radii[2], 2);
                            if (d <= 1 && Math.Max(Math.Abs(i - t.I), Math.Max(Math.Abs(j - t.J), Math.Abs(k - t.K))) > clear)
                            {
                                label = l;
                            }
                        }

                        var cheb = Math.Max(Math.Abs(i - t.I), Math.Max(Math.Abs(j - t.J), Math.Abs(k - t.K)));
                        if (cheb <= 1)
                        {
                            label = cheb == 0 ? (byte)TissueLabel.Lesion : (byte)TissueLabel.Liver;
                        }
                        else if (boneShell && cheb <= 4)
                        {
                            label = (byte)TissueLabel.Bone;
                        }
                    }

                    labels[i, j, k] = label;
                }
            }
        }

        return (labels, g.IndexToWorld(t));
    }

    private static PlanningInput InputFor(Volume<byte> labels, WorldPoint target, ProcedureDefinition procedure) =>
        new() { Labels = labels, Procedure = procedure, Catalogue = Catalogue, Target = target };

    /// <summary>
    /// The reference verdict for one entry from geometry alone: unsafe when the path is too long, passes through
    /// the core of a voxel the rules forbid, or comes closer to a protected structure than its margin minus
    /// the distance-map tolerance; safe when none of that and every clearance is at least margin plus the
    /// tolerance and the walk meets only allowed labels even at voxel boundaries; otherwise undecided (null).
    /// </summary>
    private static bool? Reference(Volume<byte> labels, WorldPoint entry, WorldPoint target, ProcedureDefinition procedure, HashSet<byte> allowed)
    {
        if (entry.DistanceTo(target) > DeviceLength(procedure))
        {
            return false;
        }

        var walked = DenseWalk(labels, entry, target, out var edge);
        if (walked.Any(l => !allowed.Contains(l)))
        {
            return false;
        }

        var tolerance = Tolerance(labels.Geometry);
        var certain = edge.All(allowed.Contains);
        foreach (var p in procedure.Protect)
        {
            var d = BruteDistance(labels, entry, target, (byte)p.Label);
            if (d < p.MinimumClearanceMm - tolerance)
            {
                return false;
            }

            certain &= d >= p.MinimumClearanceMm + tolerance;
        }

        return certain ? true : null;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Plan_RandomTorso_SearchAgreesWithTheReferenceOverEveryEntryAndTheParetoFrontIsExact(int seed)
    {
        var (labels, target) = Torso(seed);
        var procedure = ShortBiopsy();
        var input = InputFor(labels, target, procedure);
        var g = labels.Geometry;
        var allowed = new HashSet<byte> { (byte)TissueLabel.Skin, (byte)TissueLabel.Fat, (byte)TissueLabel.Muscle, (byte)TissueLabel.Lesion, (byte)TissueLabel.Liver };

        var plan = NeedleRoutePlanner.Plan(input);

        // Every outer skin entry, judged by the reference and by the planner's manual evaluation.
        var entries = new List<WorldPoint>();
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (IsOuterSkin(labels, i, j, k))
                    {
                        entries.Add(g.IndexToWorld(new VoxelIndex(i, j, k)));
                    }
                }
            }
        }

        Assert.Equal(entries.Count, plan.CandidatesConsidered);
        var safe = new List<(WorldPoint Entry, double Length, double Surplus, double Angle, double Score)>();
        var referenceSafe = 0;
        var referenceUndecided = 0;
        foreach (var entry in entries)
        {
            var reference = Reference(labels, entry, target, procedure, allowed);
            var manual = NeedleRoutePlanner.Plan(input with { ManualEntry = entry });
            if (reference is { } verdict)
            {
                Assert.True(verdict == manual.Feasible, $"entry {entry}: reference {verdict}, planner {manual.Feasible}: {string.Join("; ", manual.Warnings.Select(w => w.Message))}");
                referenceSafe += verdict ? 1 : 0;
            }
            else
            {
                referenceUndecided++;
            }

            if (manual.Feasible)
            {
                var route = manual.Routes[0];
                var surplus = Math.Min(20, route.Clearances.Where(c => c.DistanceMm is not null).Select(c => c.DistanceMm!.Value - c.RequiredMm).DefaultIfEmpty(20).Min());
                safe.Add((entry, route.LengthMm, surplus, route.InsertionAngleDeg!.Value, route.Score));
            }
        }

        Assert.True(referenceSafe > 0, "the torso has entries the reference calls safe");
        Assert.True(referenceUndecided < entries.Count / 2, $"{referenceUndecided} of {entries.Count} undecided");

        // The search accepts exactly the entries the manual evaluation calls safe, and ranks the best first.
        Assert.True(plan.Feasible);
        Assert.Equal(safe.Count, plan.Measurements.Single(m => m.Name == "safe entries").Value);
        Assert.Equal(entries.Count - safe.Count, plan.Rejections.Values.Sum());
        Assert.Equal(safe.Max(s => s.Score), plan.Routes[0].Score, 9);
        for (var a = 0; a < plan.Routes.Count; a++)
        {
            for (var b = a + 1; b < plan.Routes.Count; b++)
            {
                Assert.True(plan.Routes[a].Entry.DistanceTo(plan.Routes[b].Entry) >= 10);
                Assert.True(plan.Routes[a].Score >= plan.Routes[b].Score);
            }
        }

        // The Pareto front is exactly the non-dominated set of the safe entries.
        static bool Dominates((WorldPoint Entry, double Length, double Surplus, double Angle, double Score) x, (WorldPoint Entry, double Length, double Surplus, double Angle, double Score) y) =>
            x.Length <= y.Length && x.Surplus >= y.Surplus && x.Angle <= y.Angle && (x.Length < y.Length || x.Surplus > y.Surplus || x.Angle < y.Angle);
        var front = safe.Where(y => !safe.Exists(x => Dominates(x, y))).ToList();
        Assert.Equal(front.Select(f => f.Entry).Order(new PointOrder()), plan.ParetoFront.Select(p => p.Entry).Order(new PointOrder()));
        foreach (var p in plan.ParetoFront)
        {
            var f = front.Single(x => x.Entry == p.Entry);
            Assert.Equal(f.Length, p.LengthMm);
            Assert.Equal(f.Surplus, p.ClearanceSurplusMm, 12);
            Assert.Equal(f.Angle, p.InsertionAngleDeg);
        }
    }

    [Fact]
    public void Plan_TargetWrappedInBone_NoRouteLikeTheReference()
    {
        var (labels, target) = Torso(4, boneShell: true);
        var procedure = ShortBiopsy() with { Devices = [new ProcedureDevice(DeviceKind.Needle, 18, null, 150, "device-defaults", true)] };
        var g = labels.Geometry;
        var allowed = new HashSet<byte> { (byte)TissueLabel.Skin, (byte)TissueLabel.Fat, (byte)TissueLabel.Muscle, (byte)TissueLabel.Lesion, (byte)TissueLabel.Liver };
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var v = g.VoxelAt(n);
            if (IsOuterSkin(labels, v.I, v.J, v.K))
            {
                Assert.NotEqual(true, Reference(labels, g.IndexToWorld(v), target, procedure, allowed));
            }
        }

        var plan = NeedleRoutePlanner.Plan(InputFor(labels, target, procedure));
        Assert.False(plan.Feasible);
        Assert.Empty(plan.Routes);
        Assert.Empty(plan.ParetoFront);
        Assert.True(plan.Rejections["crosses Bone"] > 0);
        Assert.Equal(plan.CandidatesConsidered, plan.Rejections.Values.Sum());
        Assert.Contains(plan.Warnings, w => w.Code == "no-route" && w.Severity == PlanWarningSeverity.Danger);
    }

    [Fact]
    public void Plan_DeepestPocketUnreachable_NextPocketWithASafeRoute()
    {
        // A deep abscess walled in bone and a smaller open one; the planner must move to the smaller one.
        var g = new VolumeGeometry(36, 28, 12, new WorldPoint(-36, -28, 0), 2, 2, 2);
        var labels = new Volume<byte>(g);
        var big = new VoxelIndex(12, 14, 6);
        var small = new VoxelIndex(26, 14, 6);
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var r = Math.Sqrt(Math.Pow((i - 17.5) / 17.5, 2) + Math.Pow((j - 13.5) / 13.5, 2));
                    if (r > 1)
                    {
                        continue;
                    }

                    var dBig = Math.Sqrt(Math.Pow(i - big.I, 2) + Math.Pow(j - big.J, 2) + Math.Pow(k - big.K, 2));
                    var dSmall = Math.Sqrt(Math.Pow(i - small.I, 2) + Math.Pow(j - small.J, 2) + Math.Pow(k - small.K, 2));
                    labels[i, j, k] = r > 0.9 ? (byte)TissueLabel.Skin
                        : dBig <= 4 ? (byte)TissueLabel.Abscess
                        : dBig <= 6.5 ? (byte)TissueLabel.Bone
                        : dSmall <= 2.5 ? (byte)TissueLabel.Abscess
                        : (byte)TissueLabel.Fat;
                }
            }
        }

        var (depth, _) = BruteDeepest(labels, (byte)TissueLabel.Abscess);
        Assert.Equal(Math.Sqrt(17) * 2, depth, 6);
        var input = new PlanningInput { Labels = labels, Procedure = Catalogue.Find("abscess-drainage-deep")!, Catalogue = Catalogue };
        var plan = NeedleRoutePlanner.Plan(input);

        Assert.True(plan.Feasible);
        Assert.StartsWith("deepest pocket with a safe route", plan.TargetReason, StringComparison.Ordinal);
        Assert.True(plan.Target!.Value.DistanceTo(g.IndexToWorld(small)) <= 2.5 * 2);
        var pocket = plan.Measurements.Single(m => m.Name == "target pocket depth").Value;
        Assert.True(pocket < depth);
    }

    private sealed class PointOrder : IComparer<WorldPoint>
    {
        public int Compare(WorldPoint x, WorldPoint y)
        {
            var c = x.X.CompareTo(y.X);
            return c != 0 ? c : (c = x.Y.CompareTo(y.Y)) != 0 ? c : x.Z.CompareTo(y.Z);
        }
    }
}
