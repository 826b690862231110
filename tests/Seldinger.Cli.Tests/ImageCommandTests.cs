using System.Globalization;
using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Meshes;
using Seldinger.Imaging.Morphology;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Resampling;
using Seldinger.Imaging.Reslicing;
using Seldinger.Imaging.Segmentation;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

/// <summary>A small abdomen phantom written as a DICOM series, labels.nrrd and a DICOM SEG, shared by the image command tests.</summary>
public sealed class ImagePhantomFixture : IDisposable
{
    private readonly TemporaryDirectory _dir = new("seldinger-image");

    public ImagePhantomFixture()
    {
        var phantom = AbdomenPhantom.Generate(new AbdomenPhantomOptions { Columns = 96, Rows = 80, SliceCount = 22, PixelSpacingMm = 2.4, SliceThicknessMm = 4, Seed = 5 });
        SeriesDir = Path.Combine(_dir.Path, "series");
        var files = CtSeriesWriter.Write(phantom.Hounsfield, new CtSeriesDescription
        {
            PatientName = "PHANTOM^Image",
            PatientId = "IMG-1",
            PatientAgeYears = 6,
            StudyDescription = "CT abdomen (phantom)",
            SeriesDescription = "Axial 4 mm",
        }, SeriesDir);
        LabelsPath = Path.Combine(SeriesDir, "labels.nrrd");
        NrrdLabelMap.Write(phantom.Labels, LabelsPath);
        SegPath = Path.Combine(_dir.Path, "seg", "labels-seg.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(SegPath)!);
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(DicomSeriesReader.ReadLayout(files)), SegPath, new DicomSegWriteOptions { Type = SegmentationType.Binary });
        Ct = DicomSeriesReader.ReadVolume(files).Hounsfield;
        Labels = NrrdLabelMap.Read(LabelsPath);
        LesionCenter = phantom.LesionCenter;
    }

    public string SeriesDir { get; }

    public string LabelsPath { get; }

    public string SegPath { get; }

    /// <summary>The CT as the series reader gives it back (what the commands see).</summary>
    public Volume<short> Ct { get; }

    public Volume<byte> Labels { get; }

    public WorldPoint LesionCenter { get; }

    public string Output(string name) => Path.Combine(_dir.Path, $"{Guid.NewGuid():N}-{name}");

    public void Dispose() => _dir.Dispose();
}

public sealed class ImageCommandTests(ImagePhantomFixture phantom) : IClassFixture<ImagePhantomFixture>
{
    private const byte Lesion = (byte)TissueLabel.Lesion;
    private const byte Liver = (byte)TissueLabel.Liver;

    private static string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(["image", .. args]);

    private static void Ok((int Code, string Stdout, string Stderr) result) => Assert.True(result.Code == 0, result.Stderr + result.Stdout);

    [Fact]
    public void Reslice_AxialIndex_PixelsEqualTheReslicer()
    {
        var png = phantom.Output("axial.png");
        Ok(Run("reslice", phantom.SeriesDir, "--plane", "axial", "--index", "7", "--preset", "bone", "--out", png));
        var g = phantom.Ct.Geometry;
        var plane = Reslicer.AxialPlane(g, g.Origin.Z + (7 * g.SpacingK));
        var expected = Reslicer.Reslice(phantom.Ct, plane, Interpolator.Linear.WithOutside(-1024)).ToGray8(WindowLevel.Bone);
        var (width, height, channels, pixels) = ImageTestFiles.ReadPng(png);
        Assert.Equal((g.SizeI, g.SizeJ, 1), (width, height, channels));
        Assert.Equal(expected, pixels);

        // On an axis-aligned grid the axial plane through a slice centre is that slice, as the slice renderer draws it.
        Assert.Equal(SliceRenderer.RenderAxialGray8(phantom.Ct, 7, WindowLevel.Bone), pixels);
    }

