using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;

namespace Seldinger.Imaging.Tests.Labels;

public class LabelMapOperationsTests
{
    [Fact]
    public void SetOperations_RandomLabelMaps_MatchVoxelwiseDefinition()
    {
        var random = new Random(41);
        for (var trial = 0; trial < 10; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 6);
            var a = new Volume<byte>(g);
            var b = new Volume<byte>(g);
            for (var n = 0; n < a.Voxels.Length; n++)
            {
                a.Voxels[n] = (byte)random.Next(0, 4);
                b.Voxels[n] = (byte)random.Next(0, 4);
            }

            var union = LabelMapOperations.Union(a, b);
            var intersection = LabelMapOperations.Intersection(a, b);
            var difference = LabelMapOperations.Difference(a, b);
            var complement = LabelMapOperations.Complement(a);
            var maskOf = LabelMapOperations.MaskOf(a, [1, 3]);
            var relabel = LabelMapOperations.Relabel(a, new Dictionary<byte, byte> { [1] = 7, [3] = 0 });
            var applied = LabelMapOperations.ApplyMask(a, b);
            for (var n = 0; n < a.Voxels.Length; n++)
            {
                byte x = a.Voxels[n], y = b.Voxels[n];
                Assert.Equal(x != 0 || y != 0 ? 1 : 0, union.Voxels[n]);
                Assert.Equal(x != 0 && y != 0 ? 1 : 0, intersection.Voxels[n]);
                Assert.Equal(x != 0 && y == 0 ? 1 : 0, difference.Voxels[n]);
                Assert.Equal(x == 0 ? 1 : 0, complement.Voxels[n]);
                Assert.Equal(x is 1 or 3 ? 1 : 0, maskOf.Voxels[n]);
                Assert.Equal(x == 1 ? 7 : x == 3 ? 0 : x, relabel.Voxels[n]);
                Assert.Equal(y != 0 ? x : 0, applied.Voxels[n]);
            }
        }
    }

    [Fact]
    public void Union_DifferentGrids_Throws()
    {
        var a = new Volume<byte>(new VolumeGeometry(2, 2, 2, default, 1, 1, 1));
        var b = new Volume<byte>(new VolumeGeometry(2, 2, 2, default, 1, 1, 2));
        Assert.Throws<ArgumentException>(() => LabelMapOperations.Union(a, b));
    }
}
