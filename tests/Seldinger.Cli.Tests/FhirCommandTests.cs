using System.Text.Json;

namespace Seldinger.Cli.Tests;

public sealed class FhirCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "seldinger-fhir-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void CodeSystem_Out_WritesTheIrGradeCodeSystem()
    {
        var file = Path.Combine(_dir, "cs.json");
        var (code, _, stderr) = CliRunner.Run("fhir", "codesystem", "--out", file);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("CodeSystem", json.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("urn:seldinger:fhir:CodeSystem:ir-adverse-event-grade", json.RootElement.GetProperty("url").GetString());
        Assert.Equal(11, json.RootElement.GetProperty("concept").GetArrayLength());
    }

    [Fact]
    public void Export_UnknownEpisode_ExitCode3AndOneLine()
    {
        var data = Path.Combine(_dir, "data");
        var (migrated, _, migrateErr) = CliRunner.Run("db", "migrate", "--data", data, "--db", "sqlite");
        Assert.True(migrated == 0, migrateErr);
        var id = Guid.NewGuid();
        var (code, stdout, stderr) = CliRunner.Run("fhir", "export", "--episode", id.ToString(), "--data", data, "--db", "sqlite");
        Assert.Equal(3, code);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(id.ToString(), line, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_EpisodeNotAGuid_UsageExitCode2()
    {
        var (code, _, stderr) = CliRunner.Run("fhir", "export", "--episode", "abc");
        Assert.Equal(2, code);
        Assert.Contains("--episode", stderr, StringComparison.Ordinal);
    }
}