    [Fact]
    public void Reslice_ObliqueSlabWithLabels_PixelsEqualTheReslicerAndBlend()
    {
        var png = phantom.Output("oblique.png");
        var c = phantom.LesionCenter;
        Ok(Run("reslice", phantom.SeriesDir, "--center", $"{S(c.X)},{S(c.Y)},{S(c.Z)}", "--normal", "1,0.5,2", "--up", "0,0,1",
            "--size", "50,40", "--pixel", "1.5", "--slab", "9", "--mode", "mean", "--window", "50,350", "--labels", phantom.LabelsPath, "--opacity", "0.6", "--out", png));

        // The documented convention: columns run against --up projected onto the plane, rows are column × normal.
        var normal = new Vector3D(1, 0.5, 2).Normalized;
        var up = Vector3D.UnitZ - (normal * normal.Z);
        var column = -up.Normalized;
        var row = column.Cross(normal).Normalized;
        var plane = SlicePlane.FromCenter(c, row, column, 50, 40, 1.5, 1.5);
        var grey = Reslicer.Slab(phantom.Ct, plane, Interpolator.Linear.WithOutside(-1024), 9, SlabProjection.Mean).ToGray8(new WindowLevel(50, 350));
        var labels = Reslicer.Reslice(phantom.Labels, plane, Interpolator.Nearest).Pixels;

        var (width, height, channels, pixels) = ImageTestFiles.ReadPng(png);
        Assert.Equal((50, 40, 4), (width, height, channels));
        var coloured = 0;
        for (var n = 0; n < grey.Length; n++)
        {
            var label = (byte)labels[n];
            var colour = LabelColors.Of(label);
            for (var ch = 0; ch < 3; ch++)
            {
                var expected = label == 0 ? grey[n] : (byte)Math.Floor((grey[n] * 0.4) + (((colour >> (16 - (8 * ch))) & 0xFF) * 0.6) + 0.5);
                Assert.Equal(expected, pixels[(n * 4) + ch]);
            }

            Assert.Equal(255, pixels[(n * 4) + 3]);
            coloured += label == Lesion ? 1 : 0;
        }

        Assert.True(coloured > 20, $"the plane through the lesion centre shows {coloured} lesion pixels");
    }

    [Fact]
    public void Stats_Json_EqualsLabelStatisticsAndBruteForce()
    {
        var result = Run("stats", "--labels", phantom.LabelsPath, "--series", phantom.SeriesDir, "--json");
        Ok(result);
        using var doc = JsonDocument.Parse(result.Stdout);
        var g = phantom.Labels.Geometry;
        var voxelMl = g.SpacingI * g.SpacingJ * g.SpacingK / 1000;
        var expected = LabelStatistics.ComputeAll(phantom.Labels);
        var rows = doc.RootElement.GetProperty("labels").EnumerateArray().ToList();
        Assert.Equal(expected.Select(m => (int)m.Label), rows.Select(r => r.GetProperty("label").GetInt32()));
        foreach (var (m, r) in expected.Zip(rows))
        {
            // Brute force: count and HU straight from the voxels.
            var voxels = Enumerable.Range(0, phantom.Labels.Voxels.Length).Where(n => phantom.Labels.Voxels[n] == m.Label).ToArray();
            Assert.Equal(voxels.Length, r.GetProperty("voxelCount").GetInt64());
            Assert.Equal(voxels.Length * voxelMl, r.GetProperty("volumeMl").GetDouble(), 1e-9);
            Assert.Equal(m.LargestDiameterMm, r.GetProperty("largestDiameterMm").GetDouble(), 1e-9);
            var centroid = r.GetProperty("centroidMm").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal([m.Centroid.X, m.Centroid.Y, m.Centroid.Z], centroid);
            var boxMin = r.GetProperty("boundingBoxMinMm").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal([m.WorldMin.X, m.WorldMin.Y, m.WorldMin.Z], boxMin);

            var hu = voxels.Select(n => (double)phantom.Ct.Voxels[n]).ToArray();
            var mean = hu.Average();
            var sd = Math.Sqrt(hu.Select(v => (v - mean) * (v - mean)).Average());
            var stats = r.GetProperty("hu");
            Assert.Equal(mean, stats.GetProperty("mean").GetDouble(), 1e-9);
            Assert.Equal(sd, stats.GetProperty("sd").GetDouble(), 1e-6);
            Assert.Equal(hu.Min(), stats.GetProperty("min").GetDouble());
            Assert.Equal(hu.Max(), stats.GetProperty("max").GetDouble());
        }
    }

