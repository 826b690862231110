using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Segmentation;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

public sealed class PhantomCaseCommandTests : IDisposable
{
    private const string PydicomSegments = """
        import sys, json, pydicom
        ds = pydicom.dcmread(sys.argv[1])
        segs = [{"number": int(s.SegmentNumber), "label": str(s.SegmentLabel),
                 "type": str(s.SegmentedPropertyTypeCodeSequence[0].CodeValue)} for s in ds.SegmentSequence]
        print(json.dumps({"sop_class": str(ds.SOPClassUID), "frames": int(ds.NumberOfFrames), "segments": segs}))
        """;

    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void List_PrintsOneLinePerCase()
    {
        var (code, stdout, stderr) = CliRunner.Run("phantom", "--list");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PhantomCatalogue.Cases.Count, lines.Length);
        foreach (var c in PhantomCatalogue.Cases)
        {
            var line = Assert.Single(lines, l => l.StartsWith(c.Name + " ", StringComparison.Ordinal));
            Assert.Contains(c.Procedures[0], line, StringComparison.Ordinal);
            Assert.EndsWith(PhantomManifest.PhaseName(c.DefaultPhase), line.TrimEnd(), StringComparison.Ordinal);
        }

        Assert.Contains(lines, l => l.StartsWith("aneurysm ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("arterial", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Case_WritesSeriesLabelsSegAndManifestThatAgree()
    {
        var output = Path.Combine(_dir.Path, "abscess");
        var (code, stdout, stderr) = CliRunner.Run("phantom", "--case", "deep-abscess", "--age", "10", "--size", "64", "--slices", "24",
            "--seed", "9", "--dose-mgy", "3", "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("Target: Abscess", stdout, StringComparison.Ordinal);

        var series = DicomSeriesReader.ReadVolume(Directory.GetFiles(output, "*.dcm"));
        Assert.Equal((64, 64, 24), (series.Geometry.SizeI, series.Geometry.SizeJ, series.Geometry.SizeK));
        var labels = NrrdLabelMap.Read(Path.Combine(output, "labels.nrrd"));
        var segPath = Path.Combine(output, "segmentation", "labels-seg.dcm");
        var seg = DicomSegReader.Read(segPath, series.Geometry);
        Assert.Equal(labels.Voxels, seg.Labels.Voxels);

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement;
        Assert.Equal("deep-abscess", manifest.GetProperty("case").GetString());
        Assert.Equal(10, manifest.GetProperty("ageYears").GetDouble());
        Assert.Equal("portal", manifest.GetProperty("phase").GetString());
        Assert.Equal(3, manifest.GetProperty("doseMgy").GetDouble());
        Assert.Equal(9, manifest.GetProperty("seed").GetInt32());
        Assert.True(manifest.GetProperty("noiseSigmaHu").GetDouble() > 0);
        var size = manifest.GetProperty("geometry").GetProperty("size").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(new[] { 64, 64, 24 }, size);
        var origin = manifest.GetProperty("geometry").GetProperty("originMm").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(series.Geometry.Origin.Z, origin[2], 3);

        // Voxel counts per label in the manifest are those of labels.nrrd.
        var counts = labels.Voxels.GroupBy(v => v).Where(g => g.Key != 0).ToDictionary(g => (int)g.Key, g => g.LongCount());
        var listed = manifest.GetProperty("labels").EnumerateArray().ToDictionary(l => l.GetProperty("value").GetInt32(), l => l.GetProperty("voxels").GetInt64());
        Assert.Equal(counts.OrderBy(p => p.Key), listed.OrderBy(p => p.Key));

        // The pathology lies at its centre in the label map.
        var centre = manifest.GetProperty("pathology").GetProperty("centerMm").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.True(labels.Geometry.TryGetVoxel(new Seldinger.Imaging.Geometry.WorldPoint(centre[0], centre[1], centre[2]), out var v));
        Assert.Equal((byte)TissueLabel.Abscess, labels[v]);
        Assert.Contains(manifest.GetProperty("landmarks").EnumerateArray(), l => l.GetProperty("name").GetString() == "cavo-atrial-junction");
        Assert.Contains(manifest.GetProperty("bodySizes").EnumerateArray(), t => t.GetProperty("source").GetString()!.Contains("Kleinman", StringComparison.Ordinal));

        // pydicom sees one segment per label present, with our codes.
        Require.Pydicom();
        var (pyCode, pyOut, pyErr) = PythonPeer.Run(PydicomSegments, [segPath], TimeSpan.FromSeconds(60));
        Assert.True(pyCode == 0, pyErr);
        var root = JsonDocument.Parse(pyOut).RootElement;
        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(counts.Count, segments.Count);
        Assert.Contains(segments, s => s.GetProperty("type").GetString() == TissueSegments.For(TissueLabel.Abscess).Type.Value);
    }

    [Fact]
    public void Case_NoiseOverridesDoseAndPhaseIsHonoured()
    {
        var output = Path.Combine(_dir.Path, "stenosis");
        var (code, _, stderr) = CliRunner.Run("phantom", "--case", "renal-artery-stenosis", "--age", "0", "--size", "32", "--slices", "8",
            "--phase", "none", "--noise", "0", "--out", output);
        Assert.True(code == 0, stderr);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement;
        Assert.Equal("none", manifest.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, manifest.GetProperty("doseMgy").ValueKind);
        Assert.Equal(0, manifest.GetProperty("noiseSigmaHu").GetDouble());
    }

    [Theory]
    [InlineData("--case", "nope", "liver-tumor")]
    [InlineData("--age", "16", "0, 1, 5, 10, 15")]
    [InlineData("--phase", "venous", "none, arterial or portal")]
    public void Case_BadValue_ExitCode2WithTheValidValues(string option, string value, string listed)
    {
        var args = new List<string> { "phantom", "--out", Path.Combine(_dir.Path, "bad") };
        if (option != "--case")
        {
            args.AddRange(["--case", "ascites"]);
        }

        args.AddRange([option, value]);
        var (code, _, stderr) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(listed, stderr.Split('\n')[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "bad")));
    }
}
