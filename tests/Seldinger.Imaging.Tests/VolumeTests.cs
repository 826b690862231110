using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests;

public class VolumeTests
{
    [Fact]
    public void Indexer_WriteThenRead_UsesLinearLayout()
    {
        var volume = new Volume<short>(new VolumeGeometry(3, 4, 5, WorldPoint.Origin, 1, 1, 2));
        volume[2, 1, 3] = 42;
        Assert.Equal(42, volume.Voxels[2 + (3 * (1 + (4 * 3)))]);
        Assert.Equal(42, volume[new VoxelIndex(2, 1, 3)]);
    }

    [Fact]
    public void SliceK_Plane_IsContiguousIFastest()
    {
        var volume = new Volume<byte>(new VolumeGeometry(3, 2, 4, WorldPoint.Origin, 1, 1, 1));
        volume[1, 1, 2] = 7;
        var slice = volume.SliceK(2);
        Assert.Equal(6, slice.Length);
        Assert.Equal(7, slice[1 + (3 * 1)]);
        slice[0] = 9;
        Assert.Equal(9, volume[0, 0, 2]);
    }

    [Fact]
    public void Indexer_OutsideGrid_Throws()
    {
        var volume = new Volume<byte>(new VolumeGeometry(3, 2, 4, WorldPoint.Origin, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => volume[3, 0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => volume.SliceK(4));
    }

    [Fact]
    public void Constructor_WrongArrayLength_Throws() =>
        Assert.Throws<ArgumentException>(() => new Volume<byte>(new VolumeGeometry(3, 2, 4, WorldPoint.Origin, 1, 1, 1), new byte[23]));
}
