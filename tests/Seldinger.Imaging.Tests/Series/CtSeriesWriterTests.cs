using System.Globalization;
using System.Text.Json;

using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Imaging.Tests.Series;

/// <summary>Our CT series against pydicom: same pixels in HU, same geometry, required attributes present.</summary>
public sealed class CtSeriesWriterTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string PydicomScript = """
        import sys, json, glob, pydicom, numpy as np
        out = []
        for path in sorted(glob.glob(sys.argv[1] + "/*.dcm")):
            ds = pydicom.dcmread(path)
            hu = ds.pixel_array.astype(np.int64) * int(ds.RescaleSlope) + int(ds.RescaleIntercept)
            out.append({
                "sop_class": ds.SOPClassUID, "ts": ds.file_meta.TransferSyntaxUID,
                "study": ds.StudyInstanceUID, "series": ds.SeriesInstanceUID, "sop": ds.SOPInstanceUID,
                "frame": ds.FrameOfReferenceUID, "name": str(ds.PatientName), "id": ds.PatientID,
                "ipp": [float(v) for v in ds.ImagePositionPatient], "iop": [float(v) for v in ds.ImageOrientationPatient],
                "spacing": [float(v) for v in ds.PixelSpacing], "thickness": float(ds.SliceThickness),
                "rows": ds.Rows, "cols": ds.Columns, "wc": float(ds.WindowCenter), "ww": float(ds.WindowWidth),
                "hu": hu.flatten().tolist()})
        print(json.dumps(out))
        """;

    [SkippableFact]
    public void Write_ObliqueAnisotropicVolume_PydicomReadsSameHuAndGeometry()
    {
        Require.Pydicom();
        var rotation = Matrix3.Rotation(new Vector3D(0.3, -0.2, 1).Normalized, 0.4);
        var geometry = new VolumeGeometry(13, 11, 7, new WorldPoint(-12.5, 40.125, -301.75), 0.7, 0.9, 1.25, rotation);
        var volume = new Volume<short>(geometry);
        var random = new Random(11);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)random.Next(-1024, 3072);
        }

        var description = new CtSeriesDescription { PatientName = "Niño^Ana", PatientId = "ID-7", PatientAgeYears = 6 };
        var files = CtSeriesWriter.Write(volume, description, _dir.Path);
        Assert.Equal(7, files.Count);

        var (code, stdout, stderr) = PythonPeer.Run(PydicomScript, [_dir.Path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        var slices = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(7, slices.Count);
        var seriesUids = slices.Select(s => s.GetProperty("series").GetString()).Distinct().ToList();
        Assert.Single(seriesUids);
        Assert.Equal(7, slices.Select(s => s.GetProperty("sop").GetString()).Distinct().Count());
        foreach (var s in slices)
        {
            Assert.Equal("1.2.840.10008.5.1.4.1.1.2", s.GetProperty("sop_class").GetString());
            Assert.Equal("1.2.840.10008.1.2.1", s.GetProperty("ts").GetString());
            Assert.Equal("Niño^Ana", s.GetProperty("name").GetString());
            Assert.Equal(13, s.GetProperty("cols").GetInt32());
            Assert.Equal(11, s.GetProperty("rows").GetInt32());
            Assert.Equal(0.9, s.GetProperty("spacing")[0].GetDouble(), 9);
            Assert.Equal(0.7, s.GetProperty("spacing")[1].GetDouble(), 9);
            Assert.Equal(1.25, s.GetProperty("thickness").GetDouble(), 9);
        }

        // Sort pydicom's slices by position along the normal and compare with our volume, plane by plane.
        var row = Vec(slices[0].GetProperty("iop"), 0);
        var column = Vec(slices[0].GetProperty("iop"), 3);
        var normal = row.Cross(column);
        var ordered = slices.OrderBy(s => Vec(s.GetProperty("ipp"), 0).Dot(normal)).ToList();
        for (var k = 0; k < ordered.Count; k++)
        {
            var ipp = Vec(ordered[k].GetProperty("ipp"), 0);
            var expected = geometry.IndexToWorld(new VoxelIndex(0, 0, k));
            Assert.True((ipp - new Vector3D(expected.X, expected.Y, expected.Z)).Length < 1e-4, $"slice {k}: IPP {ipp} vs {expected}");
            var hu = ordered[k].GetProperty("hu").EnumerateArray().Select(v => (short)v.GetInt32()).ToArray();
            Assert.Equal(volume.SliceK(k).ToArray(), hu);
        }

        Assert.True((row - geometry.Direction.Column(0)).Length < 1e-6);
        Assert.True((column - geometry.Direction.Column(1)).Length < 1e-6);
    }

    [SkippableFact]
    public void Write_Phantom_PydicomReadsSameHuPerSlice()
    {
        Require.Pydicom();
        var phantom = Seldinger.Imaging.Phantoms.AbdomenPhantom.Generate(
            new Seldinger.Imaging.Phantoms.AbdomenPhantomOptions { Columns = 96, Rows = 96, SliceCount = 6, PixelSpacingMm = 2.5 });
        var volume = phantom.Hounsfield;
        CtSeriesWriter.Write(volume, new CtSeriesDescription { PatientName = "PHANTOM^Abdomen", PatientId = "P" }, _dir.Path);
        var (code, stdout, stderr) = PythonPeer.Run(PydicomScript, [_dir.Path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        var slices = JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .OrderBy(s => s.GetProperty("ipp")[2].GetDouble()).ToList();
        Assert.Equal(volume.Geometry.SizeK, slices.Count);
        for (var k = 0; k < slices.Count; k++)
        {
            // The phantom stays inside the stored range, so nothing is clipped.
            var hu = slices[k].GetProperty("hu").EnumerateArray().Select(v => (short)v.GetInt32()).ToArray();
            Assert.Equal(volume.SliceK(k).ToArray(), hu);
            Assert.Equal(volume.Geometry.IndexToWorld(new VoxelIndex(0, 0, k)).Z, slices[k].GetProperty("ipp")[2].GetDouble(), 4);
        }
    }

    [Fact]
    public void ReadVolume_FilesInAnyOrder_RebuildsVolumeExactly()
    {
        var geometry = new VolumeGeometry(9, 8, 6, new WorldPoint(1, 2, 3), 1.1, 1.2, 3.0,
            Matrix3.Rotation(new Vector3D(1, 1, 0).Normalized, 0.25));
        var volume = new Volume<short>(geometry);
        var random = new Random(5);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)random.Next(-1024, 3072);
        }

        var files = CtSeriesWriter.Write(volume, new CtSeriesDescription { PatientName = "A^B", PatientId = "1" }, _dir.Path);
        var read = DicomSeriesReader.ReadVolume(files.Reverse().ToList());
        Assert.Equal(volume.Voxels, read.Hounsfield.Voxels);
        var g = read.Geometry;
        Assert.Equal(3.0, g.SpacingK, 6);
        Assert.True(g.Origin.DistanceTo(geometry.Origin) < 1e-5);
        Assert.Equal(files, read.Slices.Select(s => s.Path));
    }

    [Fact]
    public void ReadVolume_TwoSlicesSwappedInPositionButNotInName_SortsByPosition()
    {
        var geometry = new VolumeGeometry(4, 4, 5, new WorldPoint(0, 0, 0), 1, 1, 2);
        var volume = new Volume<short>(geometry);
        for (var k = 0; k < 5; k++)
        {
            volume.SliceK(k).Fill((short)(k * 100));
        }

        var files = CtSeriesWriter.Write(volume, new CtSeriesDescription { PatientName = "A^B", PatientId = "1" }, _dir.Path);
        // Rename so that file-name order and position order disagree.
        var renamed = files.Select((f, n) =>
        {
            var target = Path.Combine(_dir.Path, string.Create(CultureInfo.InvariantCulture, $"z{(n * 7) % 5}.dcm"));
            File.Move(f, target);
            return target;
        }).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var read = DicomSeriesReader.ReadVolume(renamed);
        for (var k = 0; k < 5; k++)
        {
            Assert.All(read.Hounsfield.SliceK(k).ToArray(), v => Assert.Equal(k * 100, v));
        }
    }

    [Fact]
    public void ReadVolume_MixedSeries_ThrowsNamingTheFile()
    {
        var geometry = new VolumeGeometry(4, 4, 3, new WorldPoint(0, 0, 0), 1, 1, 2);
        var a = CtSeriesWriter.Write(new Volume<short>(geometry), new CtSeriesDescription { PatientName = "A^B", PatientId = "1" }, Path.Combine(_dir.Path, "a"));
        var b = CtSeriesWriter.Write(new Volume<short>(geometry), new CtSeriesDescription { PatientName = "A^B", PatientId = "1" }, Path.Combine(_dir.Path, "b"));
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadVolume([a[0], a[1], b[2]]));
        Assert.Contains("belongs to series", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.05, "018D")]
    [InlineData(0.5, "006M")]
    [InlineData(1.9, "022M")]
    [InlineData(6.4, "006Y")]
    [InlineData(15, "015Y")]
    public void FormatAge_Years_GivesDicomAgeString(double years, string expected) =>
        Assert.Equal(expected, CtSeriesWriter.FormatAge(years));

    private static Vector3D Vec(JsonElement array, int offset) =>
        new(array[offset].GetDouble(), array[offset + 1].GetDouble(), array[offset + 2].GetDouble());
}
