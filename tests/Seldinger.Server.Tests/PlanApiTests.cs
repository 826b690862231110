using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Tests.Rendering;
using Seldinger.Planning;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Server.Endpoints;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Storage.Entities;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// Library cases and stored procedure plans through the HTTP API: create, plan, list, get, re-run, export, screenshot,
/// and the 400/404/422 answers. Checked against the phantom's construction (target, landmarks, labels) and the catalogue.
/// </summary>
public sealed class PlanApiTests(LibraryCaseAppFixture fixture) : IClassFixture<LibraryCaseAppFixture>
{
    private static readonly Lazy<WholeBodyPhantomResult> Phantom = new(() => WholeBodyPhantom.Generate(new WholeBodyPhantomOptions
    {
        Case = LibraryCaseAppFixture.CaseName,
        AgeYears = LibraryCaseAppFixture.AgeYears,
        Size = LibraryCaseAppFixture.Size,
    }));

    private HttpClient Client() => fixture.Factory.CreateClientAs(StaffRole.IrPhysician);

    [Fact]
    public async Task ListLibraryCases_EveryPhantomCase_WithTheCatalogueProceduresThatNameIt()
    {
        var cases = await Client().GetFromJsonAsync<List<LibraryCaseDto>>("/api/library-cases", LibraryCaseAppFixture.Json);
        Assert.Equal(PhantomCatalogue.Cases.Select(c => c.Name), cases!.Select(c => c.Name));
        foreach (var c in cases!)
        {
            var expected = ProcedureCatalogue.Default.Procedures.Where(p => p.PhantomCases.Contains(c.Name)).Select(p => p.Id);
            Assert.Equal(expected, c.Procedures);
        }

        Assert.Contains("biopsy-deep", cases!.Single(c => c.Name == "liver-tumor").Procedures);
        Assert.Contains("pleural-drain", cases!.Single(c => c.Name == "pleural-effusion").Procedures);
    }

    [Fact]
    public async Task CreateLibraryCase_StoresTargetLandmarksWeightAndSeriesOfThePhantom()
    {
        var created = fixture.Created;
        var phantom = Phantom.Value;
        Assert.Equal($"/api/cases/{created.CaseId}", fixture.CreatedLocation);
        Assert.Equal(phantom.Target.Center.X, created.Target.X, 6);
        Assert.Equal(phantom.Target.Center.Y, created.Target.Y, 6);
        Assert.Equal(phantom.Target.Center.Z, created.Target.Z, 6);
        Assert.Equal(phantom.Landmarks.Count, created.Landmarks);
        Assert.Equal(Math.Round(phantom.BodySizes["weightKg"], 1), created.WeightKg);
        Assert.Equal(phantom.Hounsfield.Geometry.SizeK, created.Slices);
        Assert.Contains("biopsy-deep", created.Procedures);

        var detail = await Client().GetFromJsonAsync<CaseDetailDto>($"/api/cases/{created.CaseId}", LibraryCaseAppFixture.Json);
        Assert.Equal(created.SeriesInstanceUid, detail!.Series!.SeriesInstanceUid);
        Assert.Equal(LibraryCaseAppFixture.Size, detail.Series.Columns);
        Assert.Equal(LibraryCaseAppFixture.AgeYears, detail.AgeYears);

        // The stored landmarks are the phantom's, names, points and diameters.
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SeldingerDbContext>();
        var stored = Services.LibraryCaseService.LandmarksOf(await db.Cases.FindAsync(created.CaseId) ?? throw new InvalidOperationException());
        Assert.Equal(PlanningInput.LandmarksOf(phantom), stored);
        Assert.Equal("liver-tumor", (await db.Cases.FindAsync(created.CaseId))!.LibraryCase);
    }

