using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Tests.Rendering;
using Seldinger.Planning;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Ablation.Confirmation;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary>
/// Ablation plans through the HTTP API on a small liver-tumor library case: the stored plan and its summary, the zone
/// map equal to the library's zone for the same probes, the margin map against the label map, overlays checked pixel by
/// pixel against the maps under them, the glTF surfaces, re-runs, and the 400/404 answers.
/// </summary>
public abstract class AblationApiTests(AblationAppFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpClient Client()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        return fixture.CreateClientAs(StaffRole.IrPhysician);
    }

    [SkippableFact]
    public async Task Devices_ListsTheLibraryWithEnumsByNameAndTheDefaults()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        using var doc = JsonDocument.Parse(await Client().GetStringAsync("/api/ablation/devices"));
        var root = doc.RootElement;
        Assert.Equal(library.Version, root.GetProperty("version").GetInt32());
        var devices = root.GetProperty("devices");
        Assert.Equal(library.Devices.Select(d => d.Id), devices.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(library.Devices[0].Modality.ToString(), devices[0].GetProperty("modality").GetString());
        Assert.Equal(library.Devices[0].Settings[0].Zone.LengthMm, devices[0].GetProperty("settings")[0].GetProperty("zone").GetProperty("lengthMm").GetDouble());
        Assert.Equal(library.DefaultDeviceFor("rf-ablation").Id, root.GetProperty("defaults").GetProperty("rf-ablation").GetString());
        Assert.Equal(library.Sources.Count, root.GetProperty("sources").EnumerateObject().Count());
    }

    [SkippableFact]
    public async Task CreateAblationPlan_StoredPlanWithItsSummary_GetReturnsTheSame()
    {
        var client = Client();
        var (created, location) = (fixture.Plan, fixture.PlanLocation);
        Assert.Equal($"/api/plans/{created.Id}", location);
        var plan = created.Plan!;
        var a = plan.Ablation!;
        Assert.Equal("rf-ablation", plan.ProcedureId);
        Assert.Equal(AblationModality.Radiofrequency, AblationDeviceLibrary.LoadDefault().Device(a.DeviceId).Modality);
        Assert.NotEmpty(a.Probes);

        // One route per probe, entry to tip.
        Assert.Equal(a.Probes.Count, plan.Routes.Count);
        for (var n = 0; n < a.Probes.Count; n++)
        {
            Assert.Equal(a.Probes[n].Entry, plan.Routes[n].Entry);
            Assert.Equal(a.Probes[n].Tip, plan.Routes[n].Tip);
        }

        var stored = await client.GetFromJsonAsync<StoredPlanDto>(location, Json);
        Assert.Equal(plan.ToJson(), stored!.Plan!.ToJson());
        Assert.Equal(created.LabelsDigest, stored.LabelsDigest);
    }

    [SkippableFact]
    public async Task ZoneNrrd_IsTheLibrarysZoneForTheSameProbes()
    {
        var client = Client();
        var a = fixture.Plan.Plan!.Ablation!;
        var zone = NrrdLabelMap.Read(new MemoryStream(await client.GetByteArrayAsync($"/api/plans/{fixture.Plan.Id}/ablation/zone.nrrd")));
        var labels = await fixture.LabelsAsync();
        Assert.Equal(labels.Geometry, zone.Geometry);

        // The library evaluating the stored probes as the operator's on the same labels predicts the same lethal zone.
        var catalogue = ProcedureCatalogue.Default;
        var input = new PlanningInput { Labels = labels, Procedure = catalogue.Find("rf-ablation")!, Catalogue = catalogue };
        var expected = AblationPlanner.Plan(input, new AblationPlanOptions { ManualProbes = a.Probes, SettingId = a.SettingId, DeviceId = a.DeviceId }).Zone;
        var lethal = 0L;
        for (var n = 0; n < zone.Voxels.Length; n++)
        {
            Assert.Equal(expected.Lethal.Voxels[n] != 0, (zone.Voxels[n] & 1) != 0);
            lethal += zone.Voxels[n] & 1;
        }

        var g = zone.Geometry;
        Assert.Equal(a.ZoneVolumeMl, lethal * g.SpacingI * g.SpacingJ * g.SpacingK / 1000, 6);
    }

    [SkippableFact]
    public async Task MarginNrrd_NaNExactlyOutsideTheTumor_MinimumIsThePlansMinimalMargin()
    {
        var client = Client();
        var a = fixture.Plan.Plan!.Ablation!;
        var path = Path.Combine(Path.GetTempPath(), $"margin-{Guid.NewGuid():N}.nrrd");
        await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync($"/api/plans/{fixture.Plan.Id}/ablation/margin.nrrd"));
        try
        {
            var margin = NrrdFloatVolume.Read(path);
            var labels = await fixture.LabelsAsync();
            var minimum = double.PositiveInfinity;
            for (var n = 0; n < margin.Voxels.Length; n++)
            {
                Assert.Equal(labels.Voxels[n] != (byte)TissueLabel.Lesion, float.IsNaN(margin.Voxels[n]));
                if (!float.IsNaN(margin.Voxels[n]))
                {
                    minimum = Math.Min(minimum, margin.Voxels[n]);
                }
            }

            Assert.Equal(a.MinimalMarginMm, minimum, 4);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task Overlay_ZoneLayer_ResliceGridOrangeExactlyOnTheZone_NoneFarAway()
    {
        var client = Client();
        var zone = NrrdLabelMap.Read(new MemoryStream(await client.GetByteArrayAsync($"/api/plans/{fixture.Plan.Id}/ablation/zone.nrrd")));
        var g = zone.Geometry;
        var (kLo, kHi) = SliceRange(zone);
        var tumorSlice = (int)Math.Round(g.WorldToIndex(fixture.Plan.Plan!.Ablation!.MinimalMarginAt).K);
        var uid = fixture.Plan.SeriesInstanceUid;

        var response = await client.GetAsync($"/api/plans/{fixture.Plan.Id}/ablation/overlay/axial.png?index={tumorSlice}&layers=zone");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plane = JsonSerializer.Deserialize<ViewPlaneDto>(response.Headers.GetValues("X-Slice-Plane").Single(), Json)!;
        var png = PngTestDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        var reslice = PngTestDecoder.Decode(await client.GetByteArrayAsync($"/api/series/{uid}/reslice/axial.png?index={tumorSlice}"));
        Assert.Equal((reslice.Width, reslice.Height), (png.Width, png.Height));
        Assert.Contains("lethal zone", response.Headers.GetValues("X-Overlay-Legend").Single(), StringComparison.Ordinal);

        var orange = 0;
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                var voxel = g.WorldToIndex(PixelToWorld(plane, x, y)).Round();
                var inside = g.Contains(voxel) && (zone[voxel.I, voxel.J, voxel.K] & 1) != 0;
                var n = 4 * (x + (png.Width * y));
                Assert.Equal(inside, png.Pixels[n + 3] != 0);
                if (inside)
                {
                    // Orange: the translucent fill, or the solid outline.
                    Assert.Equal([0xFF, 0x8C, 0x00], png.Pixels[n..(n + 3)]);
                    Assert.True(png.Pixels[n + 3] is AblationOverlay.ZoneFillAlpha or 255);
                    orange++;
                }
            }
        }

        Assert.True(orange > 0);

        // A slice away from the zone is empty.
        var far = kLo > 0 ? 0 : g.SizeK - 1;
        Assert.True(far < kLo || far > kHi);
        var empty = PngTestDecoder.Decode(await client.GetByteArrayAsync($"/api/plans/{fixture.Plan.Id}/ablation/overlay/axial.png?index={far}&layers=zone,isotherms"));
        Assert.All(Enumerable.Range(0, empty.Width * empty.Height), n => Assert.Equal(0, empty.Pixels[(4 * n) + 3]));
    }

    [SkippableFact]
    public async Task Overlay_MarginLayer_EachTumorPixelHasTheColourOfItsMarginBand()
    {
        var client = Client();
        var labels = await fixture.LabelsAsync();
        var g = labels.Geometry;
        var path = Path.Combine(Path.GetTempPath(), $"margin-{Guid.NewGuid():N}.nrrd");
        await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync($"/api/plans/{fixture.Plan.Id}/ablation/margin.nrrd"));
        var margin = NrrdFloatVolume.Read(path);
        File.Delete(path);
        var k = (int)Math.Round(g.WorldToIndex(fixture.Plan.Plan!.Ablation!.MinimalMarginAt).K);
        var response = await client.GetAsync($"/api/plans/{fixture.Plan.Id}/ablation/overlay/axial.png?index={k}&layers=margin");
        var plane = JsonSerializer.Deserialize<ViewPlaneDto>(response.Headers.GetValues("X-Slice-Plane").Single(), Json)!;
        var legend = JsonSerializer.Deserialize<List<AblationLegendEntry>>(response.Headers.GetValues("X-Overlay-Legend").Single(), Json)!;
        Assert.Equal(["#ff0000", "#ff8c00", "#ffff00", "#00c000"], legend.Where(e => e.Layer == "margin").Select(e => e.Colour));
        var png = PngTestDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        var tumorPixels = 0;
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                var voxel = g.WorldToIndex(PixelToWorld(plane, x, y)).Round();
                var mm = g.Contains(voxel) ? margin[voxel.I, voxel.J, voxel.K] : float.NaN;
                var n = 4 * (x + (png.Width * y));
                if (float.IsNaN(mm))
                {
                    Assert.Equal(0, png.Pixels[n + 3]);
                    continue;
                }

                tumorPixels++;
                byte[] expected = mm < 0 ? [0xFF, 0, 0, 255] : mm < 5 ? [0xFF, 0x8C, 0, 255] : mm < 10 ? [0xFF, 0xFF, 0, 255] : [0, 0xC0, 0, 255];
                Assert.Equal(expected, png.Pixels[n..(n + 4)]);
            }
        }

        Assert.True(tumorPixels > 0);
    }

    [SkippableFact]
    public async Task Meshes_GlbParses_ZoneNodeInsideTheVolume()
    {
        var client = Client();
        var response = await client.GetAsync($"/api/plans/{fixture.Plan.Id}/ablation/meshes.glb");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var glb = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(0x46546C67u, BinaryPrimitives.ReadUInt32LittleEndian(glb));
        Assert.Equal((uint)glb.Length, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(8)));
        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(12));
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(glb, 20, jsonLength));
        var names = doc.RootElement.GetProperty("nodes").EnumerateArray()
            .Select(n => n.TryGetProperty("name", out var name) ? name.GetString() : null).ToList();
        Assert.Contains("zone", names);
        Assert.Equal(names.Count(n => n is not null && n.StartsWith("isotherm-", StringComparison.Ordinal)), fixture.IsothermCount);
    }

    [SkippableFact]
    public async Task Rerun_AblationPlan_IdenticalWithTheStoredOptions()
    {
        var client = Client();
        var response = await client.PostAsync($"/api/plans/{fixture.Plan.Id}/rerun", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rerun = await response.Content.ReadFromJsonAsync<PlanRerunDto>(Json);
        Assert.True(rerun!.Identical, string.Join(" | ", rerun.Differences));
        Assert.Equal(fixture.Plan.Plan!.Ablation!.Probes, rerun.Plan.Ablation!.Probes);
    }

    [SkippableFact]
    public async Task OrdinaryPlanEndpoint_AblationProcedure_MakesAnAblationPlanWithZoneMaps()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync($"/api/cases/{fixture.CaseId}/plans", new { procedureId = "rf-ablation" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await response.Content.ReadFromJsonAsync<StoredPlanDto>(Json);
        Assert.NotNull(stored!.Plan!.Ablation);
        Assert.Equal(fixture.Plan.Plan!.Ablation!.Probes, stored.Plan.Ablation!.Probes);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/plans/{stored.Id}/ablation/zone.nrrd")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("""{"procedureId":"biopsy-deep"}""", "procedureId")]
    [InlineData("""{"procedureId":"no-such"}""", "procedureId")]
    [InlineData("""{}""", "procedureId")]
    [InlineData("""{"procedureId":"rf-ablation","deviceId":"no-such-device"}""", "deviceId")]
    [InlineData("""{"procedureId":"rf-ablation","deviceId":"iceseed-17g"}""", "deviceId")]
    [InlineData("""{"procedureId":"rf-ablation","deviceId":"cooltip-act-3cm","settingId":"1W-1min"}""", "settingId")]
    [InlineData("""{"procedureId":"rf-ablation","probeCount":0}""", "probeCount")]
    [InlineData("""{"procedureId":"rf-ablation","probeCount":9}""", "probeCount")]
    [InlineData("""{"procedureId":"rf-ablation","model":"magic"}""", "model")]
    [InlineData("""{"procedureId":"rf-ablation","marginMm":-1}""", "marginMm")]
    [InlineData("""{"procedureId":"rf-ablation","manualProbes":[{"deviceId":"cooltip-act-3cm","settingId":"200W-12min","entry":{"x":9000,"y":0,"z":0},"tip":{"x":0,"y":0,"z":0}}]}""", "manualProbes[0].entry")]
    [InlineData("""{"procedureId":"rf-ablation","manualProbes":[{"deviceId":"cooltip-act-3cm","settingId":"200W-12min","entry":{"x":0,"y":0},"tip":{"x":10,"y":0,"z":0}}]}""", "manualProbes[0].entry.z")]
    public async Task CreateAblationPlan_BadField_400NamingIt(string body, string field)
    {
        var client = Client();
        var response = await client.PostAsync($"/api/cases/{fixture.CaseId}/ablation-plans", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, doc.RootElement.GetProperty("field").GetString());
    }

    [SkippableFact]
    public async Task UnknownCaseAndPlan_404()
    {
        var client = Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/ablation-plans", new { procedureId = "rf-ablation" })).StatusCode);
        foreach (var suffix in new[] { "zone.nrrd", "margin.nrrd", "meshes.glb", "overlay/axial.png" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/plans/{Guid.NewGuid()}/ablation/{suffix}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/plans/{fixture.Plan.Id}/ablation/overlay/oblique.png")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/plans/{fixture.Plan.Id}/ablation/overlay/axial.png?layers=heat")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/plans/{fixture.Plan.Id}/ablation/overlay/axial.png?index=100000")).StatusCode);
    }

    [SkippableFact]
    public async Task Confirm_SimulatedPostCt_AchievedMarginCloseToPlanned_KeptAndDrawn()
    {
        var client = Client();
        Skip.If(typeof(PostAblationCtParameters).Assembly.GetManifestResourceInfo(PostAblationCtParameters.ResourceName) is null,
            "The planning library does not embed post-ablation-ct.json, which simulated confirmation needs.");
        var a = fixture.Plan.Plan!.Ablation!;
        var response = await client.PostAsJsonAsync($"/api/plans/{fixture.Plan.Id}/ablation/confirm", new
        {
            simulate = new { rotationDeg = new { x = 1.0, y = 0.0, z = 2.0 }, translationMm = new { x = 3.0, y = -2.0, z = 1.5 }, seed = 7 },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var text = await response.Content.ReadAsStringAsync();
        var confirmation = JsonSerializer.Deserialize<AblationConfirmationDto>(text, Json)!;

        // The synthetic CT shows the planned zone moved by a known motion: registered back, its margin is the planned one
        // to within the grid's resolution.
        var g = (await fixture.LabelsAsync()).Geometry;
        var voxel = Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK));
        Assert.True(Math.Abs(confirmation.AchievedMinimalMarginMm - a.MinimalMarginMm) <= 1.5 * voxel,
            $"achieved {confirmation.AchievedMinimalMarginMm:0.00} mm, planned {a.MinimalMarginMm:0.00} mm, voxel {voxel:0.00} mm");
        Assert.Equal(a.MinimalMarginMm, confirmation.PlannedMinimalMarginMm);
        Assert.Equal(16, confirmation.Registration.Transform4x4.Count);
        Assert.Equal(3.0, confirmation.Registration.Transform4x4[3], 0);
        Assert.Null(confirmation.PostSeriesUid);
        using (var doc = JsonDocument.Parse(text))
        {
            Assert.Equal("MattesMutualInformation", doc.RootElement.GetProperty("registration").GetProperty("metric").GetString());
        }

        var last = await client.GetFromJsonAsync<AblationConfirmationDto>($"/api/plans/{fixture.Plan.Id}/ablation/confirmation", Json);
        Assert.Equal(confirmation.AchievedMinimalMarginMm, last!.AchievedMinimalMarginMm);

        // The achieved layer draws magenta outlines on the tumor's slice.
        var k = (int)Math.Round(g.WorldToIndex(a.MinimalMarginAt).K);
        var png = PngTestDecoder.Decode(await client.GetByteArrayAsync($"/api/plans/{fixture.Plan.Id}/ablation/overlay/axial.png?index={k}&layers=achieved"));
        var magenta = Enumerable.Range(0, png.Width * png.Height).Count(n => png.Pixels[4 * n] == 0xFF && png.Pixels[(4 * n) + 1] == 0 && png.Pixels[(4 * n) + 2] == 0xFF && png.Pixels[(4 * n) + 3] == 255);
        Assert.True(magenta > 0);
    }

    [SkippableTheory]
    [InlineData("""{}""", "postSeriesUid")]
    [InlineData("""{"postSeriesUid":"1.2.3","simulate":{}}""", "postSeriesUid")]
    [InlineData("""{"postSeriesUid":"1.2.3.4.5.6.7"}""", "postSeriesUid")]
    [InlineData("""{"simulate":{"rotationDeg":{"x":90,"y":0,"z":0}}}""", "simulate.rotationDeg.x")]
    [InlineData("""{"simulate":{"translationMm":{"x":0,"y":500,"z":0}}}""", "simulate.translationMm.y")]
    public async Task Confirm_BadBody_400NamingTheField(string body, string field)
    {
        var client = Client();
        var response = await client.PostAsync($"/api/plans/{fixture.Plan.Id}/ablation/confirm", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, doc.RootElement.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/plans/{Guid.NewGuid()}/ablation/confirm", new StringContent("""{"simulate":{}}""", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/plans/{Guid.NewGuid()}/ablation/confirmation")).StatusCode);
    }

    private static (int Lo, int Hi) SliceRange(Volume<byte> zone)
    {
        var g = zone.Geometry;
        int lo = int.MaxValue, hi = -1;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var n = k * g.SizeI * g.SizeJ; n < (k + 1) * g.SizeI * g.SizeJ; n++)
            {
                if ((zone.Voxels[n] & 1) != 0)
                {
                    lo = Math.Min(lo, k);
                    hi = Math.Max(hi, k);
                    break;
                }
            }
        }

        return (lo, hi);
    }

    private static WorldPoint PixelToWorld(ViewPlaneDto p, double x, double y) => new(
        p.Origin[0] + (x * p.PixelSpacing[0] * p.RowDirection[0]) + (y * p.PixelSpacing[1] * p.ColumnDirection[0]),
        p.Origin[1] + (x * p.PixelSpacing[0] * p.RowDirection[1]) + (y * p.PixelSpacing[1] * p.ColumnDirection[1]),
        p.Origin[2] + (x * p.PixelSpacing[0] * p.RowDirection[2]) + (y * p.PixelSpacing[1] * p.ColumnDirection[2]));
}

/// <summary>A server on a fresh store with a 96² liver-tumor library case and one default rf-ablation plan on it.</summary>
public abstract class AblationAppFixture(StorageProvider provider) : IAsyncLifetime
{
    private readonly TemporaryDirectory _dir = new("seldinger-ablation-api");

    public WebApplicationFactory<Program>? Factory { get; private set; }

    public string? SkipReason { get; private set; }

    /// <summary>A client signed in as the test account of <paramref name="role"/>.</summary>
    public HttpClient CreateClientAs(StaffRole role) => Factory!.CreateClientAs(role);

    public Guid CaseId { get; private set; }

    public StoredPlanDto Plan { get; private set; } = null!;

    public string PlanLocation { get; private set; } = "";

    public int IsothermCount { get; private set; }

    public async Task InitializeAsync()
    {
        SkipReason = provider == StorageProvider.Postgres ? TestDatabases.PostgresUnavailableReason : null;
        if (SkipReason is not null)
        {
            return;
        }

        var storage = TestDatabases.For(provider, _dir.Path);
        await StorageMigrator.MigrateAsync(storage);
        await TestAccounts.SeedAsync(storage);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Seldinger:DataDirectory", storage.DataDirectory);
            b.UseSetting("Seldinger:Provider", provider.ToString());
            b.UseSetting("Seldinger:ConnectionString", storage.EffectiveConnectionString);
        });
        var client = await Factory.CreateClientAsAsync(StaffRole.IrPhysician);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var created = await client.PostAsJsonAsync("/api/library-cases", new { @case = "liver-tumor", ageYears = 5, size = 96 });
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the library case answered {created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        CaseId = (await created.Content.ReadFromJsonAsync<LibraryCaseCreatedDto>(json))!.CaseId;
        var response = await client.PostAsJsonAsync($"/api/cases/{CaseId}/ablation-plans", new { procedureId = "rf-ablation" });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Planning the ablation answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        PlanLocation = response.Headers.Location?.ToString() ?? "";
        Plan = (await response.Content.ReadFromJsonAsync<StoredPlanDto>(json))!;
        await using var scope = Factory.Services.CreateAsyncScope();
        IsothermCount = scope.ServiceProvider.GetRequiredService<AblationPlanFiles>().ReadState(Plan.Id)!.IsothermsCelsius.Count;
    }

    /// <summary>The label map the plan was made on, as the server reads it.</summary>
    public async Task<Volume<byte>> LabelsAsync()
    {
        await using var scope = Factory!.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<VolumeCache>().GetLabelsAsync(Plan.SeriesInstanceUid!, CancellationToken.None))!;
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        _dir.Dispose();
    }
}

public sealed class SqliteAblationAppFixture() : AblationAppFixture(StorageProvider.Sqlite);

public sealed class PostgresAblationAppFixture() : AblationAppFixture(StorageProvider.Postgres);

public sealed class SqliteAblationApiTests(SqliteAblationAppFixture fixture) : AblationApiTests(fixture), IClassFixture<SqliteAblationAppFixture>;

public sealed class PostgresAblationApiTests(PostgresAblationAppFixture fixture) : AblationApiTests(fixture), IClassFixture<PostgresAblationAppFixture>;
