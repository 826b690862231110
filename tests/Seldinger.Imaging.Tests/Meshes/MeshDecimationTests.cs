using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Imaging.Tests.Meshes;

public class MeshDecimationTests
{
    private static double MaxDistanceToMesh(TriangleMesh from, TriangleMesh to)
    {
        var worst = 0.0;
        for (var v = 0; v < from.VertexCount; v++)
        {
            var p = MeshTestShapes.At(from, v);
            var best = double.PositiveInfinity;
            for (var t = 0; t < to.Indices.Length; t += 3)
            {
                best = Math.Min(best, MeshTestShapes.PointTriangleDistance(p, MeshTestShapes.At(to, to.Indices[t]), MeshTestShapes.At(to, to.Indices[t + 1]), MeshTestShapes.At(to, to.Indices[t + 2])));
            }

            worst = Math.Max(worst, best);
        }

        return worst;
    }

    [Fact]
    public void Decimate_HalfOfBall_ClosedManifoldSameTopologyAndShape()
    {
        var mesh = MeshSmoothing.Taubin(MeshTestShapes.BallMesh(6, 7), 10);

        var half = MeshDecimation.Decimate(mesh, 0.5);

        Assert.InRange(half.TriangleCount, (mesh.TriangleCount / 2) - 2, mesh.TriangleCount / 2);
        MeshAssert.ClosedOrientedManifold(half);
        Assert.Equal(2, MeshAssert.EulerCharacteristic(half));
        var change = (half.EnclosedVolume() - mesh.EnclosedVolume()) / mesh.EnclosedVolume();
        Assert.True(Math.Abs(change) < 0.02, $"Volume changed by {change:P2}.");
        Assert.True(MaxDistanceToMesh(half, mesh) < 0.25, "A kept vertex moved away from the original surface.");
    }

    [Fact]
    public void Decimate_TorusToTenPercent_KeepsGenusOne()
    {
        var g = new VolumeGeometry(30, 30, 14, default, 0.6, 0.6, 0.9, TestRandom.RandomRotation(new Random(8)));
        var mesh = LabelSurfaceExtractor.Extract(MeshTestShapes.Torus(g, 5.5, 2.2), 3);

        var decimated = MeshDecimation.Decimate(mesh, 0.1);

        MeshAssert.ClosedOrientedManifold(decimated);
        Assert.Equal(0, MeshAssert.EulerCharacteristic(decimated));
        Assert.True(decimated.TriangleCount <= (mesh.TriangleCount / 10) + 50);
    }

    [Fact]
    public void Decimate_RandomLabelsAsFarAsPossible_StaysClosedAndManifold()
    {
        var random = new Random(12);
        for (var trial = 0; trial < 15; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 7);
            var v = new Volume<byte>(g);
            for (var n = 0; n < v.Voxels.Length; n++)
            {
                v.Voxels[n] = (byte)(random.NextDouble() < 0.55 ? 1 : 0);
            }

            var mesh = LabelSurfaceExtractor.Extract(v, 1);

            var decimated = MeshDecimation.Decimate(mesh, 0);

            MeshAssert.ClosedOrientedManifold(decimated);
            Assert.Equal(MeshAssert.EulerCharacteristic(mesh), MeshAssert.EulerCharacteristic(decimated));
        }
    }

    [Fact]
    public void Decimate_Twice_IdenticalOutput()
    {
        var mesh = MeshTestShapes.BallMesh(5, 9);

        var first = MeshDecimation.Decimate(mesh, 0.3);
        var second = MeshDecimation.Decimate(mesh, 0.3);

        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(first.Positions, second.Positions);
    }
}
