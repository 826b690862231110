using System.Numerics;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Imaging.Tests.Meshes;

public class MeshSmoothingTests
{
    /// <summary>One umbrella step by dictionary of edges, the obvious way.</summary>
    private static Vector3[] BruteForceStep(TriangleMesh mesh, float factor)
    {
        var neighbours = new Dictionary<int, HashSet<int>>();
        for (var t = 0; t < mesh.Indices.Length; t += 3)
        {
            for (var c = 0; c < 3; c++)
            {
                var v = mesh.Indices[t + c];
                if (!neighbours.TryGetValue(v, out var set))
                {
                    neighbours[v] = set = [];
                }

                set.Add(mesh.Indices[t + ((c + 1) % 3)]);
                set.Add(mesh.Indices[t + ((c + 2) % 3)]);
            }
        }

        var result = (Vector3[])mesh.Positions.Clone();
        foreach (var (v, set) in neighbours)
        {
            var mean = Vector3.Zero;
            foreach (var n in set)
            {
                mean += mesh.Positions[n];
            }

            mean /= set.Count;
            result[v] = mesh.Positions[v] + (factor * (mean - mesh.Positions[v]));
        }

        return result;
    }

    [Fact]
    public void Laplacian_OneStepOnRandomLabels_MatchesBruteForce()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 10; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 6);
            var v = new Volume<byte>(g);
            for (var n = 0; n < v.Voxels.Length; n++)
            {
                v.Voxels[n] = (byte)(random.NextDouble() < 0.5 ? 1 : 0);
            }

            var mesh = LabelSurfaceExtractor.Extract(v, 1);

            var smoothed = MeshSmoothing.Laplacian(mesh, 1, 0.4);

            var expected = BruteForceStep(mesh, 0.4f);
            for (var n = 0; n < expected.Length; n++)
            {
                Assert.True(Vector3.Distance(expected[n], smoothed.Positions[n]) < 1e-3, $"Trial {trial}, vertex {n}.");
            }
        }
    }

    [Theory]
    [InlineData(5.0, 1)]
    [InlineData(9.0, 2)]
    public void Taubin_VoxelBall_StaysClosedAndShrinksLessThanThreePercent(double radius, int seed)
    {
        var mesh = MeshTestShapes.BallMesh(radius, seed);

        var smoothed = MeshSmoothing.Taubin(mesh, 30);

        Assert.Equal(mesh.Indices, smoothed.Indices);
        MeshAssert.ClosedOrientedManifold(smoothed);
        var change = (smoothed.EnclosedVolume() - mesh.EnclosedVolume()) / mesh.EnclosedVolume();
        Assert.True(Math.Abs(change) < 0.03, $"Volume changed by {change:P2}.");

        // Smoothing removes the voxel steps: the area falls towards that of the sphere.
        Assert.True(smoothed.SurfaceArea() < mesh.SurfaceArea());
    }

    [Fact]
    public void Laplacian_SameIterations_ShrinksMoreThanTaubin()
    {
        var mesh = MeshTestShapes.BallMesh(6, 4);

        var laplacian = MeshSmoothing.Laplacian(mesh, 30, 0.5).EnclosedVolume();
        var taubin = MeshSmoothing.Taubin(mesh, 30).EnclosedVolume();

        Assert.True(laplacian < taubin, $"Laplacian {laplacian:F1} mm³, Taubin {taubin:F1} mm³.");
    }

    [Fact]
    public void Taubin_MuSmallerThanLambda_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MeshSmoothing.Taubin(MeshTestShapes.BallMesh(3, 1), 1, 0.5, -0.4));
}
