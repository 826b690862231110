using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;

namespace Seldinger.Server.Tests;

/// <summary>The HTTP API against a real database; run once per provider (see the subclasses).</summary>
public abstract class CaseApiTests(SeldingerAppFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpClient Client()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        return fixture.CreateClientAs(StaffRole.IrPhysician);
    }

    [SkippableFact]
    public async Task ListCases_AfterDemo_ContainsDemoCaseWithSafePlan()
    {
        var cases = await Client().GetFromJsonAsync<List<CaseSummaryDto>>("/api/cases", Json);
        var demo = Assert.Single(cases!, c => c.Id == fixture.DemoCaseId);
        Assert.True(demo.HasPlan);
        Assert.True(demo.PlanIsSafe);
        Assert.Equal("CT-guided liver biopsy", demo.Procedure);
    }

    [SkippableFact]
    public async Task GetCase_Demo_GeometryTargetAndPlanAgree()
    {
        var detail = await Client().GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.DemoCaseId}", Json);
        Assert.NotNull(detail!.Series);
        Assert.NotNull(detail.Plan);
        var s = detail.Series!;
        Assert.True(s.Slices > 10);
        Assert.Equal(9, s.Direction.Length);
        var plan = detail.Plan!;
        Assert.Equal(detail.Target, plan.Target);
        var length = Math.Sqrt(Math.Pow(plan.Entry.X - plan.Target.X, 2) + Math.Pow(plan.Entry.Y - plan.Target.Y, 2) + Math.Pow(plan.Entry.Z - plan.Target.Z, 2));
        Assert.Equal(length, plan.LengthMm, 6);
        Assert.Contains(plan.Clearances, c => c.Structure.Contains("essel", StringComparison.Ordinal));
        Assert.All(plan.Clearances, c => Assert.False(c.Crossed));
        Assert.All(plan.Clearances, c => Assert.True(c.MinimumDistanceMm >= c.RequiredMm));
        Assert.True(plan.CandidatesConsidered > 100);
    }

    [SkippableFact]
    public async Task SlicePng_EachPreset_ReturnsPngOfSeriesSize()
    {
        var client = Client();
        var detail = await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.DemoCaseId}", Json);
        var s = detail!.Series!;
        var images = new List<byte[]>();
        foreach (var preset in new[] { "soft", "bone", "lung" })
        {
            var response = await client.GetAsync($"/api/series/{s.SeriesInstanceUid}/slices/{s.Slices / 2}.png?preset={preset}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            var png = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Equal(s.Columns, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(s.Rows, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
            images.Add(png);
        }

        Assert.NotEqual(images[0], images[1]);
        Assert.NotEqual(images[1], images[2]);
    }

    [SkippableTheory]
    [InlineData("/api/cases/00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound)]
    [InlineData("/api/cases/00000000-0000-0000-0000-000000000001/plan", HttpStatusCode.NotFound)]
    [InlineData("/api/series/1.2.3.4/slices/0.png", HttpStatusCode.NotFound)]
    [InlineData("/api/series/1.2.3.4", HttpStatusCode.NotFound)]
    public async Task Get_UnknownIds_ProblemDetails404(string url, HttpStatusCode expected)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [SkippableTheory]
    [InlineData("slices/99999.png")]
    [InlineData("slices/-1.png")]
    [InlineData("slices/0.png?preset=rainbow")]
    [InlineData("slices/0.png?center=40")]
    [InlineData("slices/0.png?center=40&width=0")]
    public async Task SlicePng_BadParameters_ProblemDetails400(string suffix)
    {
        var client = Client();
        var detail = await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.DemoCaseId}", Json);
        var response = await client.GetAsync($"/api/series/{detail!.Series!.SeriesInstanceUid}/{suffix}");
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [SkippableFact]
    public async Task PostPlan_ManualEntryThroughAVessel_StoredAsUnsafeManualPlan()
    {
        var client = Client();
        var detail = await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.DemoCaseId}", Json);
        var t = detail!.Target!;
        // Straight in from the front of the body: crosses bowel or vessels on the way in.
        var entry = new PointDto(t.X + 60, t.Y - 80, t.Z);
        var response = await client.PostAsJsonAsync($"/api/cases/{fixture.DemoCaseId}/plan", new PlanRequest(entry, null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<PlanDto>(Json);
        Assert.Equal("manual", plan!.Method);
        Assert.Equal(entry, plan.Entry);
        Assert.Equal(0, plan.CandidatesConsidered);
        Assert.Equal(plan.Clearances.All(c => !c.Crossed && !c.ViolatesMargin), plan.IsSafe);

        // And the automatic plan can be made again afterwards.
        var auto = await client.PostAsync($"/api/cases/{fixture.DemoCaseId}/plan", null);
        Assert.Equal(HttpStatusCode.OK, auto.StatusCode);
        var latest = await client.GetFromJsonAsync<PlanDto>($"/api/cases/{fixture.DemoCaseId}/plan", Json);
        Assert.Equal("automatic", latest!.Method);
        Assert.True(latest.IsSafe);
    }

    [SkippableTheory]
    [InlineData("""{"target":{"x":1,"y":2,"z":3}}""")]
    [InlineData("""{"entry":{"x":"a","y":2,"z":3}}""")]
    [InlineData("""{"entry":""")]
    public async Task PostPlan_InvalidBody_ProblemDetails400(string body)
    {
        var client = Client();
        var response = await client.PostAsync($"/api/cases/{fixture.DemoCaseId}/plan",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task Metadata_DemoSeries_OneDicomJsonObjectPerSliceInVolumeOrder()
    {
        var client = Client();
        var detail = await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.DemoCaseId}", Json);
        var s = detail!.Series!;
        var response = await client.GetAsync($"/api/series/{s.SeriesInstanceUid}/metadata");
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType!.MediaType);
        var instances = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(s.Slices, instances.Count);
        Assert.All(instances, i => Assert.Equal(s.SeriesInstanceUid, i.GetProperty("0020000E").GetProperty("Value")[0].GetString()));
        Assert.All(instances, i => Assert.False(i.TryGetProperty("7FE00010", out _)));
        var z = instances.Select(i => i.GetProperty("00200032").GetProperty("Value")[2].GetDouble()).ToList();
        Assert.Equal(z.Order().ToList(), z);
    }

    [SkippableFact]
    public async Task Segmentation_DemoSeries_SegReadsBackToTheStoredLabels()
    {
        var client = Client();
        var detail = await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.DemoCaseId}", Json);
        var uid = detail!.Series!.SeriesInstanceUid;
        foreach (var type in new[] { "binary", "labelmap" })
        {
            var response = await client.GetAsync($"/api/series/{uid}/segmentation.dcm?type={type}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/dicom", response.Content.Headers.ContentType!.MediaType);
            var seg = Seldinger.Dicom.DicomFile.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            await using var scope = fixture.Factory!.Services.CreateAsyncScope();
            var labels = await scope.ServiceProvider.GetRequiredService<VolumeCache>().GetLabelsAsync(uid, CancellationToken.None);
            var read = Seldinger.Imaging.Segmentation.DicomSegReader.Read(seg.Dataset, labels!.Geometry);
            Assert.Equal(labels.Voxels, read.Labels.Voxels);
            Assert.Equal(uid, read.ReferencedSeriesInstanceUid);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/series/{uid}/segmentation.dcm?type=mesh")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/series/1.2.3/segmentation.dcm")).StatusCode);
    }

    [SkippableFact]
    public async Task OpenApi_Document_ListsTheEndpoints()
    {
        var doc = await Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/cases", paths);
        Assert.Contains("/api/cases/{id}", paths);
        Assert.Contains("/api/cases/{id}/plan", paths);
        Assert.Contains("/api/series/{uid}/slices/{n}.png", paths);
    }

    [SkippableFact]
    public async Task Pages_CaseListAndCasePage_RenderThePlan()
    {
        var client = Client();
        var list = await client.GetStringAsync("/");
        Assert.Contains($"/cases/{fixture.DemoCaseId}", list, StringComparison.Ordinal);
        var page = await client.GetStringAsync($"/cases/{fixture.DemoCaseId}");
        Assert.Contains("data-case-viewer", page, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"length\"", page, StringComparison.Ordinal);
        var script = await client.GetAsync("/js/viewer.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class SqliteCaseApiTests(SqliteAppFixture fixture) : CaseApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresCaseApiTests(PostgresAppFixture fixture) : CaseApiTests(fixture), IClassFixture<PostgresAppFixture>;
