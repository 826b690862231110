using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Geometry;

public class VolumeGeometryTests
{
    [Fact]
    public void WorldToIndex_RandomObliqueAnisotropic_RoundTripsWithin1e9()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 500; trial++)
        {
            var geometry = TestRandom.RandomGeometry(random);
            var index = new ContinuousIndex((random.NextDouble() * 40) - 10, (random.NextDouble() * 40) - 10, (random.NextDouble() * 40) - 10);
            var back = geometry.WorldToIndex(geometry.IndexToWorld(index));
            Assert.Equal(index.I, back.I, 1e-9);
            Assert.Equal(index.J, back.J, 1e-9);
            Assert.Equal(index.K, back.K, 1e-9);

            var point = new WorldPoint((random.NextDouble() - 0.5) * 600, (random.NextDouble() - 0.5) * 600, (random.NextDouble() - 0.5) * 600);
            var again = geometry.IndexToWorld(geometry.WorldToIndex(point));
            Assert.True(point.DistanceTo(again) < 1e-9, $"round trip of {point} drifted to {again}");
        }
    }

    [Fact]
    public void IndexToWorld_RandomGeometry_MatchesBruteForceSumOfAxes()
    {
        var random = new Random(12);
        for (var trial = 0; trial < 200; trial++)
        {
            var g = TestRandom.RandomGeometry(random);
            var index = new VoxelIndex(random.Next(g.SizeI), random.Next(g.SizeJ), random.Next(g.SizeK));

            // Reference: walk i steps along column 0, j along column 1, k along column 2.
            var expected = g.Origin;
            for (var n = 0; n < index.I; n++)
            {
                expected += g.Direction.Column(0) * g.SpacingI;
            }

            for (var n = 0; n < index.J; n++)
            {
                expected += g.Direction.Column(1) * g.SpacingJ;
            }

            for (var n = 0; n < index.K; n++)
            {
                expected += g.Direction.Column(2) * g.SpacingK;
            }

            Assert.True(expected.DistanceTo(g.IndexToWorld(index)) < 1e-9);
        }
    }

    [Fact]
    public void IndexToWorld_NeighbouringVoxels_AreOneSpacingApart()
    {
        var random = new Random(13);
        var g = TestRandom.RandomGeometry(random);
        var p = g.IndexToWorld(new VoxelIndex(0, 0, 0));
        Assert.Equal(g.SpacingI, p.DistanceTo(g.IndexToWorld(new VoxelIndex(1, 0, 0))), 1e-9);
        Assert.Equal(g.SpacingJ, p.DistanceTo(g.IndexToWorld(new VoxelIndex(0, 1, 0))), 1e-9);
        Assert.Equal(g.SpacingK, p.DistanceTo(g.IndexToWorld(new VoxelIndex(0, 0, 1))), 1e-9);
        Assert.Equal(g.Origin, p);
    }

    [Fact]
    public void WorldToIndex_SkewedDirection_RoundTrips()
    {
        // Gantry tilt: the slice axis is not perpendicular to the rows.
        var tilt = 20 * Math.PI / 180;
        var direction = Matrix3.FromColumns(Vector3D.UnitX, Vector3D.UnitY, new Vector3D(0, Math.Sin(tilt), Math.Cos(tilt)));
        var g = new VolumeGeometry(10, 10, 10, new WorldPoint(-5, 3, 100), 0.7, 0.7, 2.5, direction);
        Assert.False(g.IsOrthonormal);
        var index = new ContinuousIndex(3.25, -1.5, 7.75);
        var back = g.WorldToIndex(g.IndexToWorld(index));
        Assert.Equal(index.I, back.I, 1e-9);
        Assert.Equal(index.J, back.J, 1e-9);
        Assert.Equal(index.K, back.K, 1e-9);
    }

    [Fact]
    public void LinearIndex_AllVoxels_IsIFastestAndInvertible()
    {
        var g = new VolumeGeometry(4, 3, 5, WorldPoint.Origin, 1, 1, 1);
        var expected = 0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    Assert.Equal(expected, g.LinearIndex(i, j, k));
                    Assert.Equal(new VoxelIndex(i, j, k), g.VoxelAt(expected));
                    expected++;
                }
            }
        }

        Assert.Equal(60L, g.VoxelCount);
    }

    [Fact]
    public void Contains_EdgesOfGrid_InsideAndOutside()
    {
        var g = new VolumeGeometry(4, 3, 5, WorldPoint.Origin, 1, 1, 1);
        Assert.True(g.Contains(new VoxelIndex(0, 0, 0)));
        Assert.True(g.Contains(new VoxelIndex(3, 2, 4)));
        Assert.False(g.Contains(new VoxelIndex(4, 0, 0)));
        Assert.False(g.Contains(new VoxelIndex(0, -1, 0)));
        Assert.False(g.Contains(new VoxelIndex(0, 0, 5)));
        Assert.True(g.Contains(new ContinuousIndex(-0.5, -0.5, -0.5)));
        Assert.False(g.Contains(new ContinuousIndex(3.5, 0, 0)));
    }

    [Fact]
    public void TryGetVoxel_PointNearVoxelCentre_FindsThatVoxel()
    {
        var random = new Random(14);
        for (var trial = 0; trial < 200; trial++)
        {
            var g = TestRandom.RandomGeometry(random);
            var voxel = new VoxelIndex(random.Next(g.SizeI), random.Next(g.SizeJ), random.Next(g.SizeK));
            var jitter = new ContinuousIndex(voxel.I + (random.NextDouble() * 0.98) - 0.49, voxel.J + (random.NextDouble() * 0.98) - 0.49, voxel.K + (random.NextDouble() * 0.98) - 0.49);
            Assert.True(g.TryGetVoxel(g.IndexToWorld(jitter), out var found));
            Assert.Equal(voxel, found);
        }
    }

    [Theory]
    [InlineData(0, 1, 1, 1.0)]
    [InlineData(1, 1, 1, 0.0)]
    [InlineData(1, 1, 1, -1.0)]
    [InlineData(1, 1, 1, double.NaN)]
    public void Constructor_BadSizeOrSpacing_Throws(int size, int sizeJ, int sizeK, double spacing) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VolumeGeometry(size, sizeJ, sizeK, WorldPoint.Origin, spacing, 1, 1));

    [Fact]
    public void Constructor_SingularDirection_Throws() =>
        Assert.Throws<ArgumentException>(() => new VolumeGeometry(2, 2, 2, WorldPoint.Origin, 1, 1, 1,
            Matrix3.FromColumns(Vector3D.UnitX, Vector3D.UnitX, Vector3D.UnitZ)));

    [Fact]
    public void VoxelHalfDiagonal_Anisotropic_IsHalfTheDiagonal()
    {
        var g = new VolumeGeometry(2, 2, 2, WorldPoint.Origin, 0.6, 0.8, 2.4);
        Assert.Equal(0.5 * Math.Sqrt((0.36) + (0.64) + (5.76)), g.VoxelHalfDiagonal, 1e-12);
        Assert.Equal(0.6, g.MinimumSpacing);
    }
}
