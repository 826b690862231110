using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
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

    [Theory]
    [InlineData(SegmentationType.Binary)]
    [InlineData(SegmentationType.LabelMap)]
    public void DicomSeg_EveryLabelIncludingPhysisAndBileDuct_RoundTrips(SegmentationType type)
    {
        var labels = Enum.GetValues<TissueLabel>().Where(l => l != TissueLabel.Background).ToArray();
        var geometry = new VolumeGeometry(labels.Length + 1, 2, 2, new WorldPoint(0, 0, 0), 1, 1, 2);
        var volume = new Volume<byte>(geometry);
        for (var n = 0; n < labels.Length; n++)
        {
            volume[n, n % 2, n % 3 == 0 ? 1 : 0] = (byte)labels[n];
        }

        var source = new SegmentationSource
        {
            Geometry = geometry,
            StudyInstanceUid = "1.2.3",
            SeriesInstanceUid = "1.2.3.4",
            FrameOfReferenceUid = "1.2.3.5",
            SopClassUid = DicomUids.CTImageStorage,
            SopInstanceUids = ["1.2.3.4.1", "1.2.3.4.2"],
        };
        var ds = DicomSegWriter.Create(volume, source, new DicomSegWriteOptions { Type = type });
        var read = DicomSegReader.Read(ds, geometry);
        Assert.Equal(volume.Voxels, read.Labels.Voxels);
        Assert.Equal(labels.Length, read.Segments.Count);
        var physis = Assert.Single(read.Segments, s => s.LabelValue == (byte)TissueLabel.Physis);
        Assert.Equal("711190000", physis.Type.Value);
        var duct = Assert.Single(read.Segments, s => s.LabelValue == (byte)TissueLabel.BileDuct);
        Assert.Equal("28273000", duct.Type.Value);
        Assert.Equal("Bile duct", TissueSegments.For(TissueLabel.BileDuct).Label);
    }
}
