using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

public sealed class DemoAndPhantomCommandTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Phantom_Out_WritesSeriesAndLabelMapOfTheSameGeometry()
    {
        var output = Path.Combine(_dir.Path, "phantom");
        var (code, stdout, stderr) = CliRunner.Run("phantom", "--out", output, "--seed", "4", "--seg", "labelmap");
        Assert.True(code == 0, stderr);
        Assert.Contains("Lesion", stdout, StringComparison.Ordinal);
        var series = DicomSeriesReader.ReadVolume(Directory.GetFiles(output, "*.dcm"));
        var labels = NrrdLabelMap.Read(Path.Combine(output, "labels.nrrd"));
        Assert.Equal(series.Geometry.SizeK, labels.Geometry.SizeK);
        Assert.True(series.Geometry.Origin.DistanceTo(labels.Geometry.Origin) < 1e-4);
        Assert.Equal(series.Geometry.SpacingK, labels.Geometry.SpacingK, 4);

        // The DICOM SEG carries the same labels on the same grid.
        var seg = Seldinger.Imaging.Segmentation.DicomSegReader.Read(Path.Combine(output, "segmentation", "labels-seg.dcm"), series.Geometry);
        Assert.Equal(labels.Voxels, seg.Labels.Voxels);
    }

    [Fact]
    public void Demo_NoServe_ImportsPlansAndIsIdempotent()
    {
        var data = Path.Combine(_dir.Path, "data");
        var (code, stdout, stderr) = CliRunner.Run("demo", "--no-serve", "--data", data);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains($"Data directory: {data}", stdout, StringComparison.Ordinal);
        Assert.Contains("Plan: safe", stdout, StringComparison.Ordinal);
        Assert.Contains("/cases/", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "seldinger.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "images"), "*.dcm", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(data, "incoming")) && Directory.EnumerateFileSystemEntries(Path.Combine(data, "incoming")).Any());

        var second = CliRunner.Run("demo", "--no-serve", "--data", data);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already in the store", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_StaleSchema_RefusesWithoutMigrate()
    {
        var data = Path.Combine(_dir.Path, "empty");
        Directory.CreateDirectory(data);
        var (code, _, stderr) = CliRunner.Run("serve", "--data", data, "--port", "5999");
        Assert.Equal(1, code);
        Assert.Contains("db migrate", stderr, StringComparison.Ordinal);
    }
}