    [Fact]
    public async Task CaseProcedures_ExactlyThoseWhoseTargetsAreInTheLabels_SuggestedFromTheLibraryCase()
    {
        var procedures = await Client().GetFromJsonAsync<List<CaseProcedureDto>>(
            $"/api/cases/{fixture.Created.CaseId}/procedures", LibraryCaseAppFixture.Json);
        var present = Phantom.Value.Labels.Voxels.Distinct().ToHashSet();
        var expected = ProcedureCatalogue.Default.Procedures.Where(p => p.Targets.Any(t => present.Contains((byte)t))).Select(p => p.Id).ToList();
        Assert.Equal(expected, procedures!.Select(p => p.Id));
        Assert.True(procedures!.Single(p => p.Id == "biopsy-deep").Suggested);
        Assert.Equal("needle", procedures!.Single(p => p.Id == "biopsy-deep").Planner);
        Assert.DoesNotContain(procedures!, p => p.Id == "pleural-drain");
        Assert.All(procedures!.Where(p => p.Suggested), p => Assert.Contains(LibraryCaseAppFixture.CaseName, ProcedureCatalogue.Default.Find(p.Id)!.PhantomCases));
    }

    [Fact]
    public async Task PlanBiopsy_StoredListedRerunIdenticalExportedAndDrawn()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync($"/api/cases/{fixture.Created.CaseId}/plans", new { procedureId = "biopsy-deep" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = (await response.Content.ReadFromJsonAsync<StoredPlanDto>(LibraryCaseAppFixture.Json))!;
        Assert.Equal($"/api/plans/{stored.Id}", response.Headers.Location!.ToString());
        var plan = stored.Plan!;
        Assert.True(stored.Feasible);
        Assert.Equal("biopsy-deep", plan.ProcedureId);
        Assert.Equal(ProcedureCatalogue.Default.Digest, stored.CatalogueDigest);
        Assert.Equal(64, stored.LabelsDigest.Length);
        var route = plan.Routes[0];
        Assert.True(route.IsSafe);
        Assert.Equal("needle", route.Kind);
        // The needle ends at the case's target (the phantom's lesion centre) unless the planner moved it inside the lesion.
        Assert.Equal(fixture.Created.Target.X, stored.Inputs.Target!.Value.X, 6);
        Assert.True(route.Tip.DistanceTo(Phantom.Value.Target.Center) <= Phantom.Value.Target.SizeMm / 2);

        // The case list and the case now say so.
        var summary = (await client.GetFromJsonAsync<List<CaseSummaryDto>>("/api/cases", LibraryCaseAppFixture.Json))!.Single(c => c.Id == fixture.Created.CaseId);
        Assert.True(summary.HasPlan);
        Assert.True(summary.PlanIsSafe);
        Assert.Equal("planned", summary.Status);

        // Listed newest first, without the body.
        var second = await client.PostAsJsonAsync($"/api/cases/{fixture.Created.CaseId}/plans", new { procedureId = "biopsy-deep" });
        var secondId = (await second.Content.ReadFromJsonAsync<StoredPlanDto>(LibraryCaseAppFixture.Json))!.Id;
        var list = await client.GetFromJsonAsync<JsonArray>($"/api/cases/{fixture.Created.CaseId}/plans");
        var ids = list!.Select(p => p!["id"]!.GetValue<Guid>()).ToList();
        Assert.True(ids.IndexOf(secondId) < ids.IndexOf(stored.Id));
        Assert.All(list!, p => Assert.Null(p!["plan"]));
        Assert.All(list!, p => Assert.NotNull(p!["feasible"]));

        // GET returns what POST stored.
        var fetched = await client.GetFromJsonAsync<JsonNode>($"/api/plans/{stored.Id}");
        var postedJson = JsonNode.Parse(plan.ToJson());
        Assert.True(JsonNode.DeepEquals(postedJson, fetched!["plan"]));

        // Re-run: same inputs, same catalogue, same labels, same plan.
        var rerun = await client.PostAsync($"/api/plans/{stored.Id}/rerun", null);
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        var rerunBody = (await rerun.Content.ReadFromJsonAsync<PlanRerunDto>(LibraryCaseAppFixture.Json))!;
        Assert.True(rerunBody.Identical, string.Join(" | ", rerunBody.Differences));
        Assert.Empty(rerunBody.Differences);
        Assert.Equal(plan.ToJson(), rerunBody.Plan.ToJson());

        // Export: the stored plan, as a file.
        var export = await client.GetAsync($"/api/plans/{stored.Id}/export.json");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal($"plan-{stored.Id}.json", export.Content.Headers.ContentDisposition!.FileName);
        var exported = ProcedurePlan.FromJson(await export.Content.ReadAsStringAsync());
        Assert.Equal(plan.ToJson(), exported.ToJson());

        // Screenshot: a PNG of the requested size with the route drawn (safe: yellow) across it.
        foreach (var size in new[] { 512, 200 })
        {
            var shot = await client.GetAsync($"/api/plans/{stored.Id}/screenshot.png" + (size == 512 ? "" : $"?size={size}"));
            Assert.Equal(HttpStatusCode.OK, shot.StatusCode);
            Assert.Equal("image/png", shot.Content.Headers.ContentType!.MediaType);
            var png = await shot.Content.ReadAsByteArrayAsync();
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
            var image = PngTestDecoder.Decode(png);
            var yellow = 0;
            for (var n = 0; n < size * size; n++)
            {
                if (image.Pixels[4 * n] == 0xFF && image.Pixels[(4 * n) + 1] == 0xD7 && image.Pixels[(4 * n) + 2] == 0x00)
                {
                    yellow++;
                }
            }

            // The route spans 1/1.6 of the picture (or less for a short path) and is at least 2 pixels wide.
            Assert.True(yellow > size / 4, $"{yellow} route pixels in a {size}² picture");
        }
    }

    [Fact]
    public async Task Rerun_UnderAnEditedCatalogue_ReportsTheCatalogueChanged()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync($"/api/cases/{fixture.Created.CaseId}/plans", new { procedureId = "biopsy-deep" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = (await response.Content.ReadFromJsonAsync<StoredPlanDto>(LibraryCaseAppFixture.Json))!;

        using var dir = new TemporaryDirectory("seldinger-catalogue");
        var path = Path.Combine(dir.Path, "catalogue.json");
        // Same rules, different text: the digest changes, the plan does not.
        var text = ProcedureCatalogueText();
        File.WriteAllText(path, text + "\n\n");
        await using var edited = fixture.WithSettings(new Dictionary<string, string?> { [ProcedureEndpoints.CatalogueSetting] = path });
        var rerun = await edited.CreateClientAs(StaffRole.IrPhysician).PostAsync($"/api/plans/{stored.Id}/rerun", null);
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        var body = (await rerun.Content.ReadFromJsonAsync<PlanRerunDto>(LibraryCaseAppFixture.Json))!;
        Assert.False(body.Identical);
        var only = Assert.Single(body.Differences);
        Assert.Contains("catalogue changed", only, StringComparison.Ordinal);
        Assert.Equal(ProcedureCatalogue.DigestOf(text + "\n\n"), body.Plan.CatalogueDigest);
    }

    [Fact]
    public async Task Screenshot_PlanWithoutNeedleRoute_AxialSliceThroughTheTargetWithItsMarks()
    {
        var client = Client();
        var created = await client.PostAsJsonAsync("/api/library-cases", new { @case = "vesicles", ageYears = 5, size = 64 });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var libraryCase = (await created.Content.ReadFromJsonAsync<LibraryCaseCreatedDto>(LibraryCaseAppFixture.Json))!;
        var response = await client.PostAsJsonAsync($"/api/cases/{libraryCase.CaseId}/plans", new { procedureId = "laser-photoevaporation" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = (await response.Content.ReadFromJsonAsync<StoredPlanDto>(LibraryCaseAppFixture.Json))!;
        Assert.DoesNotContain(stored.Plan!.Routes, r => r.Kind == "needle");
        var target = stored.Plan.Target!.Value;

        var detail = await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{libraryCase.CaseId}", LibraryCaseAppFixture.Json);
        var series = detail!.Series!;
        var shot = await client.GetAsync($"/api/plans/{stored.Id}/screenshot.png");
        Assert.Equal(HttpStatusCode.OK, shot.StatusCode);
        var image = PngTestDecoder.Decode(await shot.Content.ReadAsByteArrayAsync());
        // The axial slice at the series' own pixel size: one picture pixel per voxel column and row.
        Assert.Equal(series.Columns, image.Width);
        Assert.Equal(series.Rows, image.Height);

        // The target's magenta cross is centred on the target's column and row (axial series, identity direction).
        var column = (int)Math.Round((target.X - series.Origin[0]) / series.Spacing[0]);
        var row = (int)Math.Round((target.Y - series.Origin[1]) / series.Spacing[1]);
        var magenta = new List<(int X, int Y)>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var n = 4 * ((y * image.Width) + x);
                if (image.Pixels[n] == 0xFF && image.Pixels[n + 1] == 0x30 && image.Pixels[n + 2] == 0xFF)
                {
                    magenta.Add((x, y));
                }
            }
        }

        Assert.NotEmpty(magenta);
        Assert.All(magenta, p => Assert.True(Math.Abs(p.X - column) <= 8 && Math.Abs(p.Y - row) <= 8, $"{p} far from ({column}, {row})"));
        // Two 15-pixel strokes (less where the picture's edge or a later mark cuts them).
        Assert.True(magenta.Count >= 14, $"{magenta.Count} target pixels");
    }

    [Fact]
    public async Task Rerun_AfterTheLabelMapChanged_ReportsIt()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync($"/api/cases/{fixture.Created.CaseId}/plans", new { procedureId = "biopsy-deep" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = (await response.Content.ReadFromJsonAsync<StoredPlanDto>(LibraryCaseAppFixture.Json))!;

        string path;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SeldingerDbContext>();
            var series = await db.Series.FindAsync(stored.SeriesInstanceUid) ?? throw new InvalidOperationException();
            path = Path.Combine(fixture.Storage.ImageDirectory, series.LabelMapPath!);
        }

        var original = File.ReadAllBytes(path);
        try
        {
            // One background voxel in a corner, far from any route, becomes fat.
            var labels = Imaging.Formats.NrrdLabelMap.Read(path);
            Assert.Equal(0, labels.Voxels[0]);
            labels.Voxels[0] = (byte)Imaging.TissueLabel.Fat;
            Imaging.Formats.NrrdLabelMap.Write(labels, path);

            // A server that has not cached the old labels reads the changed file.
            await using var fresh = fixture.WithSettings(new Dictionary<string, string?>());
            var rerun = await fresh.CreateClientAs(StaffRole.IrPhysician).PostAsync($"/api/plans/{stored.Id}/rerun", null);
            Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
            var body = (await rerun.Content.ReadFromJsonAsync<PlanRerunDto>(LibraryCaseAppFixture.Json))!;
            Assert.False(body.Identical);
            Assert.Contains(body.Differences, d => d.Contains("label map of the series changed", StringComparison.Ordinal));
            Assert.DoesNotContain(body.Differences, d => d.Contains("catalogue", StringComparison.Ordinal));
        }
        finally
        {
            File.WriteAllBytes(path, original);
        }
    }

    [Theory]
    [InlineData("{}", "procedureId")]
    [InlineData("""{"procedureId":""}""", "procedureId")]
    [InlineData("""{"procedureId":"heart-transplant"}""", "procedureId")]
    [InlineData("""{"procedureId":"biopsy-deep","target":{"x":1,"y":2}}""", "target.z")]
    [InlineData("""{"procedureId":"biopsy-deep","manualEntry":{"y":1,"z":2}}""", "manualEntry.x")]
    [InlineData("""{"procedureId":"biopsy-deep","target":{"x":1e9,"y":0,"z":0}}""", "target.x")]
    [InlineData("""{"procedureId":"biopsy-deep","target":{"x":5000,"y":0,"z":0}}""", "target")]
    [InlineData("""{"procedureId":"biopsy-deep","target":{"x":"left","y":0,"z":0}}""", "$.target.x")]
    [InlineData("""{"procedureId":42}""", "$.procedureId")]
    public async Task Plan_BadPayload_400NamingTheField(string body, string field)
    {
        var response = await Client().PostAsync($"/api/cases/{fixture.Created.CaseId}/plans",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains(field, detail, StringComparison.Ordinal);
        if (!field.StartsWith('$'))
        {
            Assert.Equal(field, problem["field"]!.GetValue<string>());
        }

        if (body.Contains("heart-transplant", StringComparison.Ordinal))
        {
            // The valid ids are listed, every one of them.
            Assert.All(ProcedureCatalogue.Default.Procedures, p => Assert.Contains(p.Id, detail, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("{}", "case")]
    [InlineData("""{"case":"dragon-bite"}""", "case")]
    [InlineData("""{"case":"liver-tumor","ageYears":40}""", "ageYears")]
    [InlineData("""{"case":"liver-tumor","size":8}""", "size")]
    [InlineData("""{"case":"liver-tumor","size":4096}""", "size")]
    public async Task CreateLibraryCase_BadPayload_400NamingTheField(string body, string field)
    {
        var response = await Client().PostAsync("/api/library-cases", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.Contains(field, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_PlannerRefuses_422WithThePlannersMessage()
    {
        // A central line needs the cavo-atrial junction inside the image; the liver case's field of view stops below it.
        var catalogue = ProcedureCatalogue.Default;
        var expected = Assert.Throws<PlanningException>(() =>
            ProcedurePlanner.Plan(PlanningInput.FromPhantom(Phantom.Value, catalogue.Find("picc")!, catalogue)));
        var response = await Client().PostAsJsonAsync($"/api/cases/{fixture.Created.CaseId}/plans", new { procedureId = "picc" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Planning not possible", problem["title"]!.GetValue<string>());
        Assert.Equal(expected.Message.Split('(')[0], problem["detail"]!.GetValue<string>().Split('(')[0]);
    }

    [Fact]
    public async Task Plan_ProcedureForAnotherTissue_TheCaseTargetIsNotImposed()
    {
        // The case's target is the liver lesion; a pleural drain aims at an effusion, so the planner gets no target to
        // choose one itself, and says so (422) where the case has none.
        var response = await Client().PostAsJsonAsync($"/api/cases/{fixture.Created.CaseId}/plans", new { procedureId = "pleural-drain" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, body);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var stored = System.Text.Json.JsonSerializer.Deserialize<StoredPlanDto>(body, LibraryCaseAppFixture.Json)!;
            Assert.Null(stored.Inputs.Target);
            Assert.NotEqual(Phantom.Value.Target.Center, stored.Plan!.Target);
        }
    }

    [Fact]
    public async Task Plan_CaseWithoutSeries_422WithTheReason()
    {
        var id = Guid.NewGuid();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SeldingerDbContext>();
            db.Cases.Add(new PatientCase
            {
                Id = id,
                PatientId = "P-NOSERIES",
                PatientName = "TEST^No series",
                Procedure = "biopsy",
                Status = "new",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var response = await Client().PostAsJsonAsync($"/api/cases/{id}/plans", new { procedureId = "biopsy-deep" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Planning not possible", problem["title"]!.GetValue<string>());
        Assert.Contains("no planning series", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await Client().GetFromJsonAsync<JsonArray>($"/api/cases/{id}/plans"))!);
    }

    [Theory]
    [InlineData("GET", "/api/cases/00000000-0000-0000-0000-000000000001/plans")]
    [InlineData("GET", "/api/cases/00000000-0000-0000-0000-000000000001/procedures")]
    [InlineData("POST", "/api/cases/00000000-0000-0000-0000-000000000001/plans")]
    [InlineData("GET", "/api/plans/00000000-0000-0000-0000-000000000001")]
    [InlineData("POST", "/api/plans/00000000-0000-0000-0000-000000000001/rerun")]
    [InlineData("GET", "/api/plans/00000000-0000-0000-0000-000000000001/export.json")]
    [InlineData("GET", "/api/plans/00000000-0000-0000-0000-000000000001/screenshot.png")]
    [InlineData("GET", "/api/plans/00000000-0000-0000-0000-000000000001/export-sr.dcm")]
    [InlineData("GET", "/api/plans/00000000-0000-0000-0000-000000000001/export-seg.dcm")]
    public async Task UnknownIds_404ProblemDetails(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { procedureId = "biopsy-deep" });
        }

        var response = await Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ExportDicom_TheReportCarriesTheStoredRouteInTheSeriesFrameAndTheSegTheLabels()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync($"/api/cases/{fixture.Created.CaseId}/plans", new { procedureId = "biopsy-deep" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = (await response.Content.ReadFromJsonAsync<StoredPlanDto>(LibraryCaseAppFixture.Json))!;
        var route = stored.Plan!.Routes[0];

        var sr = await client.GetAsync($"/api/plans/{stored.Id}/export-sr.dcm");
        Assert.True(sr.StatusCode == HttpStatusCode.OK, await sr.Content.ReadAsStringAsync());
        Assert.Equal("application/dicom", sr.Content.Headers.ContentType!.MediaType);
        using var dir = new TemporaryDirectory();
        var srPath = Path.Combine(dir.Path, "plan-sr.dcm");
        await File.WriteAllBytesAsync(srPath, await sr.Content.ReadAsByteArrayAsync());
        var dataset = Seldinger.Dicom.DicomFile.Open(srPath).Dataset;
        var series = await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.Created.CaseId}", LibraryCaseAppFixture.Json);
        Assert.Equal(Seldinger.Planning.Exports.PlanStructuredReport.Comprehensive3DSRStorage, dataset.GetString(Seldinger.Dicom.DicomTags.SOPClassUID));
        Assert.Equal(series!.Series!.StudyInstanceUid, dataset.GetString(Seldinger.Dicom.DicomTags.StudyInstanceUID));
        var root = Seldinger.Dicom.StructuredReporting.SRDocument.ReadContentTree(dataset);
        var path = root.Find(Seldinger.Planning.Exports.PlanStructuredReport.PathConcept)!.Coordinates!;
        Assert.Equal(route.Entry.X, path.Points[0], 1e-3);
        Assert.Equal(route.Tip.Z, path.Points[5], 1e-3);

        var seg = await client.GetAsync($"/api/plans/{stored.Id}/export-seg.dcm");
        Assert.True(seg.StatusCode == HttpStatusCode.OK, await seg.Content.ReadAsStringAsync());
        var segPath = Path.Combine(dir.Path, "plan-seg.dcm");
        await File.WriteAllBytesAsync(segPath, await seg.Content.ReadAsByteArrayAsync());
        var segments = Seldinger.Dicom.DicomFile.Open(segPath).Dataset.GetSequence(Seldinger.Dicom.DicomTags.SegmentSequence);
        Assert.Contains(segments, item => item.GetString(Seldinger.Dicom.DicomTags.SegmentLabel) == "Lesion");
    }

    [Fact]
    public async Task OpenApi_DescribesEveryPlanEndpointWithASummary()
    {
        var document = await Client().GetFromJsonAsync<JsonNode>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();
        foreach (var (path, method) in new[]
        {
            ("/api/library-cases", "get"), ("/api/library-cases", "post"), ("/api/cases/{caseId}/procedures", "get"),
            ("/api/cases/{caseId}/plans", "post"), ("/api/cases/{caseId}/plans", "get"), ("/api/plans/{planId}", "get"),
            ("/api/plans/{planId}/rerun", "post"), ("/api/plans/{planId}/export.json", "get"), ("/api/plans/{planId}/screenshot.png", "get"),
            ("/api/plans/{planId}/export-sr.dcm", "get"), ("/api/plans/{planId}/export-seg.dcm", "get"),
        })
        {
            var summary = paths[path]?[method]?["summary"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(summary), $"{method.ToUpperInvariant()} {path}");
        }
    }

    private static string ProcedureCatalogueText()
    {
        using var stream = typeof(ProcedureCatalogue).Assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith("procedure-catalogue.json", StringComparison.Ordinal))
            .Select(n => typeof(ProcedureCatalogue).Assembly.GetManifestResourceStream(n)!).Single();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
