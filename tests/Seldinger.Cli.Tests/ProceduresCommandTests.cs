using System.Text.Json;
using System.Text.Json.Nodes;
using Seldinger.Planning;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

/// <summary>
/// <c>seldinger procedures</c>: one line per procedure of the catalogue, <c>--json</c> the same document as
/// <c>GET /api/procedures</c> (both equal the library's serialization, which the API tests check too), and
/// <c>--catalogue</c> reads a clinician's file or reports why it is invalid.
/// </summary>
public sealed class ProceduresCommandTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Table_OneLinePerProcedureInFileOrder()
    {
        var (code, stdout, stderr) = CliRunner.Run("procedures");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var procedures = ProcedureCatalogue.Default.Procedures;
        Assert.Equal(procedures.Count + 1, lines.Length);
        for (var i = 0; i < procedures.Count; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var p = procedures[i];
            Assert.Equal(p.Id, fields[0]);
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(p.Route.ToString()), fields[1]);
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(p.BleedingRisk.Class.ToString()), fields[2]);
            Assert.Equal(string.Join(",", p.Targets), fields[4]);
        }

        Assert.StartsWith($"{procedures.Count} procedures (catalogue version 1)", lines[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("biopsy-deep ", StringComparison.Ordinal) && l.Contains(" high ", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_EqualsTheLibrarySerializationOfTheDefaultCatalogue()
    {
        var (code, stdout, stderr) = CliRunner.Run("procedures", "--json");
        Assert.True(code == 0, stderr);
        var actual = JsonNode.Parse(stdout)!;
        var expected = JsonSerializer.SerializeToNode(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions);
        Assert.True(JsonNode.DeepEquals(expected, actual), "CLI JSON differs from the catalogue");
        Assert.Equal(ProcedureCatalogue.Default.Procedures.Count, actual["procedures"]!.AsArray().Count);
        Assert.Equal("vascular", actual["procedures"]![0]!["route"]!.GetValue<string>());
    }

    [Fact]
    public void Catalogue_OwnFile_ListsItsProcedures()
    {
        var root = JsonSerializer.SerializeToNode(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions)!;
        var list = root["procedures"]!.AsArray();
        var keep = list.Where(p => p!["id"]!.GetValue<string>() is "picc" or "gastrostomy").Select(p => p!.DeepClone()).ToList();
        list.Clear();
        keep.ForEach(list.Add);
        var path = Path.Combine(_dir.Path, "local.json");
        File.WriteAllText(path, root.ToJsonString());
        var (code, stdout, stderr) = CliRunner.Run("procedures", "--json", "--catalogue", path);
        Assert.True(code == 0, stderr);
        var ids = JsonNode.Parse(stdout)!["procedures"]!.AsArray().Select(p => p!["id"]!.GetValue<string>());
        Assert.Equal(["picc", "gastrostomy"], ids);
    }

    [Fact]
    public void Catalogue_InvalidFile_ExitCode1WithTheEntryAndField()
    {
        var root = JsonSerializer.SerializeToNode(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions)!;
        root["procedures"]![3]!["protect"]![0]!["minimumClearanceMm"] = -2;
        var path = Path.Combine(_dir.Path, "broken.json");
        File.WriteAllText(path, root.ToJsonString());
        var (code, stdout, stderr) = CliRunner.Run("procedures", "--catalogue", path);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        var id = ProcedureCatalogue.Default.Procedures[3].Id;
        Assert.Contains($"seldinger: broken.json: procedure '{id}': protect[0].minimumClearanceMm (-2) is negative", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_MissingFile_ExitCode1()
    {
        var (code, _, stderr) = CliRunner.Run("procedures", "--catalogue", Path.Combine(_dir.Path, "absent.json"));
        Assert.Equal(1, code);
        Assert.Contains("absent.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsTheCommand()
    {
        var (code, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("procedures [--json] [--catalogue FILE]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_UsageError()
    {
        var (code, _, stderr) = CliRunner.Run("procedures", "--xml");
        Assert.Equal(2, code);
        Assert.Contains("--xml", stderr, StringComparison.Ordinal);
    }
}
