using System.Text.Json;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Segmentation;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Imaging.Tests.Segmentation;

/// <summary>DICOM SEG written from phantom labels: read back by us and by pydicom.</summary>
public sealed class DicomSegWriterTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string PydicomScript = """
        import sys, json, pydicom, numpy as np
        ds = pydicom.dcmread(sys.argv[1])
        arr = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
        frames = []
        for n, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
            frames.append({
                "ipp": [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient],
                "segment": int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
                "source": item.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID,
                "index": [int(v) for v in item.FrameContentSequence[0].DimensionIndexValues],
                "bits": np.flatnonzero(arr[n].reshape(-1)).tolist()})
        segments = [{"number": int(s.SegmentNumber), "label": s.SegmentLabel,
                     "category": s.SegmentedPropertyCategoryCodeSequence[0].CodeValue,
                     "type": s.SegmentedPropertyTypeCodeSequence[0].CodeValue,
                     "scheme": s.SegmentedPropertyTypeCodeSequence[0].CodingSchemeDesignator} for s in ds.SegmentSequence]
        print(json.dumps({"sop_class": ds.SOPClassUID, "type": ds.SegmentationType, "modality": ds.Modality,
                          "bits": ds.BitsAllocated, "frames": frames, "segments": segments,
                          "ref_series": ds.ReferencedSeriesSequence[0].SeriesInstanceUID,
                          "ref_count": len(ds.ReferencedSeriesSequence[0].ReferencedInstanceSequence),
                          "orientation": [float(v) for v in ds.SharedFunctionalGroupsSequence[0].PlaneOrientationSequence[0].ImageOrientationPatient],
                          "dims": [str(d.DimensionIndexPointer) for d in ds.DimensionIndexSequence]}))
        """;

    private (PhantomCase Phantom, SeriesLayout Layout) Phantom(int columns, int rows, int slices)
    {
        var phantom = AbdomenPhantom.Generate(new AbdomenPhantomOptions
        {
            Columns = columns,
            Rows = rows,
            SliceCount = slices,
            PixelSpacingMm = 240.0 / columns,
            SliceThicknessMm = 12,
        });
        var files = CtSeriesWriter.Write(phantom.Hounsfield, new CtSeriesDescription { PatientName = "SEG^Test", PatientId = "S1" }, Path.Combine(_dir.Path, "ct"));
        return (phantom, DicomSeriesReader.ReadLayout(files));
    }

    [Fact]
    public void Write_PhantomLabels_ReadsBackIdentical()
    {
        var (phantom, layout) = Phantom(37, 29, 6);
        var path = Path.Combine(_dir.Path, "seg.dcm");
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(layout), path);
        var read = DicomSegReader.Read(path, layout.Geometry);
        Assert.Equal(phantom.Labels.Voxels, read.Labels.Voxels);
        Assert.Equal("BINARY", read.SegmentationType);
        Assert.Equal(layout.SeriesInstanceUid, read.ReferencedSeriesInstanceUid);
        var liver = Assert.Single(read.Segments, s => s.LabelValue == (byte)TissueLabel.Liver);
        Assert.Equal(new Seldinger.Dicom.StructuredReporting.DicomCode("10200004", "SCT", "Liver"), liver.Type);
    }

    [Fact]
    public void Write_OnlyLabelsPresent_OneFramePerSegmentPerSliceContainingIt()
    {
        var geometry = new VolumeGeometry(3, 2, 4, new WorldPoint(0, 0, 0), 1, 1, 2);
        var labels = new Volume<byte>(geometry);
        labels[0, 0, 1] = (byte)TissueLabel.Liver;
        labels[2, 1, 3] = (byte)TissueLabel.Liver;
        labels[1, 1, 3] = (byte)TissueLabel.Lesion;
        var source = new SegmentationSource
        {
            Geometry = geometry,
            StudyInstanceUid = "1.2.3",
            SeriesInstanceUid = "1.2.3.4",
            FrameOfReferenceUid = "1.2.3.5",
            SopClassUid = DicomUids.CTImageStorage,
            SopInstanceUids = ["1.2.3.4.1", "1.2.3.4.2", "1.2.3.4.3", "1.2.3.4.4"],
        };
        var ds = DicomSegWriter.Create(labels, source);
        Assert.Equal(3, ds.GetInt32(DicomTags.NumberOfFrames));
        Assert.Equal(2, ds.GetSequence(DicomTags.SegmentSequence).Count);

        // 3 frames × 6 pixels = 18 bits: frame 2 starts mid-byte; padded to an even length.
        var bits = ds.GetBytes(DicomTags.PixelData).ToArray();
        Assert.Equal(4, bits.Length);
        Assert.Equal(new byte[] { 0b0000_0001, 0b0000_1000, 0b0000_0001, 0 }, bits);
        var read = DicomSegReader.Read(ds, geometry);
        Assert.Equal(labels.Voxels, read.Labels.Voxels);
    }

    [Fact]
    public void Write_LabelWithoutDescription_Throws()
    {
        var geometry = new VolumeGeometry(2, 2, 1, new WorldPoint(0, 0, 0), 1, 1, 1);
        var labels = new Volume<byte>(geometry);
        labels[0, 0, 0] = 200;
        var source = new SegmentationSource
        {
            Geometry = geometry,
            StudyInstanceUid = "1",
            SeriesInstanceUid = "2",
            FrameOfReferenceUid = "3",
            SopClassUid = DicomUids.CTImageStorage,
            SopInstanceUids = ["4"],
        };
        var error = Assert.Throws<ArgumentException>(() => DicomSegWriter.Create(labels, source));
        Assert.Contains("200", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Write_PhantomLabels_PydicomSeesSamePositionsSegmentsAndBits()
    {
        Require.Pydicom();
        var (phantom, layout) = Phantom(37, 29, 5);
        var path = Path.Combine(_dir.Path, "seg.dcm");
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(layout), path);
        var (code, stdout, stderr) = PythonPeer.Run(PydicomScript, [path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("1.2.840.10008.5.1.4.1.1.66.4", root.GetProperty("sop_class").GetString());
        Assert.Equal("BINARY", root.GetProperty("type").GetString());
        Assert.Equal("SEG", root.GetProperty("modality").GetString());
        Assert.Equal(1, root.GetProperty("bits").GetInt32());
        Assert.Equal(layout.SeriesInstanceUid, root.GetProperty("ref_series").GetString());
        Assert.Equal(5, root.GetProperty("ref_count").GetInt32());
        Assert.Equal(["(0062, 000b)", "(0020, 0032)"], root.GetProperty("dims").EnumerateArray().Select(d => d.GetString()!.ToLowerInvariant()).ToArray());

        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        var present = phantom.Labels.Voxels.Where(v => v != 0).Distinct().Order().ToList();
        Assert.Equal(present.Count, segments.Count);
        var g = layout.Geometry;
        var plane = g.SizeI * g.SizeJ;
        var expectedFrames = 0;
        foreach (var frame in root.GetProperty("frames").EnumerateArray())
        {
            var segment = frame.GetProperty("segment").GetInt32();
            var seg = segments[segment - 1];
            Assert.Equal(segment, seg.GetProperty("number").GetInt32());
            var value = present[segment - 1];
            var description = TissueSegments.For((TissueLabel)value);
            Assert.Equal(description.Type.Value, seg.GetProperty("type").GetString());
            Assert.Equal("SCT", seg.GetProperty("scheme").GetString());

            // The frame's position names its slice; its bits are exactly that label on that slice.
            var ipp = frame.GetProperty("ipp");
            var index = g.WorldToIndex(new WorldPoint(ipp[0].GetDouble(), ipp[1].GetDouble(), ipp[2].GetDouble()));
            var k = (int)Math.Round(index.K);
            Assert.True(Math.Abs(index.K - k) < 1e-3 && Math.Abs(index.I) < 1e-3 && Math.Abs(index.J) < 1e-3);
            Assert.Equal(layout.Slices[k].SopInstanceUid, frame.GetProperty("source").GetString());
            Assert.Equal([segment, k + 1], frame.GetProperty("index").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            var expectedBits = Enumerable.Range(0, plane).Where(p => phantom.Labels.SliceK(k)[p] == value).ToArray();
            Assert.Equal(expectedBits, frame.GetProperty("bits").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            expectedFrames++;
        }

        var slicesWithLabel = present.Sum(v => Enumerable.Range(0, g.SizeK).Count(k => phantom.Labels.SliceK(k).Contains(v)));
        Assert.Equal(slicesWithLabel, expectedFrames);
    }
}
