using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Morphology;
using Seldinger.Imaging.Tests.Labels;

namespace Seldinger.Imaging.Tests.Morphology;

public class BinaryMorphologyTests
{
    private static byte[] BruteDilate(Volume<byte> mask, double r)
    {
        var g = mask.Geometry;
        var result = new byte[mask.Voxels.Length];
        for (var v = 0; v < result.Length; v++)
        {
            var p = g.IndexToWorld(g.VoxelAt(v));
            for (var u = 0; u < result.Length; u++)
            {
                if (mask.Voxels[u] != 0 && p.DistanceTo(g.IndexToWorld(g.VoxelAt(u))) <= r)
                {
                    result[v] = 1;
                    break;
                }
            }
        }

        return result;
    }

    private static byte[] BruteErode(Volume<byte> mask, double r)
    {
        var g = mask.Geometry;
        var result = new byte[mask.Voxels.Length];
        for (var v = 0; v < result.Length; v++)
        {
            var p = g.IndexToWorld(g.VoxelAt(v));
            var all = true;
            for (var u = 0; u < result.Length && all; u++)
            {
                if (mask.Voxels[u] == 0 && p.DistanceTo(g.IndexToWorld(g.VoxelAt(u))) <= r)
                {
                    all = false;
                }
            }

            result[v] = (byte)(all ? 1 : 0);
        }

        return result;
    }

    [Fact]
    public void DilateErode_RandomAnisotropicObliqueVolumes_EqualBruteForce()
    {
        var random = new Random(51);
        for (var trial = 0; trial < 40; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 8);
            var mask = LabelsTestData.RandomMask(random, g, random.NextDouble() * 0.5);
            var r = random.NextDouble() * 5;
            Assert.Equal(BruteDilate(mask, r), BinaryMorphology.Dilate(mask, r).Voxels);
            Assert.Equal(BruteErode(mask, r), BinaryMorphology.Erode(mask, r).Voxels);
        }
    }

    [Fact]
    public void OpenClose_RandomVolumes_EqualComposedBruteForce()
    {
        var random = new Random(52);
        for (var trial = 0; trial < 15; trial++)
        {
            var g = TestRandom.RandomGeometry(random, 7);
            var mask = LabelsTestData.RandomMask(random, g, 0.5);
            var r = random.NextDouble() * 4;
            var opened = BruteDilate(new Volume<byte>(g, BruteErode(mask, r)), r);
            var closed = BruteErode(new Volume<byte>(g, BruteDilate(mask, r)), r);
            Assert.Equal(opened, BinaryMorphology.Open(mask, r).Voxels);
            Assert.Equal(closed, BinaryMorphology.Close(mask, r).Voxels);
        }
    }

    [Fact]
    public void Dilate_ZeroRadius_Identity()
    {
        var random = new Random(53);
        var g = TestRandom.RandomGeometry(random, 8);
        var mask = LabelsTestData.RandomMask(random, g, 0.4);
        Assert.Equal(mask.Voxels, BinaryMorphology.Dilate(mask, 0).Voxels);
        Assert.Equal(mask.Voxels, BinaryMorphology.Erode(mask, 0).Voxels);
    }

    [Fact]
    public void Dilate_SinglePointAnisotropic_EllipsoidExtents()
    {
        var g = new VolumeGeometry(21, 21, 11, default, 0.5, 1.0, 2.0);
        var mask = new Volume<byte>(g);
        mask[10, 10, 5] = 1;
        var d = BinaryMorphology.Dilate(mask, 4.0);
        Assert.Equal(1, d[2, 10, 5]);
        Assert.Equal(0, d[1, 10, 5]);
        Assert.Equal(1, d[10, 6, 5]);
        Assert.Equal(0, d[10, 5, 5]);
        Assert.Equal(1, d[10, 10, 3]);
        Assert.Equal(0, d[10, 10, 2]);
    }

    [Fact]
    public void Dilate_ShearedGrid_Throws()
    {
        var g = new VolumeGeometry(3, 3, 3, default, 1, 1, 1, new Matrix3(1, 0, 0.3, 0, 1, 0, 0, 0, 1));
        Assert.Throws<ArgumentException>(() => BinaryMorphology.Dilate(new Volume<byte>(g), 1));
    }

    private static HashSet<int> BruteOutside(Volume<byte> mask, Connectivity connectivity, bool perSlice)
    {
        var g = mask.Geometry;
        var outside = new HashSet<int>();
        for (var n = 0; n < mask.Voxels.Length; n++)
        {
            var v = g.VoxelAt(n);
            var border = v.I == 0 || v.J == 0 || v.I == g.SizeI - 1 || v.J == g.SizeJ - 1
                || (!perSlice && (v.K == 0 || v.K == g.SizeK - 1));
            if (border && mask.Voxels[n] == 0 && !outside.Contains(n))
            {
                outside.UnionWith(LabelsTestData.BruteForceFlood(g, n, m => mask.Voxels[m] == 0 && (!perSlice || g.VoxelAt(m).K == v.K), connectivity));
            }
        }

        return outside;
    }

    [Fact]
    public void FillHoles_RandomVolumes_EqualBruteForce()
    {
        var random = new Random(54);
        foreach (var connectivity in LabelsTestData.AllConnectivities)
        {
            for (var trial = 0; trial < 10; trial++)
            {
                var g = TestRandom.RandomGeometry(random, 7);
                var mask = LabelsTestData.RandomMask(random, g, 0.4 + (0.4 * random.NextDouble()));
                foreach (var perSlice in new[] { false, true })
                {
                    var outside = BruteOutside(mask, connectivity, perSlice);
                    var filled = perSlice ? BinaryMorphology.FillHolesPerSlice(mask, connectivity) : BinaryMorphology.FillHoles(mask, connectivity);
                    for (var n = 0; n < mask.Voxels.Length; n++)
                    {
                        Assert.Equal(outside.Contains(n) ? 0 : 1, filled.Voxels[n]);
                    }
                }
            }
        }
    }
}
