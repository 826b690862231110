using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seldinger.Clinical.Security;
using Seldinger.Planning;
using Seldinger.Server.Endpoints;
using Seldinger.Server.Tests.Security;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// /api/procedures returns the catalogue exactly as the library serializes it (the CLI's <c>--json</c> is checked
/// against the same serialization), one entry by id, 404 for unknown ids, and a clinician's file when configured.
/// </summary>
public sealed class ProcedureApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>, IDisposable
{
    private readonly TemporaryDirectory _dir = new("seldinger-procedures");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task List_EqualsTheCatalogueSerialization()
    {
        var response = await fixture.CreateClientAs(StaffRole.IrPhysician).GetAsync("/api/procedures");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var expected = JsonSerializer.SerializeToNode(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions);
        Assert.True(JsonNode.DeepEquals(expected, actual), "API JSON differs from the catalogue");
        // Enums travel as their names, the way the catalogue file spells them.
        var biopsy = actual["procedures"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "biopsy-deep")!;
        Assert.Equal("high", biopsy["bleedingRisk"]!["class"]!.GetValue<string>());
        Assert.Equal("needle", biopsy["route"]!.GetValue<string>());
        Assert.Equal("Lesion", biopsy["targets"]![0]!.GetValue<string>());
        Assert.Equal("Vessel", biopsy["protect"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetById_EveryProcedure_EqualsItsEntry()
    {
        var client = fixture.CreateClientAs(StaffRole.IrPhysician);
        foreach (var p in ProcedureCatalogue.Default.Procedures)
        {
            var response = await client.GetAsync($"/api/procedures/{p.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(p, ProcedureCatalogue.JsonOptions), actual), p.Id);
        }
    }

    [Fact]
    public async Task GetById_Unknown_ProblemListingValidIds()
    {
        var response = await fixture.CreateClientAs(StaffRole.IrPhysician).GetAsync("/api/procedures/heart-transplant");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Procedure not found", problem["title"]!.GetValue<string>());
        Assert.Contains("'heart-transplant'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("biopsy-deep", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredFile_ServedInsteadOfTheDefault_AndInvalidFileIsAProblem()
    {
        var root = JsonSerializer.SerializeToNode(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions)!;
        var list = root["procedures"]!.AsArray();
        var port = list.Single(p => p!["id"]!.GetValue<string>() == "port")!.DeepClone();
        list.Clear();
        list.Add(port);
        var path = Path.Combine(_dir.Path, "local.json");
        await File.WriteAllTextAsync(path, root.ToJsonString());
        using var factory = fixture.Factory!.WithWebHostBuilder(b => b.UseSetting(ProcedureEndpoints.CatalogueSetting, path));
        var client = factory.CreateClientAs(StaffRole.IrPhysician);
        var served = JsonNode.Parse(await client.GetStringAsync("/api/procedures"))!;
        Assert.Equal(["port"], served["procedures"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/procedures/picc")).StatusCode);

        // The file is read on each request: a broken edit shows as a problem naming the field.
        root["procedures"]![0]!["targets"]![0] = "Gallbladder";
        await File.WriteAllTextAsync(path, root.ToJsonString());
        var response = await client.GetAsync("/api/procedures/port");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Procedure catalogue invalid", problem["title"]!.GetValue<string>());
        Assert.Contains("local.json: procedure 'port': targets[0]: unknown tissue label \"Gallbladder\"", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheProcedureEndpoints()
    {
        var doc = JsonNode.Parse(await fixture.Factory!.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        Assert.Contains("The procedure catalogue", paths["/api/procedures"]!["get"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("One procedure", paths["/api/procedures/{id}"]!["get"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