    [Fact]
    public void Stats_DicomSegWithSeries_EqualsTheNrrd()
    {
        var nrrd = Run("stats", "--labels", phantom.LabelsPath, "--label", "lesion,Liver");
        var seg = Run("stats", "--labels", phantom.SegPath, "--series", phantom.SeriesDir, "--label", "8,5");
        Ok(nrrd);
        Ok(seg);
        Assert.Contains("Lesion", nrrd.Stdout, StringComparison.Ordinal);
        var m = LabelStatistics.Compute(phantom.Labels, Lesion)!;
        Assert.Contains(FormattableString.Invariant($"{m.VolumeMl:0.###} mL ({m.VoxelCount} voxels)"), nrrd.Stdout, StringComparison.Ordinal);
        // Same numbers; the SEG's lines also carry HU.
        var numbers = nrrd.Stdout.Split('\n').Where(l => l.Contains("mL", StringComparison.Ordinal)).Select(l => l[l.IndexOf(':', StringComparison.Ordinal)..]);
        Assert.All(numbers, line => Assert.Contains(line, seg.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public void Mesh_Stl_ParsesAndIsTheWatertightLibrarySurface()
    {
        var stl = phantom.Output("lesion.stl");
        var result = Run("mesh", "--labels", phantom.LabelsPath, "--label", "lesion", "--out", stl);
        Ok(result);
        var expected = LabelSurfaceExtractor.Extract(phantom.Labels, Lesion);
        var triangles = ImageTestFiles.ReadStl(stl);
        Assert.Equal(expected.TriangleCount, triangles.Length);
        Assert.True(ImageTestFiles.IsWatertight(triangles));
        Assert.Contains($"{expected.TriangleCount} triangles", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("watertight yes", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"enclosed volume {expected.EnclosedVolume() / 1000:0.###} mL"), result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Mesh_GlbOfTwoLabelsSmoothedAndDecimated_HasAGltfHeaderAndStaysClosed()
    {
        var glb = phantom.Output("liver.glb");
        var result = Run("mesh", "--labels", phantom.SegPath, "--series", phantom.SeriesDir, "--label", "liver,8", "--smooth", "5", "--decimate", "0.5", "--out", glb);
        Ok(result);
        var bytes = File.ReadAllBytes(glb);
        Assert.Equal(GltfBinaryWriter.Magic, BitConverter.ToUInt32(bytes, 0));
        Assert.Equal(2u, BitConverter.ToUInt32(bytes, 4));
        Assert.Equal((uint)bytes.Length, BitConverter.ToUInt32(bytes, 8));
        Assert.Equal(GltfBinaryWriter.JsonChunkType, BitConverter.ToUInt32(bytes, 16));
        Assert.Contains("watertight yes", result.Stdout, StringComparison.Ordinal);

        var union = LabelSurfaceExtractor.Extract(LabelMapOperations.MaskOf(phantom.Labels, [Liver, Lesion]), 1);
        Assert.Contains($"({union.TriangleCount} extracted)", result.Stdout, StringComparison.Ordinal);
        var kept = int.Parse(System.Text.RegularExpressions.Regex.Match(result.Stdout, @": (\d+) triangles").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(kept, 1, (union.TriangleCount / 2) + 2);
    }

    [Fact]
    public void Segment_ThresholdClosedFilledLargest_EqualsTheLibraryCalls()
    {
        var output = phantom.Output("bone.nrrd");
        Ok(Run("segment", phantom.SeriesDir, "--threshold", "200,3000", "--close", "3", "--fill-holes", "--largest", "--value", "4", "--out", output));
        var expected = ConnectedComponents.KeepLargest(BinaryMorphology.FillHoles(BinaryMorphology.Close(IntensityThreshold.Apply(phantom.Ct, 200, 3000), 3)), Connectivity.Six);
        var written = NrrdLabelMap.Read(output);
        Assert.Equal(expected.Voxels.Select(v => (byte)(v != 0 ? 4 : 0)), written.Voxels);
        Assert.Contains(written.Voxels, v => v == 4);
        Assert.True(written.Geometry.Origin.DistanceTo(phantom.Ct.Geometry.Origin) < 1e-4);
    }

    [Fact]
    public void Segment_BodyAndGrow_EqualTheLibraryCalls()
    {
        var body = phantom.Output("body.nrrd");
        Ok(Run("segment", phantom.SeriesDir, "--body", "--out", body));
        Assert.Equal(BodyMasks.Body(phantom.Ct).Voxels, NrrdLabelMap.Read(body).Voxels);

        var grown = phantom.Output("lesion.nrrd");
        var c = phantom.LesionCenter;
        var seed = phantom.Ct.Geometry.WorldToIndex(c);
        var voxel = new VoxelIndex((int)Math.Round(seed.I), (int)Math.Round(seed.J), (int)Math.Round(seed.K));
        var hu = phantom.Ct[voxel];
        Ok(Run("segment", phantom.SeriesDir, "--grow", $"{S(c.X)},{S(c.Y)},{S(c.Z)}", "--range", $"{hu - 40},{hu + 40}", "--out", grown));
        var expected = RegionGrowing.Grow(phantom.Ct, voxel, (short)(hu - 40), (short)(hu + 40), Connectivity.Six, phantom.Ct.Geometry.VoxelCount).Mask;
        Assert.Equal(expected.Voxels, NrrdLabelMap.Read(grown).Voxels);
    }

    [Fact]
    public void Distance_Signed_EqualsBruteForceDistancesBetweenVoxelCentres()
    {
        var output = phantom.Output("dist.nrrd");
        Ok(Run("distance", "--labels", phantom.LabelsPath, "--label", "Lesion", "--signed", "--out", output));
        var distance = NrrdFloatVolume.Read(output);
        var g = phantom.Labels.Geometry;
        Assert.Equal((g.SizeI, g.SizeJ, g.SizeK), (distance.Geometry.SizeI, distance.Geometry.SizeJ, distance.Geometry.SizeK));
        Assert.True(distance.Geometry.Origin.DistanceTo(g.Origin) < 1e-9);

        var inside = Enumerable.Range(0, (int)g.VoxelCount).Where(n => phantom.Labels.Voxels[n] == Lesion).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
        var centre = g.WorldToIndex(phantom.LesionCenter);
        var random = new Random(3);
        for (var trial = 0; trial < 300; trial++)
        {
            // Half the samples near the lesion, where both signs occur; half anywhere.
            var near = new VoxelIndex(
                Math.Clamp((int)centre.I + random.Next(-8, 9), 0, g.SizeI - 1),
                Math.Clamp((int)centre.J + random.Next(-8, 9), 0, g.SizeJ - 1),
                Math.Clamp((int)centre.K + random.Next(-4, 5), 0, g.SizeK - 1));
            var n = trial % 2 == 0 ? g.LinearIndex(near) : random.Next((int)g.VoxelCount);
            var p = g.IndexToWorld(g.VoxelAt(n));
            double expected;
            if (phantom.Labels.Voxels[n] == Lesion)
            {
                expected = -Enumerable.Range(0, (int)g.VoxelCount).Where(m => phantom.Labels.Voxels[m] != Lesion).Min(m => g.IndexToWorld(g.VoxelAt(m)).DistanceTo(p));
            }
            else
            {
                expected = inside.Min(q => q.DistanceTo(p));
            }

            Assert.Equal(expected, distance.Voxels[n], Math.Max(1e-4, Math.Abs(expected) * 1e-6));
        }

        Assert.Equal(EuclideanDistanceTransform.Compute(phantom.Labels, Lesion).Voxels.Select(v => Math.Max(v, 0)), distance.Voxels.Select(v => Math.Max(v, 0)));
    }

    [Fact]
    public void Distance_DeviceChoice_CpuAndAutoAgree_GpuWithoutCudaIsAClearError()
    {
        var cpu = phantom.Output("dist-cpu.nrrd");
        var auto = phantom.Output("dist-auto.nrrd");
        var gpu = phantom.Output("dist-gpu.nrrd");
        var cpuRun = Run("distance", "--labels", phantom.LabelsPath, "--label", "Lesion", "--device", "cpu", "--out", cpu);
        Ok(cpuRun);
        Assert.Contains("(cpu", cpuRun.Stdout, StringComparison.Ordinal);
        Ok(Run("distance", "--labels", phantom.LabelsPath, "--label", "Lesion", "--out", auto));
        var expected = NrrdFloatVolume.Read(cpu).Voxels;
        var automatic = NrrdFloatVolume.Read(auto).Voxels;
        for (var n = 0; n < expected.Length; n++)
        {
            // auto may run on a CUDA GPU, which may fuse multiply-adds.
            Assert.Equal(expected[n], automatic[n], Math.Max(1e-4, expected[n] * 1e-5));
        }

        var gpuRun = Run("distance", "--labels", phantom.LabelsPath, "--label", "Lesion", "--device", "gpu", "--out", gpu);
        if (gpuRun.Code == 0)
        {
            Assert.Equal(expected.Length, NrrdFloatVolume.Read(gpu).Voxels.Length);
        }
        else
        {
            Assert.Equal(1, gpuRun.Code);
            Assert.Contains("No CUDA GPU", gpuRun.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(gpu));
        }

        Assert.Equal(2, Run("distance", "--labels", phantom.LabelsPath, "--label", "Lesion", "--device", "tpu", "--out", gpu).Code);
    }

    [Theory]
    [InlineData(2, "reslice", "{series}", "--plane", "oblique", "--out", "{out}.png")]
    [InlineData(2, "reslice", "{series}", "--plane", "axial", "--index", "999", "--out", "{out}.png")]
    [InlineData(2, "reslice", "{series}", "--center", "0,0,0", "--normal", "0,0,0", "--out", "{out}.png")]
    [InlineData(2, "reslice", "{series}", "--plane", "axial", "--out", "{out}.bmp")]
    [InlineData(2, "reslice", "{series}", "--plane", "axial", "--slab", "-3", "--out", "{out}.png")]
    [InlineData(2, "stats", "--labels", "{seg}")]
    [InlineData(2, "stats", "--labels", "{labels}", "--label", "spleeen")]
    [InlineData(2, "mesh", "--labels", "{labels}", "--decimate", "0", "--out", "{out}.stl")]
    [InlineData(2, "segment", "{series}", "--body", "--lungs", "--out", "{out}.nrrd")]
    [InlineData(2, "segment", "{series}", "--threshold", "300,100", "--out", "{out}.nrrd")]
    [InlineData(2, "segment", "{series}", "--grow", "9999,0,0", "--range", "0,100", "--out", "{out}.nrrd")]
    [InlineData(2, "distance", "--labels", "{labels}", "--out", "{out}.nrrd")]
    [InlineData(2, "volume", "{series}")]
    [InlineData(1, "stats", "--labels", "{missing}.nrrd")]
    [InlineData(1, "reslice", "{missing}", "--plane", "axial", "--out", "{out}.png")]
    [InlineData(1, "stats", "--labels", "{series}/CT0001.dcm", "--series", "{series}")]
    [InlineData(1, "mesh", "--labels", "{labels}", "--label", "200", "--out", "{out}.stl")]
    [InlineData(1, "stats", "--labels", "{notnrrd}.nrrd")]
    public void BadInput_OneLineErrorAndExitCode(int exitCode, params string[] args)
    {
        var notNrrd = phantom.Output("broken");
        File.WriteAllText(notNrrd + ".nrrd", "NRRD0004\ntype: float\n\n");
        var output = phantom.Output("out");
        var resolved = args.Select(a => a
            .Replace("{series}", phantom.SeriesDir, StringComparison.Ordinal)
            .Replace("{labels}", phantom.LabelsPath, StringComparison.Ordinal)
            .Replace("{seg}", phantom.SegPath, StringComparison.Ordinal)
            .Replace("{missing}", phantom.Output("missing"), StringComparison.Ordinal)
            .Replace("{notnrrd}", notNrrd, StringComparison.Ordinal)
            .Replace("{out}", output, StringComparison.Ordinal)).ToArray();
        var (code, stdout, stderr) = Run(resolved);
        Assert.True(exitCode == code, $"exit {code}: {stderr}{stdout}");
        Assert.StartsWith("seldinger: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output + ".png") || File.Exists(output + ".stl") || File.Exists(output + ".nrrd"));
    }
}
