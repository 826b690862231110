using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Reslicing;
using Seldinger.Imaging.Tests.Rendering;

namespace Seldinger.Imaging.Tests.Reslicing;

public class ReslicedImageTests
{
    [Fact]
    public void ToPng_Window_EncodesTheWindowedGreyLevels()
    {
        var random = new Random(3);
        var plane = SlicePlane.FromCenter(WorldPoint.Origin, Vector3D.UnitX, Vector3D.UnitY, 13, 7, 1, 1);
        var pixels = Enumerable.Range(0, 13 * 7).Select(_ => (float)((random.NextDouble() * 2000) - 1000)).ToArray();
        var image = new ReslicedImage(plane, pixels);

        var png = PngTestDecoder.Decode(image.ToPng(WindowLevel.SoftTissue));

        Assert.Equal((13, 7, 0), (png.Width, png.Height, png.ColorType));
        Assert.Equal(pixels.Select(v => WindowLevel.SoftTissue.ToByte(v)).ToArray(), png.Pixels);
    }

    [Fact]
    public void Constructor_PixelCountDiffersFromThePlane_Throws()
    {
        var plane = SlicePlane.FromCenter(WorldPoint.Origin, Vector3D.UnitX, Vector3D.UnitY, 4, 4, 1, 1);

        Assert.Throws<ArgumentException>(() => new ReslicedImage(plane, new float[15]));
    }
}
