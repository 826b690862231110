using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Resampling;
using Seldinger.Imaging.Reslicing;
using Seldinger.Imaging.Tests.Resampling;

namespace Seldinger.Imaging.Tests.Reslicing;

public class ReslicerTests
{
    [Fact]
    public void PlanePositions_SagittalAcquisition_PlanesStepAlongTheIndexAxisThatRunsLeftRight()
    {
        // i runs anterior→posterior, j superior→inferior, k left→right: a sagittal stack.
        var direction = Matrix3.FromColumns(Vector3D.UnitY, -Vector3D.UnitZ, -Vector3D.UnitX);
        var g = new VolumeGeometry(6, 5, 4, new WorldPoint(3, -8, 40), 0.8, 1.3, 3, direction);

        Assert.Equal(2, Reslicer.ClosestIndexAxis(g, Vector3D.UnitX));
        Assert.Equal(0, Reslicer.ClosestIndexAxis(g, Vector3D.UnitY));
        Assert.Equal(1, Reslicer.ClosestIndexAxis(g, Vector3D.UnitZ));
        var (first, step, count) = Reslicer.PlanePositions(g, Vector3D.UnitX);
        Assert.Equal((3 - (3 * 3.0), 3.0, 4), (first, step, count));
        (first, step, count) = Reslicer.PlanePositions(g, Vector3D.UnitZ);
        Assert.Equal(40 - (4 * 1.3), first, 9);
        Assert.Equal((1.3, 5), (step, count));
    }

    public static TheoryData<InterpolationKind> Kinds => [InterpolationKind.Nearest, InterpolationKind.Linear, InterpolationKind.CubicBSpline];

