using System.Text.Json;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Imaging.Tests.Series;

public sealed class EnhancedMultiFrameReaderTests : IDisposable
{
    private static readonly int[] Shuffled = [3, 0, 5, 1, 4, 2];
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (VolumeGeometry Geometry, ushort[] Stored) Volume()
    {
        var rotation = Matrix3.Rotation(new Vector3D(0.2, 1, -0.3).Normalized, 0.35);
        var geometry = new VolumeGeometry(7, 5, 6, new WorldPoint(-30.5, 12.25, 101), 0.6, 0.8, 1.5, rotation);
        var random = new Random(3);
        var stored = Enumerable.Range(0, (int)geometry.VoxelCount).Select(_ => (ushort)random.Next(0, 4096)).ToArray();
        return (geometry, stored);
    }

    private string Save(DicomDataset ds)
    {
        var path = Path.Combine(_dir.Path, "enhanced.dcm");
        DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian).Save(path);
        return path;
    }

    [Fact]
    public void ReadVolume_FramesOutOfOrder_SortedAlongNormalWithSharedRescale()
    {
        var (geometry, stored) = Volume();
        var path = Save(EnhancedCtGenerator.Create(stored, geometry, Shuffled));
        var volume = EnhancedMultiFrameReader.ReadVolume(path);
        Assert.Equal(stored.Select(v => (short)(v - 1024)).ToArray(), volume.Hounsfield.Voxels);
        Assert.True(volume.Geometry.Origin.DistanceTo(geometry.Origin) < 1e-6);
        Assert.Equal(1.5, volume.Geometry.SpacingK, 6);
        Assert.True((volume.Geometry.Direction.Column(2) - geometry.Direction.Column(2)).Length < 1e-6);
        Assert.Equal([2, 4, 6, 1, 5, 3], volume.Slices.Select(s => s.InstanceNumber!.Value).ToArray());
    }

    [Fact]
    public void ReadFloatVolume_EnhancedMrPerFrameRescale_ExactValues()
    {
        var (geometry, stored) = Volume();
        var path = Save(EnhancedCtGenerator.Create(stored, geometry, Shuffled, k => (0.25 * (k + 1), k - 0.5),
            "1.2.840.10008.5.1.4.1.1.4.1", "MR"));
        var volume = EnhancedMultiFrameReader.ReadFloatVolume(path);
        var plane = geometry.SizeI * geometry.SizeJ;
        for (var n = 0; n < stored.Length; n++)
        {
            var k = n / plane;
            Assert.Equal((float)((stored[n] * 0.25 * (k + 1)) + k - 0.5), volume.Values.Voxels[n]);
        }
    }

    [Fact]
    public void ReadLayout_MissingFrame_ThrowsNamingFrames()
    {
        var (geometry, stored) = Volume();
        var path = Save(EnhancedCtGenerator.Create(stored, geometry, [0, 1, 2, 4, 5]));
        var error = Assert.Throws<SeriesGeometryException>(() => EnhancedMultiFrameReader.ReadLayout(path));
        Assert.Contains("1 slice(s) missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("enhanced.dcm frame 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DicomSeriesReader_MultiFrameFile_PointsToEnhancedReader()
    {
        var (geometry, stored) = Volume();
        var path = Save(EnhancedCtGenerator.Create(stored, geometry, Shuffled));
        var error = Assert.ThrowsAny<Exception>(() => DicomSeriesReader.ReadLayout([path]));
        Assert.Contains("EnhancedMultiFrameReader", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Create_EnhancedCt_PydicomAgreesOnPerFramePositionsAndPixels()
    {
        Require.Pydicom();
        var (geometry, stored) = Volume();
        var path = Save(EnhancedCtGenerator.Create(stored, geometry, Shuffled));
        const string script = """
            import sys, json, pydicom
            ds = pydicom.dcmread(sys.argv[1])
            arr = ds.pixel_array
            print(json.dumps({"ipp": [[float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient] for f in ds.PerFrameFunctionalGroupsSequence],
                              "iop": [float(v) for v in ds.SharedFunctionalGroupsSequence[0].PlaneOrientationSequence[0].ImageOrientationPatient],
                              "first": arr[0].reshape(-1).tolist(), "frames": int(ds.NumberOfFrames), "sop": ds.SOPClassUID}))
            """;
        var (code, stdout, stderr) = PythonPeer.Run(script, [path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(DicomUids.EnhancedCTImageStorage, root.GetProperty("sop").GetString());
        Assert.Equal(6, root.GetProperty("frames").GetInt32());
        var layout = EnhancedMultiFrameReader.ReadLayout(path);
        var ipps = root.GetProperty("ipp").EnumerateArray().Select(p => new WorldPoint(p[0].GetDouble(), p[1].GetDouble(), p[2].GetDouble())).ToList();
        for (var f = 0; f < ipps.Count; f++)
        {
            // pydicom's position of frame f is where our reader put that frame.
            var k = layout.Slices.Select(s => s.InstanceNumber).ToList().IndexOf(f + 1);
            Assert.Equal(Shuffled[f], k);
            Assert.True(ipps[f].DistanceTo(layout.Slices[k].Position) < 1e-9);
            Assert.True(ipps[f].DistanceTo(geometry.IndexToWorld(new VoxelIndex(0, 0, k))) < 1e-4);
        }

        var plane = geometry.SizeI * geometry.SizeJ;
        Assert.Equal(stored.AsSpan(Shuffled[0] * plane, plane).ToArray().Select(v => (int)v).ToArray(),
            root.GetProperty("first").EnumerateArray().Select(v => v.GetInt32()).ToArray());
    }
}
