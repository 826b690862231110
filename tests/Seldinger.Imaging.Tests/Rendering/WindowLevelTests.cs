using Seldinger.Imaging.Rendering;

namespace Seldinger.Imaging.Tests.Rendering;

public class WindowLevelTests
{
    // Reference: the three branches of PS3.3 C.11.2.1.2.1 written out literally.
    private static double Reference(double x, double c, double w, double ymin, double ymax)
    {
        if (x <= c - 0.5 - ((w - 1) / 2))
        {
            return ymin;
        }

        if (x > c - 0.5 + ((w - 1) / 2))
        {
            return ymax;
        }

        return ((((x - (c - 0.5)) / (w - 1)) + 0.5) * (ymax - ymin)) + ymin;
    }

    [Fact]
    public void Apply_RandomWindowsAndValues_MatchesStandardFormula()
    {
        var random = new Random(41);
        for (var trial = 0; trial < 5000; trial++)
        {
            var c = (random.NextDouble() * 3000) - 1000;
            var w = 1 + (random.NextDouble() * 3000);
            var x = (random.NextDouble() * 6000) - 3000;
            var window = new WindowLevel(c, w);
            Assert.Equal(Reference(x, c, w, 0, 255), window.Apply(x, 0, 255), 1e-9);
            var expectedByte = (byte)Math.Clamp(Math.Round(Reference(x, c, w, 0, 255), MidpointRounding.AwayFromZero), 0, 255);
            Assert.Equal(expectedByte, window.ToByte(x));
        }
    }

    [Fact]
    public void ToBytes_AllShortValues_MatchesToByte()
    {
        var values = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();
        foreach (var window in new[] { WindowLevel.SoftTissue, WindowLevel.Bone, WindowLevel.Lung, new WindowLevel(0, 1), new WindowLevel(10.5, 2) })
        {
            var bytes = new byte[values.Length];
            window.ToBytes(values, bytes);
            for (var n = 0; n < values.Length; n++)
            {
                Assert.Equal(window.ToByte(values[n]), bytes[n]);
            }
        }
    }

    [Fact]
    public void Presets_HaveStandardValues()
    {
        Assert.Equal((40.0, 400.0), (WindowLevel.SoftTissue.Center, WindowLevel.SoftTissue.Width));
        Assert.Equal((400.0, 1800.0), (WindowLevel.Bone.Center, WindowLevel.Bone.Width));
        Assert.Equal((-600.0, 1500.0), (WindowLevel.Lung.Center, WindowLevel.Lung.Width));
    }

    [Fact]
    public void ToByte_SoftTissueWindow_EdgesAndCentre()
    {
        var w = WindowLevel.SoftTissue;
        Assert.Equal(0, w.ToByte(-160));
        Assert.Equal(0, w.ToByte(-1000));
        Assert.Equal(255, w.ToByte(240));
        Assert.Equal(255, w.ToByte(1000));
        Assert.InRange(w.ToByte(40), 127, 128);
    }

    [Fact]
    public void ToByte_WidthOne_IsAThreshold()
    {
        var w = new WindowLevel(100, 1);
        Assert.Equal(0, w.ToByte(99.5));
        Assert.Equal(255, w.ToByte(99.6));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0)]
    [InlineData(double.NaN)]
    public void Constructor_WidthBelowOne_Throws(double width) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowLevel(40, width));
}
