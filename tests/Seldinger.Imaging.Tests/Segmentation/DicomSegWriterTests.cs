using System.Diagnostics;
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

    private const string PydicomLabelMapScript = """
        import sys, json, pydicom, numpy as np
        ds = pydicom.dcmread(sys.argv[1])
        arr = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
        frames = []
        for n, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
            frames.append({
                "ipp": [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient],
                "has_segment_id": "SegmentIdentificationSequence" in item,
                "source": item.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID,
                "index": [int(v) for v in np.atleast_1d(item.FrameContentSequence[0].DimensionIndexValues)],
                "pixels": arr[n].reshape(-1).tolist()})
        sources = []
        for path in sys.argv[2:]:
            src = pydicom.dcmread(path, stop_before_pixels=True)
            sources.append({"uid": src.SOPInstanceUID, "ipp": [float(v) for v in src.ImagePositionPatient]})
        segments = [{"number": int(s.SegmentNumber), "type": s.SegmentedPropertyTypeCodeSequence[0].CodeValue} for s in ds.SegmentSequence]
        print(json.dumps({"sop_class": ds.SOPClassUID, "type": ds.SegmentationType, "bits": ds.BitsAllocated,
                          "stored": ds.BitsStored, "high": ds.HighBit, "photometric": ds.PhotometricInterpretation,
                          "overlap": ds.SegmentsOverlap, "padding": int(ds.PixelPaddingValue), "dtype": str(arr.dtype),
                          "frames": frames, "sources": sources, "segments": segments,
                          "dims": [str(d.DimensionIndexPointer) for d in ds.DimensionIndexSequence]}))
        """;

    private static SegmentationSource TinySource(VolumeGeometry geometry) => new()
    {
        Geometry = geometry,
        StudyInstanceUid = "1.2.3",
        SeriesInstanceUid = "1.2.3.4",
        FrameOfReferenceUid = "1.2.3.5",
        SopClassUid = DicomUids.CTImageStorage,
        SopInstanceUids = [.. Enumerable.Range(1, geometry.SizeK).Select(k => $"1.2.3.4.{k}")],
    };

    private static readonly DicomSegWriteOptions LabelMap = new() { Type = SegmentationType.LabelMap };

    /// <summary>The label map as Segment Numbers: present label values in ascending order get 1, 2, ….</summary>
    private static byte[] SegmentNumbers(Volume<byte> labels)
    {
        var present = labels.Voxels.Where(v => v != 0).Distinct().Order().ToList();
        return [.. labels.Voxels.Select(v => v == 0 ? (byte)0 : (byte)(present.IndexOf(v) + 1))];
    }

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

    [Fact]
    public void Create_DefaultOptions_IsBinary()
    {
        var geometry = new VolumeGeometry(3, 2, 2, new WorldPoint(0, 0, 0), 1, 1, 2);
        var labels = new Volume<byte>(geometry);
        labels[1, 1, 1] = (byte)TissueLabel.Liver;
        var ds = DicomSegWriter.Create(labels, TinySource(geometry));
        Assert.Equal(SegmentationType.Binary, new DicomSegWriteOptions().Type);
        Assert.Equal(DicomUids.SegmentationStorage, ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal("BINARY", ds.GetString(DicomTags.SegmentationType));
        Assert.False(ds.Contains(DicomTags.SegmentsOverlap));
        Assert.False(ds.Contains(DicomTags.PixelPaddingValue));
    }

    [Fact]
    public void Create_LabelMap_OneFramePerSliceOfSegmentNumbers()
    {
        var geometry = new VolumeGeometry(3, 2, 4, new WorldPoint(0, 0, 0), 1, 1, 2);
        var labels = new Volume<byte>(geometry);
        labels[0, 0, 1] = (byte)TissueLabel.Liver;
        labels[2, 1, 3] = (byte)TissueLabel.Liver;
        labels[1, 1, 3] = (byte)TissueLabel.Lesion;
        var ds = DicomSegWriter.Create(labels, TinySource(geometry), LabelMap);

        Assert.Equal("1.2.840.10008.5.1.4.1.1.66.7", ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal("LABELMAP", ds.GetString(DicomTags.SegmentationType));
        Assert.Equal("MONOCHROME2", ds.GetString(DicomTags.PhotometricInterpretation));
        Assert.Equal("NO", ds.GetString(DicomTags.SegmentsOverlap));
        Assert.Equal(0, ds.GetUInt16(DicomTags.PixelPaddingValue));
        Assert.Equal(8, ds.GetUInt16(DicomTags.BitsAllocated));
        Assert.Equal(8, ds.GetUInt16(DicomTags.BitsStored));
        Assert.Equal(7, ds.GetUInt16(DicomTags.HighBit));
        Assert.Equal(0, ds.GetUInt16(DicomTags.PixelRepresentation));
        Assert.Equal(4, ds.GetInt32(DicomTags.NumberOfFrames));
        Assert.Single(ds.GetSequence(DicomTags.DimensionIndexSequence));

        // Segments in label value order: Liver (5) is 1, Lesion (8) is 2; every slice is a frame, empty ones too.
        var segments = ds.GetSequence(DicomTags.SegmentSequence);
        Assert.Equal(2, segments.Count);
        Assert.Equal("Liver", segments[0].GetString(DicomTags.SegmentLabel));
        Assert.Equal("Lesion", segments[1].GetString(DicomTags.SegmentLabel));
        Assert.Equal(
            new byte[] { 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1 },
            ds.GetBytes(DicomTags.PixelData).ToArray());
        foreach (var item in ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence))
        {
            Assert.False(item.Contains(DicomTags.SegmentIdentificationSequence));
        }

        var read = DicomSegReader.Read(ds, geometry);
        Assert.Equal(labels.Voxels, read.Labels.Voxels);
        Assert.Equal("LABELMAP", read.SegmentationType);
    }

    [Fact]
    public void Create_LabelMapOddLength_PixelDataPaddedToEvenLength()
    {
        var geometry = new VolumeGeometry(3, 1, 1, new WorldPoint(0, 0, 0), 1, 1, 1);
        var labels = new Volume<byte>(geometry);
        labels[2, 0, 0] = (byte)TissueLabel.Bone;
        var ds = DicomSegWriter.Create(labels, TinySource(geometry), LabelMap);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, ds.GetBytes(DicomTags.PixelData).ToArray());
        Assert.Equal(labels.Voxels, DicomSegReader.Read(ds, geometry).Labels.Voxels);
    }

    [Fact]
    public void Create_LabelMapLabelWithoutDescription_Throws()
    {
        var geometry = new VolumeGeometry(2, 2, 1, new WorldPoint(0, 0, 0), 1, 1, 1);
        var labels = new Volume<byte>(geometry);
        labels[1, 0, 0] = 201;
        var error = Assert.Throws<ArgumentException>(() => DicomSegWriter.Create(labels, TinySource(geometry), LabelMap));
        Assert.Contains("201", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LabelMapPhantom_ReadsBackIdenticalOnSourceGrid()
    {
        var (phantom, layout) = Phantom(37, 29, 6);
        var path = Path.Combine(_dir.Path, "labelmap.dcm");
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(layout), path, LabelMap);
        var read = DicomSegReader.Read(path, layout.Geometry);
        Assert.Equal(phantom.Labels.Voxels, read.Labels.Voxels);
        Assert.Equal("LABELMAP", read.SegmentationType);
        Assert.Equal(layout.SeriesInstanceUid, read.ReferencedSeriesInstanceUid);
        Assert.Equal(phantom.Labels.Voxels.Where(v => v != 0).Distinct().Order(), read.Segments.Select(s => s.LabelValue));

        // One frame per slice, where BINARY has one per segment per slice that contains it.
        var binary = Path.Combine(_dir.Path, "binary.dcm");
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(layout), binary);
        var g = layout.Geometry;
        Assert.Equal(g.SizeK, DicomFile.Open(path).Dataset.GetInt32(DicomTags.NumberOfFrames));
        Assert.True(DicomFile.Open(binary).Dataset.GetInt32(DicomTags.NumberOfFrames) > g.SizeK);
    }

    [SkippableFact]
    public void Write_LabelMapPhantom_PydicomSeesSourcePositionsAndSegmentNumbers()
    {
        Require.Pydicom();
        var (phantom, layout) = Phantom(37, 29, 5);
        var path = Path.Combine(_dir.Path, "labelmap.dcm");
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(layout), path, LabelMap);
        var (code, stdout, stderr) = PythonPeer.Run(PydicomLabelMapScript, [path, .. layout.Slices.Select(s => s.Path)], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("1.2.840.10008.5.1.4.1.1.66.7", root.GetProperty("sop_class").GetString());
        Assert.Equal("LABELMAP", root.GetProperty("type").GetString());
        Assert.Equal(8, root.GetProperty("bits").GetInt32());
        Assert.Equal(8, root.GetProperty("stored").GetInt32());
        Assert.Equal(7, root.GetProperty("high").GetInt32());
        Assert.Equal("uint8", root.GetProperty("dtype").GetString());
        Assert.Equal("MONOCHROME2", root.GetProperty("photometric").GetString());
        Assert.Equal("NO", root.GetProperty("overlap").GetString());
        Assert.Equal(0, root.GetProperty("padding").GetInt32());
        Assert.Equal(["(0020, 0032)"], root.GetProperty("dims").EnumerateArray().Select(d => d.GetString()!).ToArray());

        var present = phantom.Labels.Voxels.Where(v => v != 0).Distinct().Order().ToList();
        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(present.Count, segments.Count);
        for (var s = 0; s < segments.Count; s++)
        {
            Assert.Equal(s + 1, segments[s].GetProperty("number").GetInt32());
            Assert.Equal(TissueSegments.For((TissueLabel)present[s]).Type.Value, segments[s].GetProperty("type").GetString());
        }

        // Frame k is source slice k: same Image Position (Patient) as the CT file, pixels = that slice's segment numbers.
        var g = layout.Geometry;
        var plane = g.SizeI * g.SizeJ;
        var expected = SegmentNumbers(phantom.Labels);
        var frames = root.GetProperty("frames").EnumerateArray().ToList();
        var sources = root.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(g.SizeK, frames.Count);
        for (var k = 0; k < frames.Count; k++)
        {
            var frame = frames[k];
            Assert.False(frame.GetProperty("has_segment_id").GetBoolean());
            Assert.Equal(sources[k].GetProperty("uid").GetString(), frame.GetProperty("source").GetString());
            Assert.Equal([k + 1], frame.GetProperty("index").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            var ipp = frame.GetProperty("ipp").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var sourceIpp = sources[k].GetProperty("ipp").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (var axis = 0; axis < 3; axis++)
            {
                Assert.Equal(sourceIpp[axis], ipp[axis], 1e-3);
            }

            var pixels = frame.GetProperty("pixels").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
            Assert.Equal(expected.AsSpan(k * plane, plane).ToArray(), pixels);
        }
    }

    [SkippableFact]
    public void Write_LabelMapPhantom_DcmdumpReadsWithoutErrors()
    {
        Require.File("/usr/bin/dcmdump", "DCMTK (dcmtk package) is the peer that parses the file");
        var (phantom, layout) = Phantom(37, 29, 4);
        var path = Path.Combine(_dir.Path, "labelmap.dcm");
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(layout), path, LabelMap);
        var info = new ProcessStartInfo("/usr/bin/dcmdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-dc", "+L", path])
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dcmdump");
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var stderr = stderrTask.Result;
        Assert.True(process.ExitCode == 0, stderr);
        Assert.True(stdout.Contains("(0028,0008)", StringComparison.Ordinal), stdout);
        Assert.DoesNotContain("E: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("W: ", stderr, StringComparison.Ordinal);
        Assert.Contains("(0062,0001) CS [LABELMAP]", stdout, StringComparison.Ordinal);
        Assert.Contains("(0028,0100) US 8", stdout, StringComparison.Ordinal);
        Assert.Contains("(0062,0013) CS [NO]", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\(0028,0008\) IS \[4 ?\]", stdout);
        Assert.DoesNotContain("(0062,000a)", stdout, StringComparison.OrdinalIgnoreCase);
    }
}
