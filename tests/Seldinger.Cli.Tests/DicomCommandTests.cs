using System.Text.Json;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

public sealed class DicomCommandTests : IDisposable
{
    private const string CtSmall = "/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm";
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void Dump_CtSmall_PrintsElementsWithKeywords()
    {
        Require.File(CtSmall, "./test installs python3-pydicom.");
        var (code, stdout, stderr) = CliRunner.Run("dicom", "dump", CtSmall);
        Assert.True(code == 0, stderr);
        Assert.Contains("(0010,0010)", stdout, StringComparison.Ordinal);
        Assert.Contains("PatientName", stdout, StringComparison.Ordinal);
        Assert.Contains("(7FE0,0010)", stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void DumpJson_CtSmall_IsDicomJsonModel()
    {
        Require.File(CtSmall, "./test installs python3-pydicom.");
        var (code, stdout, stderr) = CliRunner.Run("dicom", "dump", CtSmall, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("PN", root.GetProperty("00100010").GetProperty("vr").GetString());
        Assert.Equal(128, root.GetProperty("00280010").GetProperty("Value")[0].GetInt32());
    }

    [SkippableFact]
    public void Dump_TruncatedFile_OneLineErrorWithFileAndOffset()
    {
        Require.File(CtSmall, "./test installs python3-pydicom.");
        var bytes = File.ReadAllBytes(CtSmall);
        var path = Path.Combine(_dir.Path, "cut.dcm");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var (code, stdout, stderr) = CliRunner.Run("dicom", "dump", path);
        Assert.NotEqual(0, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cut.dcm", line, StringComparison.Ordinal);
        Assert.Contains("byte", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Dump_TextFile_OneLineErrorAndNonZeroExit()
    {
        var path = Path.Combine(_dir.Path, "notes.txt");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("not a DICOM file at all\n", 20)));
        var (code, _, stderr) = CliRunner.Run("dicom", "dump", path);
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("notes.txt", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_MissingFile_ExitOneNamingIt()
    {
        var (code, _, stderr) = CliRunner.Run("dicom", "dump", "/nonexistent/x.dcm");
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/x.dcm", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("dicom", "dump")]
    [InlineData("phantom", "--out", "x", "--seed", "many")]
    [InlineData("demo", "--colour", "blue")]
    [InlineData("serve", "--host", "0.0.0.0")]
    public void BadCommandLine_ExitTwoWithUsageHint(params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("seldinger", stderr, StringComparison.Ordinal);
    }
}
