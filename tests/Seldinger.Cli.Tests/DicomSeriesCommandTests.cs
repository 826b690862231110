using System.Text.Json;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

public sealed class DicomSeriesCommandTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Json_PhantomFolderWithSegAndNoise_GeometryOfTheCtAndSkippedFilesListed()
    {
        var output = Path.Combine(_dir.Path, "phantom");
        Assert.Equal(0, CliRunner.Run("phantom", "--out", output, "--seed", "2").ExitCode);
        File.WriteAllText(Path.Combine(output, "README.txt"), "not DICOM");

        var (code, stdout, stderr) = CliRunner.Run("dicom", "series", output, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("CT", root.GetProperty("modality").GetString());
        Assert.Equal([256, 256, 72], root.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(2.5, root.GetProperty("spacing")[2].GetDouble(), 6);
        Assert.Contains(root.GetProperty("skipped").EnumerateArray(), s => s.ToString().Contains("README.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_SliceMissing_ExitOneSayingWhichGap()
    {
        var output = Path.Combine(_dir.Path, "gap");
        Assert.Equal(0, CliRunner.Run("phantom", "--out", output).ExitCode);
        File.Delete(Path.Combine(output, "CT0010.dcm"));
        Directory.Delete(Path.Combine(output, "segmentation"), recursive: true);
        var (code, _, stderr) = CliRunner.Run("dicom", "series", output);
        Assert.Equal(1, code);
        Assert.Contains("missing", stderr, StringComparison.Ordinal);
        Assert.Contains("CT0009.dcm", stderr, StringComparison.Ordinal);
    }
}
