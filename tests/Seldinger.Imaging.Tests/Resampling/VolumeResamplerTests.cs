using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Resampling;

namespace Seldinger.Imaging.Tests.Resampling;

public class VolumeResamplerTests
{
    public static TheoryData<InterpolationKind> Kinds => [InterpolationKind.Nearest, InterpolationKind.Linear, InterpolationKind.CubicBSpline];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resample_RandomObliqueGrids_MatchesBruteForcePerVoxel(InterpolationKind kind)
    {
        var random = new Random(101 + (int)kind);
        for (var trial = 0; trial < 15; trial++)
        {
            var source = TestRandom.RandomGeometry(random, 7);
            var volume = ReferenceInterpolation.RandomVolume(random, source);
            var target = ReferenceInterpolation.RandomGridNear(random, ReferenceInterpolation.Centre(source), 6, 8);
            var interpolator = new Interpolator(kind, -2000);
            var reference = ReferenceInterpolation.Create(volume, interpolator);

            var result = VolumeResampler.Resample(volume, target, interpolator);

            Assert.Equal(target, result.Geometry);
            for (var n = 0; n < result.Voxels.Length; n++)
            {
                var expected = reference(target.IndexToWorld(target.VoxelAt(n)));
                Assert.Equal(expected, result.Voxels[n], 1e-3);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resample_ShortVolume_RoundsToNearest(InterpolationKind kind)
    {
        var random = new Random(202 + (int)kind);
        var source = TestRandom.RandomGeometry(random, 6);
        var volume = new Volume<short>(source);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)random.Next(-1000, 1000);
        }

        var target = ReferenceInterpolation.RandomGridNear(random, ReferenceInterpolation.Centre(source), 4, 6);
        var sampler = new Interpolator(kind, -1024).Prepare(volume);

        var result = VolumeResampler.Resample(volume, target, new Interpolator(kind, -1024));

        for (var n = 0; n < result.Voxels.Length; n++)
        {
            Assert.Equal(Math.Round(sampler.Sample(target.IndexToWorld(target.VoxelAt(n)))), result.Voxels[n]);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resample_OntoItsOwnGrid_ReturnsTheInputExactly(InterpolationKind kind)
    {
        var random = new Random(303 + (int)kind);
        for (var trial = 0; trial < 10; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 9);
            var floats = ReferenceInterpolation.RandomVolume(random, g);
            var shorts = new Volume<short>(g, floats.Voxels.Select(v => (short)v).ToArray());

            Assert.Equal(floats.Voxels, VolumeResampler.Resample(floats, g, new Interpolator(kind)).Voxels);
            Assert.Equal(shorts.Voxels, VolumeResampler.Resample(shorts, g, new Interpolator(kind)).Voxels);
            if (kind == InterpolationKind.Nearest)
            {
                var bytes = new Volume<byte>(g);
                random.NextBytes(bytes.Voxels);
                Assert.Equal(bytes.Voxels, VolumeResampler.Resample(bytes, g, Interpolator.Nearest).Voxels);
            }
        }
    }

    [Fact]
    public void Resample_TargetOutsideTheSource_IsFilledWithTheOutsideValue()
    {
        var source = new VolumeGeometry(4, 4, 4, WorldPoint.Origin, 1, 1, 1);
        var volume = new Volume<short>(source);
        Array.Fill(volume.Voxels, (short)50);
        var target = new VolumeGeometry(3, 3, 3, new WorldPoint(100, 0, 0), 1, 1, 1);

        var result = VolumeResampler.Resample(volume, target, Interpolator.Linear.WithOutside(-1024));

        Assert.All(result.Voxels, v => Assert.Equal(-1024, v));
    }
}
