using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Segmentation;

namespace Seldinger.Imaging.Tests.Phantoms;

public class PhantomLabelTests
{
    [Fact]
    public void TissueLabel_ExistingValuesUnchangedAndNewOnesAppended()
    {
        Assert.Equal(14, (int)TissueLabel.SpinalCanal);
        Assert.Equal(6, (int)TissueLabel.Vessel);
        var values = Enum.GetValues<TissueLabel>().Select(v => (int)v).ToArray();
        Assert.Equal(Enumerable.Range(0, values.Length), values);
        Assert.Equal(15, (int)TissueLabel.Artery);
    }

    [Fact]
    public void EveryLabel_HasItsOwnColourAndSegmentCode()
    {
        var labels = Enum.GetValues<TissueLabel>().Where(l => l != TissueLabel.Background).ToArray();
        var colours = labels.Select(l => LabelColors.Of((byte)l)).ToArray();
        Assert.DoesNotContain(0xFF00FFu, colours);
        Assert.Equal(colours.Length, colours.Distinct().Count());

        Assert.Equal(labels.Length, TissueSegments.All.Count);
        foreach (var label in labels)
        {
            var segment = TissueSegments.For(label);
            Assert.Equal("SCT", segment.Type.Scheme);
            Assert.Equal(label, TissueSegments.Find(segment.Category, segment.Type));
        }
    }
}
