using System.Numerics;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Imaging.Tests.Meshes;

public class MeshTopologyTests
{
    private static readonly Vector3[] Corners = [new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)];

    // A tetrahedron, counter-clockwise seen from outside.
    private static readonly int[] Tetrahedron = [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3];

    [Fact]
    public void IsWatertight_ClosedAndBrokenTetrahedra()
    {
        Assert.True(MeshTopology.IsWatertight(new TriangleMesh(Corners, Tetrahedron)));
        Assert.True(MeshTopology.IsWatertight(new TriangleMesh([], [])));

        // A missing face leaves three edges with one triangle.
        Assert.False(MeshTopology.IsWatertight(new TriangleMesh(Corners, Tetrahedron[..9])));

        // One face turned over: every edge still has two triangles, but two of them run the same way.
        int[] flipped = [.. Tetrahedron];
        (flipped[10], flipped[11]) = (flipped[11], flipped[10]);
        Assert.False(MeshTopology.IsWatertight(new TriangleMesh(Corners, flipped)));

        // A face used twice: its edges have three triangles.
        Assert.False(MeshTopology.IsWatertight(new TriangleMesh(Corners, [.. Tetrahedron, 1, 2, 3])));

        // A degenerate triangle.
        Assert.False(MeshTopology.IsWatertight(new TriangleMesh(Corners, [.. Tetrahedron, 1, 1, 2])));
    }

    [Fact]
    public void IsWatertight_AgreesWithTheBruteForceCheckOnRandomLabelSurfaces()
    {
        var random = new Random(71);
        for (var trial = 0; trial < 8; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 10);
            var labels = new Volume<byte>(g);
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                labels.Voxels[n] = (byte)(random.NextDouble() < 0.4 ? 1 : 0);
            }

            var mesh = LabelSurfaceExtractor.Extract(labels, 1);
            MeshAssert.ClosedOrientedManifold(mesh);
            Assert.True(MeshTopology.IsWatertight(mesh));
            if (mesh.TriangleCount > 1)
            {
                var opened = new TriangleMesh(mesh.Positions, mesh.Indices[3..]);
                Assert.False(MeshTopology.IsWatertight(opened));
            }
        }
    }
}
