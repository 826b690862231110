using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Rendering;

namespace Seldinger.Imaging.Tests.Rendering;

public class SliceRendererTests
{
    [Fact]
    public void RenderAxialPng_MarkerVoxels_LandOnColumnIRowJ()
    {
        var g = new VolumeGeometry(6, 4, 3, new WorldPoint(-2.5, -1.5, 0), 1, 1, 1);
        var volume = new Volume<short>(g);
        Array.Fill(volume.Voxels, (short)-1000);
        volume[0, 0, 1] = 1000;   // patient right, anterior: top-left on screen
        volume[5, 3, 1] = 40;     // patient left, posterior: bottom-right
        volume[2, 2, 0] = 1000;   // other slice: must not show

        var image = PngTestDecoder.Decode(SliceRenderer.RenderAxialPng(volume, 1, WindowLevel.SoftTissue));
        Assert.Equal((6, 4), (image.Width, image.Height));
        Assert.Equal(255, image.Pixels[0]);
        Assert.Equal(WindowLevel.SoftTissue.ToByte(40), image.Pixels[(3 * 6) + 5]);
        Assert.Equal(0, image.Pixels[(2 * 6) + 2]);
        Assert.True(g.IndexToWorld(new VoxelIndex(0, 0, 1)).X < g.IndexToWorld(new VoxelIndex(5, 0, 1)).X, "column 0 is the patient's right (−X)");
        Assert.True(g.IndexToWorld(new VoxelIndex(0, 0, 1)).Y < g.IndexToWorld(new VoxelIndex(0, 3, 1)).Y, "row 0 is anterior (−Y)");
    }

    [Fact]
    public void RenderAxialGray8_Slice_MatchesWindowPerVoxel()
    {
        var random = new Random(61);
        var g = new VolumeGeometry(9, 7, 2, WorldPoint.Origin, 1, 1, 1);
        var volume = new Volume<short>(g);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)random.Next(-1024, 2000);
        }

        var pixels = SliceRenderer.RenderAxialGray8(volume, 1, WindowLevel.Bone);
        for (var j = 0; j < 7; j++)
        {
            for (var i = 0; i < 9; i++)
            {
                Assert.Equal(WindowLevel.Bone.ToByte(volume[i, j, 1]), pixels[(j * 9) + i]);
            }
        }
    }

    [Fact]
    public void RenderAxialOverlayPng_LabelledVoxel_IsTintedAndOpaque()
    {
        var g = new VolumeGeometry(3, 2, 1, WorldPoint.Origin, 1, 1, 1);
        var hu = new Volume<short>(g);
        var labels = new Volume<byte>(g);
        labels[1, 0, 0] = (byte)TissueLabel.Vessel;
        var image = PngTestDecoder.Decode(SliceRenderer.RenderAxialOverlayPng(hu, labels, 0, WindowLevel.SoftTissue, opacity: 1));
        Assert.Equal(6, image.ColorType);
        var vessel = LabelColors.Of((byte)TissueLabel.Vessel);
        Assert.Equal(new byte[] { (byte)(vessel >> 16), (byte)(vessel >> 8), (byte)vessel, 255 }, image.Pixels[4..8]);
        var grey = WindowLevel.SoftTissue.ToByte(0);
        Assert.Equal(new byte[] { grey, grey, grey, 255 }, image.Pixels[0..4]);
    }

    [Fact]
    public void RenderAxialPng_SliceOutOfRange_Throws()
    {
        var volume = new Volume<short>(new VolumeGeometry(2, 2, 2, WorldPoint.Origin, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SliceRenderer.RenderAxialPng(volume, 2, WindowLevel.SoftTissue));
    }
}