    private static SlicePlane RandomPlaneThrough(Random random, WorldPoint centre)
    {
        var r = TestRandom.RandomRotation(random);
        var shift = new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * 4;
        return SlicePlane.FromCenter(centre + shift, r.Column(0), r.Column(1), random.Next(1, 14), random.Next(1, 14), 0.3 + random.NextDouble(), 0.3 + random.NextDouble());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Reslice_RandomObliquePlanes_MatchesBruteForce(InterpolationKind kind)
    {
        var random = new Random(61 + (int)kind);
        for (var trial = 0; trial < 20; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 8);
            var volume = ReferenceInterpolation.RandomVolume(random, g);
            var interpolator = new Interpolator(kind, -3000);
            var reference = ReferenceInterpolation.Create(volume, interpolator);
            var plane = RandomPlaneThrough(random, ReferenceInterpolation.Centre(g));

            var image = Reslicer.Reslice(volume, plane, interpolator);

            Assert.Same(plane, image.Plane);
            for (var y = 0; y < plane.Height; y++)
            {
                for (var x = 0; x < plane.Width; x++)
                {
                    Assert.Equal(reference(plane.PixelToWorld(new PixelPoint(x, y))), image[x, y], 1e-3);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AxialPlane_AxisAlignedVolume_ResliceEqualsTheSliceExactly(InterpolationKind kind)
    {
        var random = new Random(71 + (int)kind);
        var g = new VolumeGeometry(9, 7, 5, new WorldPoint(-31.3, 17.9, -120.25), 0.73, 1.17, 2.5);
        var volume = ReferenceInterpolation.RandomVolume(random, g);
        var sampler = new Interpolator(kind).Prepare(volume);
        for (var k = 0; k < g.SizeK; k++)
        {
            var plane = Reslicer.AxialPlane(g, g.IndexToWorld(new VoxelIndex(0, 0, k)).Z);

            var image = Reslicer.Reslice(sampler, plane);

            Assert.Equal((g.SizeI, g.SizeJ), (image.Width, image.Height));
            Assert.Equal((Vector3D.UnitX, Vector3D.UnitY, Vector3D.UnitZ), (plane.RowDirection, plane.ColumnDirection, plane.Normal));
            Assert.Equal(volume.SliceK(k).ToArray(), image.Pixels);
        }
    }

    [Fact]
    public void CoronalAndSagittalPlanes_AxisAlignedVolume_SuperiorAtTheTop()
    {
        var random = new Random(81);
        var g = new VolumeGeometry(6, 5, 4, new WorldPoint(3, -8, 40), 0.8, 1.3, 3);
        var volume = ReferenceInterpolation.RandomVolume(random, g);
        var sampler = Interpolator.Nearest.Prepare(volume);
        for (var j = 0; j < g.SizeJ; j++)
        {
            var coronal = Reslicer.Reslice(sampler, Reslicer.CoronalPlane(g, g.IndexToWorld(new VoxelIndex(0, j, 0)).Y));
            Assert.Equal((g.SizeI, g.SizeK), (coronal.Width, coronal.Height));
            for (var y = 0; y < coronal.Height; y++)
            {
                for (var x = 0; x < coronal.Width; x++)
                {
                    Assert.Equal(volume[x, j, g.SizeK - 1 - y], coronal[x, y]);
                }
            }
        }

        for (var i = 0; i < g.SizeI; i++)
        {
            var sagittal = Reslicer.Reslice(sampler, Reslicer.SagittalPlane(g, g.IndexToWorld(new VoxelIndex(i, 0, 0)).X));
            Assert.Equal((g.SizeJ, g.SizeK), (sagittal.Width, sagittal.Height));
            for (var y = 0; y < sagittal.Height; y++)
            {
                for (var x = 0; x < sagittal.Width; x++)
                {
                    Assert.Equal(volume[i, x, g.SizeK - 1 - y], sagittal[x, y]);
                }
            }
        }
    }

    [Fact]
    public void CoronalPlane_SquarePixels_CoversTheVolumeFromItsTopLeftVoxel()
    {
        var g = new VolumeGeometry(6, 5, 4, new WorldPoint(3, -8, 40), 0.8, 1.3, 3);

        var plane = Reslicer.CoronalPlane(g, -5, 1);

        Assert.Equal((5, 10, 1.0, 1.0), (plane.Width, plane.Height, plane.PixelSpacingX, plane.PixelSpacingY));
        Assert.Equal(new WorldPoint(3, -5, 49), plane.Origin);
        Assert.Equal(new WorldPoint(3, -5, 48), plane.PixelToWorld(new PixelPoint(0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reslicer.SagittalPlane(g, 0, 0));
    }

    [Fact]
    public void PathPlane_RandomPaths_ContainsEntryAndTarget()
    {
        var random = new Random(91);
        for (var trial = 0; trial < 200; trial++)
        {
            var entry = new WorldPoint((random.NextDouble() - 0.5) * 300, (random.NextDouble() - 0.5) * 300, (random.NextDouble() - 0.5) * 300);
            var target = entry + (new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * 200);
            var plane = Reslicer.PathPlane(entry, target, 256, 256, 0.5 + random.NextDouble());

            foreach (var p in new[] { entry, target })
            {
                var back = plane.PixelToWorld(plane.WorldToPixel(p));
                Assert.Equal(0, back.DistanceTo(p), 1e-9);
            }

            var along = (target - entry).Normalized;
            Assert.Equal(1, Math.Abs(plane.ColumnDirection.Dot(along)), 1e-12);
            Assert.Equal(0, plane.RowDirection.Z, 1e-12);
            Assert.True(plane.RowDirection.X >= 0);
            Assert.True(plane.Normal.Z >= 0);
            Assert.Equal(0, plane.Center.DistanceTo(entry.Lerp(target, 0.5)), 1e-9);

            // No plane through the path is closer to axial: its normal is Z projected off the path.
            var best = (Vector3D.UnitZ - (along * along.Z)).Normalized;
            Assert.Equal(1, plane.Normal.Dot(best), 1e-9);
        }
    }

    [Fact]
    public void PathPlane_PathInAnAxialPlane_IsTheAxialView()
    {
        var plane = Reslicer.PathPlane(new WorldPoint(-90, -60, 10), new WorldPoint(-50, 0, 10), 64, 64, 1);

        Assert.Equal(Vector3D.UnitZ.X, plane.Normal.X, 1e-12);
        Assert.Equal(1, plane.Normal.Z, 1e-12);
        Assert.True(plane.ColumnDirection.Y > 0);
    }

    [Fact]
    public void PathPlane_VerticalPath_IsCoronalSuperiorUp()
    {
        var plane = Reslicer.PathPlane(new WorldPoint(0, 0, 50), new WorldPoint(0, 0, 10), 32, 32, 1);

        Assert.Equal(Vector3D.UnitX, plane.RowDirection);
        Assert.Equal(-Vector3D.UnitZ, plane.ColumnDirection);
        Assert.Equal(Vector3D.UnitY, plane.Normal);
    }

    [Fact]
    public void ProbesEyePlane_RandomPaths_IsPerpendicularToThePathAtTheDepth()
    {
        var random = new Random(93);
        for (var trial = 0; trial < 200; trial++)
        {
            var entry = new WorldPoint((random.NextDouble() - 0.5) * 300, (random.NextDouble() - 0.5) * 300, (random.NextDouble() - 0.5) * 300);
            var target = entry + (new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * 200);
            var along = (target - entry).Normalized;
            var depth = random.NextDouble() * entry.DistanceTo(target);
            var plane = Reslicer.ProbesEyePlane(entry, target, depth, 33, 33, 0.5);

            Assert.Equal(1, plane.Normal.Dot(along), 1e-12);
            Assert.Equal(0, plane.Center.DistanceTo(entry + (along * depth)), 1e-9);
            Assert.Equal(-depth, plane.DistanceFromPlane(entry), 1e-9);
            var onPath = plane.WorldToPixel(target);
            Assert.Equal(16, onPath.X, 1e-9);
            Assert.Equal(16, onPath.Y, 1e-9);
            Assert.Equal(0, plane.RowDirection.Z, 1e-12);
        }
    }

    [Fact]
    public void Slab_OneBrightVoxel_MipShowsItAtItsPixel()
    {
        var g = new VolumeGeometry(10, 8, 12, new WorldPoint(-5, -4, -30), 0.7, 0.9, 2.5);
        var volume = new Volume<short>(g);
        Array.Fill(volume.Voxels, (short)-100);
        volume[6, 3, 7] = 1500;
        var dark = new Volume<short>(g);
        Array.Fill(dark.Voxels, (short)100);
        dark[2, 5, 4] = -900;

        // Mid-plane 1.5 slices away: only a slab thicker than 3 slices reaches the voxel.
        var plane = Reslicer.AxialPlane(g, g.IndexToWorld(new VoxelIndex(0, 0, 7)).Z + 3.75);
        var mip = Reslicer.Slab(volume, plane, Interpolator.Nearest, 10, SlabProjection.Maximum);
        var thin = Reslicer.Slab(volume, plane, Interpolator.Nearest, 2, SlabProjection.Maximum);
        var minPlane = Reslicer.AxialPlane(g, g.IndexToWorld(new VoxelIndex(0, 0, 4)).Z - 3.75);
        // The slab's far face lies on the dark voxel's centre, so linear sampling reaches its full depth.
        var minip = Reslicer.Slab(dark, minPlane, Interpolator.Linear, 7.5, SlabProjection.Minimum);

        for (var y = 0; y < plane.Height; y++)
        {
            for (var x = 0; x < plane.Width; x++)
            {
                Assert.Equal((x, y) == (6, 3) ? 1500 : -100, mip[x, y]);
                Assert.Equal(-100, thin[x, y]);
                Assert.Equal((x, y) == (2, 5) ? -900 : 100, minip[x, y], 1e-3);
            }
        }
    }

    [Theory]
    [InlineData(SlabProjection.Maximum)]
    [InlineData(SlabProjection.Minimum)]
    [InlineData(SlabProjection.Mean)]
    public void Slab_RandomObliquePlanes_MatchesBruteForce(SlabProjection projection)
    {
        var random = new Random(111 + (int)projection);
        for (var trial = 0; trial < 15; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 8);
            var volume = ReferenceInterpolation.RandomVolume(random, g);
            var interpolator = new Interpolator(InterpolationKind.Linear, -5000);
            var sampler = interpolator.Prepare(volume);
            var plane = RandomPlaneThrough(random, ReferenceInterpolation.Centre(g));
            var thickness = random.NextDouble() * 6;

            var image = Reslicer.Slab(volume, plane, interpolator, thickness, projection);

            var count = (int)Math.Ceiling(thickness / (g.MinimumSpacing / 2));
            for (var y = 0; y < plane.Height; y++)
            {
                for (var x = 0; x < plane.Width; x++)
                {
                    var values = new List<double>();
                    for (var s = 0; s <= count; s++)
                    {
                        var p = plane.PixelToWorld(new PixelPoint(x, y)) + (plane.Normal * ((-thickness / 2) + (thickness * s / count)));
                        if (g.Contains(g.WorldToIndex(p)))
                        {
                            values.Add(sampler.Sample(p));
                        }
                    }

                    var expected = values.Count == 0 ? -5000 : projection switch
                    {
                        SlabProjection.Maximum => values.Max(),
                        SlabProjection.Minimum => values.Min(),
                        _ => values.Average(),
                    };
                    Assert.Equal(expected, image[x, y], 1e-2);
                }
            }
        }
    }

    [Fact]
    public void Slab_StepIsAtMostHalfTheSmallestSpacing_ThinFeatureIsNotMissed()
    {
        // A one-voxel sheet across the normal: a step over the voxel size could jump over it.
        var g = new VolumeGeometry(5, 5, 40, WorldPoint.Origin, 1, 1, 0.5);
        var volume = new Volume<float>(g);
        for (var j = 0; j < 5; j++)
        {
            for (var i = 0; i < 5; i++)
            {
                volume[i, j, 23] = 1;
            }
        }

        for (var offset = 0.0; offset < 2; offset += 0.05)
        {
            var plane = Reslicer.AxialPlane(g, 5 + offset);
            var image = Reslicer.Slab(volume, plane, Interpolator.Nearest, 19, SlabProjection.Maximum);
            Assert.All(image.Pixels, v => Assert.Equal(1, v));
        }
    }
}
