using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Tests;

public class NeedlePathEvaluatorTests
{
    private static Matrix3 RandomRotation(Random random) =>
        Matrix3.Rotation(new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() + 0.1), random.NextDouble() * Math.PI);

    private static double PointToSegment(WorldPoint p, WorldPoint a, WorldPoint b)
    {
        var ab = b - a;
        var t = ab.LengthSquared == 0 ? 0 : Math.Clamp((p - a).Dot(ab) / ab.LengthSquared, 0, 1);
        return p.DistanceTo(a + (ab * t));
    }

    private static WorldPoint RandomInside(Random random, VolumeGeometry g) =>
        g.IndexToWorld(new ContinuousIndex(random.NextDouble() * (g.SizeI - 1), random.NextDouble() * (g.SizeJ - 1), random.NextDouble() * (g.SizeK - 1)));

    [Fact]
    public void Evaluate_RandomVolumesAndPaths_MatchesBruteForceWithinTolerance()
    {
        var random = new Random(81);
        var worst = 0.0;
        for (var trial = 0; trial < 40; trial++)
        {
            var g = new VolumeGeometry(
                random.Next(4, 14), random.Next(4, 14), random.Next(3, 10),
                new WorldPoint(random.NextDouble() * 50, random.NextDouble() * 50, random.NextDouble() * 50),
                0.5 + (random.NextDouble() * 1.5), 0.5 + (random.NextDouble() * 1.5), 0.8 + (random.NextDouble() * 2.5),
                trial % 2 == 0 ? Matrix3.Identity : RandomRotation(random));
            var labels = new Volume<byte>(g);
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                labels.Voxels[n] = random.NextDouble() < 0.03 ? (byte)6 : random.NextDouble() < 0.02 ? (byte)4 : (byte)2;
            }

            var structures = new[] { new ProtectedStructure("Vessel", 6, 2), new ProtectedStructure("Bone", 4, 1) };
            var evaluator = new NeedlePathEvaluator(labels, structures);
            var tolerance = g.VoxelHalfDiagonal + (evaluator.SampleStepMm / 2);
            for (var p = 0; p < 10; p++)
            {
                var path = new NeedlePath(RandomInside(random, g), RandomInside(random, g));
                var evaluation = evaluator.Evaluate(path);
                for (var s = 0; s < structures.Length; s++)
                {
                    var centres = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == structures[s].Label).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
                    var exact = centres.Length == 0 ? double.PositiveInfinity : centres.Min(c => PointToSegment(c, path.Entry, path.Target));
                    var clearance = evaluation.Clearances[s];
                    if (double.IsPositiveInfinity(exact))
                    {
                        Assert.True(double.IsPositiveInfinity(clearance.MinimumDistanceMm));
                        continue;
                    }

                    var error = Math.Abs(clearance.MinimumDistanceMm - exact);
                    worst = Math.Max(worst, error / g.VoxelHalfDiagonal);
                    Assert.True(error <= tolerance, $"trial {trial}: {structures[s].Name} reported {clearance.MinimumDistanceMm:F4}, exact {exact:F4}, tolerance {tolerance:F4}");

                    // The reported closest point is on the path and its distance matches the report.
                    Assert.True(PointToSegment(clearance.ClosestPointOnPath, path.Entry, path.Target) < 1e-9);
                    Assert.True(Math.Abs(evaluator.DistanceTo(s, clearance.ClosestPointOnPath) - clearance.MinimumDistanceMm) < 1e-9);

                    // Crossing: any voxel centre within 0.3 × spacing of the segment must be detected;
                    // a reported crossing must be confirmed by a dense nearest-voxel walk.
                    var nearCentre = centres.Any(c => PointToSegment(c, path.Entry, path.Target) < 0.3 * g.MinimumSpacing);
                    if (nearCentre)
                    {
                        Assert.True(clearance.Crossed, $"trial {trial}: path passes within 0.3 voxel of a {structures[s].Name} centre but Crossed is false");
                    }

                    if (clearance.Crossed)
                    {
                        Assert.True(DenseWalkHits(labels, path, structures[s].Label));
                    }

                    Assert.Equal(clearance.Crossed || clearance.MinimumDistanceMm < structures[s].MinimumClearanceMm, clearance.ViolatesMargin);
                }

                Assert.Equal(evaluation.Clearances.All(c => !c.ViolatesMargin), evaluation.IsSafe);
            }
        }

        // The bound is a worst case; typical errors are far below it.
        Assert.True(worst <= 1.0 + 1e-9, $"worst error {worst:F3} half-diagonals");
    }

    private static bool DenseWalkHits(Volume<byte> labels, NeedlePath path, byte label)
    {
        var steps = (int)Math.Ceiling(path.LengthMm / 0.01) + 1;
        for (var m = 0; m <= steps; m++)
        {
            if (labels.Geometry.TryGetVoxel(path.PointAt((double)m / steps), out var v) && labels[v] == label)
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void Evaluate_PathBesideAVoxel_ExactDistanceAndMarginViolation()
    {
        var g = new VolumeGeometry(20, 20, 5, WorldPoint.Origin, 1, 1, 2);
        var labels = new Volume<byte>(g);
        labels[10, 10, 2] = 6;
        var evaluator = new NeedlePathEvaluator(labels, [new ProtectedStructure("Vessel", 6, 5)]);

        // Parallel to i, 3 mm away in j, same slice: distance exactly 3 at a grid node.
        var evaluation = evaluator.Evaluate(new NeedlePath(new WorldPoint(2, 13, 4), new WorldPoint(18, 13, 4)));
        var clearance = Assert.Single(evaluation.Clearances);
        Assert.Equal(3, clearance.MinimumDistanceMm, 6);
        Assert.False(clearance.Crossed);
        Assert.True(clearance.ViolatesMargin);
        Assert.False(evaluation.IsSafe);
        Assert.Equal(10, clearance.ClosestPointOnPath.X, 6);
        Assert.Equal(-2, evaluation.MinimumMarginSurplusMm, 6);
        Assert.Equal(0, evaluation.InsertionAngleDeg, 9);
        Assert.Equal(new byte[] { 0 }, evaluation.TraversedLabels);
    }

    [Fact]
    public void Evaluate_PathThroughVoxel_Crossed()
    {
        var g = new VolumeGeometry(20, 20, 5, WorldPoint.Origin, 1, 1, 2);
        var labels = new Volume<byte>(g);
        labels[10, 10, 2] = 6;
        var evaluator = new NeedlePathEvaluator(labels, [new ProtectedStructure("Vessel", 6, 5)]);
        var evaluation = evaluator.Evaluate(new NeedlePath(new WorldPoint(2, 10.2, 4), new WorldPoint(18, 10.2, 4)));
        Assert.True(evaluation.Clearances[0].Crossed);
        Assert.False(evaluation.IsSafe);
        Assert.Contains((byte)6, evaluation.TraversedLabels);
    }

    [Theory]
    [InlineData(0, 0, 10, 90)]
    [InlineData(10, 0, 0, 0)]
    [InlineData(0, 10, 10, 45)]
    [InlineData(0, -10, -10, 45)]
    public void InsertionAngle_Directions_AngleToAxialPlane(double dx, double dy, double dz, double expected)
    {
        var path = new NeedlePath(new WorldPoint(1, 1, 1), new WorldPoint(1 + dx, 1 + dy, 1 + dz));
        Assert.Equal(expected, NeedlePathEvaluator.InsertionAngle(path), 9);
    }

    [Fact]
    public void Evaluate_StructureAbsent_InfiniteDistanceAndSafe()
    {
        var labels = new Volume<byte>(new VolumeGeometry(5, 5, 5, WorldPoint.Origin, 1, 1, 1));
        var evaluator = new NeedlePathEvaluator(labels, [new ProtectedStructure("Bowel", (byte)TissueLabel.Bowel, 5)]);
        var evaluation = evaluator.Evaluate(new NeedlePath(new WorldPoint(0, 0, 0), new WorldPoint(4, 4, 4)));
        Assert.True(double.IsPositiveInfinity(evaluation.Clearances[0].MinimumDistanceMm));
        Assert.True(evaluation.IsSafe);
    }

    [Fact]
    public void Constructor_NegativeMargin_Throws()
    {
        var labels = new Volume<byte>(new VolumeGeometry(2, 2, 2, WorldPoint.Origin, 1, 1, 1));
        Assert.Throws<ArgumentException>(() => new NeedlePathEvaluator(labels, [new ProtectedStructure("Bone", 4, -1)]));
    }
}
