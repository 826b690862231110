using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Imaging.Tests.Meshes;

public class LabelSurfaceExtractorTests
{
    private static VolumeGeometry ObliqueGrid(int size, double si, double sj, double sk, int seed) =>
        new(size, size + 1, size + 2, new WorldPoint(-40, 25, 110), si, sj, sk, TestRandom.RandomRotation(new Random(seed)));

    private static Volume<byte> Filled(VolumeGeometry g, Func<double, double, double, bool> inside, byte label = 3)
    {
        var v = new Volume<byte>(g);
        double ci = (g.SizeI - 1) / 2.0, cj = (g.SizeJ - 1) / 2.0, ck = (g.SizeK - 1) / 2.0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    // Shape in millimetres about the grid centre, so anisotropy changes the voxel pattern, not the shape.
                    if (inside((i - ci) * g.SpacingI, (j - cj) * g.SpacingJ, (k - ck) * g.SpacingK))
                    {
                        v[i, j, k] = label;
                    }
                }
            }
        }

        return v;
    }

    private static double VoxelVolume(VolumeGeometry g) => Math.Abs(g.Direction.Determinant) * g.SpacingI * g.SpacingJ * g.SpacingK;

    /// <summary>
    /// Euler characteristic of the labelled voxels with face (6-) connectivity: the cubical complex on voxel centres,
    /// plus one hexagon for every 2×2×2 block whose only two unlabelled voxels are opposite corners, because the surface
    /// keeps those two apart and so closes the ring of six around them.
    /// </summary>
    private static int SolidEulerCharacteristic(Volume<byte> labels, byte label)
    {
        var g = labels.Geometry;
        bool In(int i, int j, int k) => (uint)i < (uint)g.SizeI && (uint)j < (uint)g.SizeJ && (uint)k < (uint)g.SizeK && labels[i, j, k] == label;
        int v = 0, e = 0, f = 0, c = 0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    var block = 0;
                    for (var n = 0; n < 8; n++)
                    {
                        block |= In(i + (n & 1), j + ((n >> 1) & 1), k + ((n >> 2) & 1)) ? 1 << n : 0;
                    }

                    c += block == 255 ? 1 : 0;
                    f += block is (255 & ~0x81) or (255 & ~0x42) or (255 & ~0x24) or (255 & ~0x18) ? 1 : 0;
                    if (!In(i, j, k))
                    {
                        continue;
                    }

                    v++;
                    e += (In(i + 1, j, k) ? 1 : 0) + (In(i, j + 1, k) ? 1 : 0) + (In(i, j, k + 1) ? 1 : 0);
                    f += (In(i + 1, j, k) && In(i, j + 1, k) && In(i + 1, j + 1, k) ? 1 : 0)
                        + (In(i + 1, j, k) && In(i, j, k + 1) && In(i + 1, j, k + 1) ? 1 : 0)
                        + (In(i, j + 1, k) && In(i, j, k + 1) && In(i, j + 1, k + 1) ? 1 : 0);
                }
            }
        }

        return v - e + f - c;
    }

    [Fact]
    public void Extract_SingleVoxel_OctahedronOfOneSixthVoxelVolume()
    {
        var g = new VolumeGeometry(3, 3, 3, new WorldPoint(1, 2, 3), 0.7, 1.1, 2.5, TestRandom.RandomRotation(new Random(5)));
        var v = new Volume<byte>(g);
        v[1, 1, 1] = 1;

        var mesh = LabelSurfaceExtractor.Extract(v, 1);

        Assert.Equal(6, mesh.VertexCount);
        Assert.Equal(8, mesh.TriangleCount);
        MeshAssert.ClosedOrientedManifold(mesh);
        Assert.Equal(VoxelVolume(g) / 6, mesh.EnclosedVolume(), 1e-4);
    }

    [Fact]
    public void Extract_LabelTouchingEveryBorder_ClosedBox()
    {
        var g = new VolumeGeometry(4, 3, 5, new WorldPoint(0, 0, 0), 1, 2, 3);
        var v = new Volume<byte>(g);
        Array.Fill(v.Voxels, (byte)2);

        var mesh = LabelSurfaceExtractor.Extract(v, 2);

        MeshAssert.ClosedOrientedManifold(mesh);
        Assert.Equal(2, MeshAssert.EulerCharacteristic(mesh));
        Assert.InRange(mesh.EnclosedVolume(), 0.8 * 60 * VoxelVolume(g), 60 * VoxelVolume(g));
    }

    [Fact]
    public void Extract_NoVoxelHasTheLabel_EmptyMesh()
    {
        var v = new Volume<byte>(new VolumeGeometry(3, 3, 3, default, 1, 1, 1));

        var mesh = LabelSurfaceExtractor.Extract(v, 1);

        Assert.Equal(0, mesh.TriangleCount);
        Assert.Equal(0, mesh.VertexCount);
    }

    [Theory]
    [InlineData(4.0, 0.8, 1.1, 1.6, 11)]
    [InlineData(7.0, 0.5, 0.9, 1.25, 12)]
    [InlineData(11.0, 0.7, 0.7, 1.5, 13)]
    public void Extract_SphereOnAnisotropicObliqueGrid_ClosedGenusZeroVolumeWithinFewPercent(double radius, double si, double sj, double sk, int seed)
    {
        var size = (int)Math.Ceiling(2 * radius / Math.Min(si, Math.Min(sj, sk))) + 3;
        var g = ObliqueGrid(size, si, sj, sk, seed);
        var v = Filled(g, (x, y, z) => (x * x) + (y * y) + (z * z) <= radius * radius);

        var mesh = LabelSurfaceExtractor.Extract(v, 3);

        MeshAssert.ClosedOrientedManifold(mesh);
        Assert.Equal(2, MeshAssert.EulerCharacteristic(mesh));
        var voxels = v.Voxels.Count(x => x == 3) * VoxelVolume(g);
        var relative = Math.Abs(mesh.EnclosedVolume() - voxels) / voxels;
        Assert.True(relative < 0.05, $"Enclosed volume {mesh.EnclosedVolume():F1} mm³ vs voxels {voxels:F1} mm³ ({relative:P2}).");
    }

    [Fact]
    public void Extract_Torus_EulerCharacteristicZero()
    {
        var g = ObliqueGrid(26, 0.6, 0.75, 0.9, 21);
        var v = Filled(g, (x, y, z) =>
        {
            var ring = Math.Sqrt((x * x) + (y * y)) - 5.5;
            return (ring * ring) + (z * z) <= 2.2 * 2.2;
        });

        var mesh = LabelSurfaceExtractor.Extract(v, 3);

        MeshAssert.ClosedOrientedManifold(mesh);
        Assert.Equal(0, MeshAssert.EulerCharacteristic(mesh));
    }

    [Fact]
    public void Extract_Sphere_VerticesWithinHalfVoxelDiagonalOfBoundary()
    {
        var g = ObliqueGrid(9, 0.9, 1.2, 1.7, 31);
        var v = Filled(g, (x, y, z) => (x * x) + (y * y) + (z * z) <= 16);

        var mesh = LabelSurfaceExtractor.Extract(v, 3);

        var worst = MeshAssert.MaxDistanceToBoundary(mesh, MeshAssert.BoundaryFacePoints(v, 3));
        Assert.True(worst <= (g.VoxelHalfDiagonal * (1 + 1e-6)) + 1e-3, $"A vertex lies {worst:F4} mm from the boundary; half diagonal {g.VoxelHalfDiagonal:F4} mm.");
    }

    [Fact]
    public void Extract_RandomLabels_ClosedManifoldWithTopologyOfFaceConnectedVoxels()
    {
        var random = new Random(77);
        for (var trial = 0; trial < 40; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 7);
            var v = new Volume<byte>(g);
            var density = 0.2 + (0.6 * random.NextDouble());
            for (var n = 0; n < v.Voxels.Length; n++)
            {
                v.Voxels[n] = (byte)(random.NextDouble() < density ? 1 : random.Next(2) * 2);
            }

            var mesh = LabelSurfaceExtractor.Extract(v, 1);

            MeshAssert.ClosedOrientedManifold(mesh);
            Assert.Equal(2 * SolidEulerCharacteristic(v, 1), MeshAssert.EulerCharacteristic(mesh));
            Assert.True(mesh.EnclosedVolume() >= 0);
            var worst = MeshAssert.MaxDistanceToBoundary(mesh, MeshAssert.BoundaryFacePoints(v, 1));
            Assert.True(worst <= (g.VoxelHalfDiagonal * (1 + 1e-6)) + 1e-3, $"Trial {trial}: a vertex lies {worst:F4} mm from the boundary.");
        }
    }

    [Fact]
    public void Extract_LeftHandedDirection_NormalsStillPointOutwards()
    {
        var g = new VolumeGeometry(12, 12, 12, default, 1, 1, 1, new Matrix3(1, 0, 0, 0, 1, 0, 0, 0, -1));
        var v = Filled(g, (x, y, z) => (x * x) + (y * y) + (z * z) <= 16);

        var mesh = LabelSurfaceExtractor.Extract(v, 3);

        Assert.True(mesh.EnclosedVolume() > 0);
        var centre = g.IndexToWorld(new ContinuousIndex(5.5, 5.5, 5.5));
        for (var n = 0; n < mesh.VertexCount; n++)
        {
            Assert.True((mesh.GetVertex(n) - centre).Dot(new Vector3D(mesh.Normals[n].X, mesh.Normals[n].Y, mesh.Normals[n].Z)) > 0);
        }
    }

    [Fact]
    public void Extract_TwiceOnLargerVolume_IdenticalOutput()
    {
        var g = new VolumeGeometry(40, 37, 45, default, 0.8, 0.8, 1.3);
        var v = Filled(g, (x, y, z) => (x * x) + (y * y * 1.5) + (z * z * 0.5) <= 150 || Math.Abs(x - 5) + Math.Abs(y) + Math.Abs(z - 6) < 6);

        var first = LabelSurfaceExtractor.Extract(v, 3);
        var second = LabelSurfaceExtractor.Extract(v, 3);

        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(first.Positions, second.Positions);
        MeshAssert.ClosedOrientedManifold(first);
    }
}
