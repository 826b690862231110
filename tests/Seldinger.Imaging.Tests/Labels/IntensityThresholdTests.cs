using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Tests.Labels;

public class IntensityThresholdTests
{
    [Fact]
    public void Apply_ShortRandom_MatchesInclusiveRange()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 8);
            var image = new Volume<short>(g);
            for (var n = 0; n < image.Voxels.Length; n++)
            {
                image.Voxels[n] = (short)random.Next(-20, 21);
            }

            var lower = (short)random.Next(-20, 5);
            var upper = (short)random.Next(lower, 21);
            var mask = IntensityThreshold.Apply(image, lower, upper);
            for (var n = 0; n < image.Voxels.Length; n++)
            {
                Assert.Equal(image.Voxels[n] >= lower && image.Voxels[n] <= upper, mask.Voxels[n] == 1);
            }
        }
    }

    [Fact]
    public void Apply_FloatWithNaN_NaNIsOutside()
    {
        var g = new VolumeGeometry(4, 1, 1, default, 1, 1, 1);
        var image = new Volume<float>(g, [float.NaN, -1f, 0f, 1f]);
        var mask = IntensityThreshold.Apply(image, -1f, 0f);
        Assert.Equal(new byte[] { 0, 1, 1, 0 }, mask.Voxels);
    }

    [Fact]
    public void Apply_EmptyRange_Throws()
    {
        var image = new Volume<short>(new VolumeGeometry(2, 2, 2, default, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntensityThreshold.Apply(image, 5, 4));
    }
}
