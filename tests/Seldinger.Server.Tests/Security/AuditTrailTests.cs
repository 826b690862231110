using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Storage;
using Seldinger.Storage.Entities;
using Seldinger.Testing;

namespace Seldinger.Server.Tests.Security;

/// <summary>The audit trail: reads, changes, refusals and sign-ins are recorded; the trail is filtered and never writable.</summary>
public sealed class AuditTrailTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task ReadCase_SignedIn_RecordsReadWithUserRolePathAndStatus()
    {
        using var client = fixture.CreateClientAs(StaffRole.Technologist);
        var path = $"/api/cases/{fixture.DemoCaseId}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        var row = (await EntriesAsync()).Last(e => e.Path == path);
        Assert.Equal(("technologist", "Technologist", "read", "case", fixture.DemoCaseId.ToString(), "GET", 200),
            (row.UserName, row.Role, row.Action, row.ResourceType, row.ResourceId, row.Method, row.StatusCode));
    }

    [Fact]
    public async Task PlanCase_RoleWithoutPlanProcedures_403RecordedAsDenied()
    {
        using var client = fixture.CreateClientAs(StaffRole.Nurse);
        var path = $"/api/cases/{fixture.DemoCaseId}/plan";
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(path, new { })).StatusCode);

        var row = (await EntriesAsync()).Last(e => e.Path == path);
        Assert.Equal(("nurse", "Nurse", "denied", 403, "POST"), (row.UserName, row.Role, row.Action, row.StatusCode, row.Method));
    }

    [Fact]
    public async Task ReadCase_Anonymous_401RecordedAsDenied()
    {
        using var client = fixture.Factory!.CreateClient();
        var path = $"/api/cases/{fixture.DemoCaseId}/plan";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);

        var row = (await EntriesAsync()).Last(e => e.Path == path && e.StatusCode == 401);
        Assert.Equal(("anonymous", null, "denied"), (row.UserName, row.Role, row.Action));
    }

    [Fact]
    public async Task CreateUser_Administrator_RecordsCreate()
    {
        using var client = fixture.CreateClientAs(StaffRole.Administrator);
        var response = await client.PostAsJsonAsync("/api/admin/users", new { userName = "audit.created", role = "nurse" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<StaffAccountDto>(Json))!;
        Assert.True(created.GeneratedPassword!.Length >= 12);

        var row = (await EntriesAsync()).Last(e => e.Path == "/api/admin/users" && e.Method == "POST");
        Assert.Equal(("administrator", "create", "user-account", 201), (row.UserName, row.Action, row.ResourceType, row.StatusCode));
    }

    [Fact]
    public async Task SignIn_RightAndWrongPassword_RecordsSignInAndSignInFailed()
    {
        using var client = fixture.Factory!.CreateClient();
        var wrong = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "scheduler", password = "not the password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknown = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "nobody-here", password = "not the password" });
        var wrongProblem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(wrongProblem.GetProperty("detail").GetString(), unknownProblem.GetProperty("detail").GetString());
        Assert.Equal(AuthEndpoints.SignInFailedMessage, wrongProblem.GetProperty("detail").GetString());
        await TestAccounts.SignInAsync(client, StaffRole.Scheduler);

        var rows = await EntriesAsync();
        var failed = rows.Last(e => e.Action == "sign-in-failed" && e.UserName == "scheduler");
        Assert.Equal(401, failed.StatusCode);
        Assert.Contains(rows, e => e.Action == "sign-in-failed" && e.UserName == "nobody-here");
        var signIn = rows.Last(e => e.Action == "sign-in");
        Assert.Equal(("scheduler", "Scheduler", "/api/auth/sign-in"), (signIn.UserName, signIn.Role, signIn.Path));
    }

    [Fact]
    public async Task AuditEndpoint_Filters_AndReadingIsItselfAudited()
    {
        using var physician = fixture.CreateClientAs(StaffRole.IrPhysician);
        await physician.GetAsync($"/api/cases/{fixture.DemoCaseId}");
        using var admin = fixture.CreateClientAs(StaffRole.Administrator);

        var rows = (await admin.GetFromJsonAsync<List<AuditEntryDto>>("/api/admin/audit?user=irphysician&action=read&take=5", Json))!;

        Assert.InRange(rows.Count, 1, 5);
        Assert.All(rows, r => Assert.Equal(("irphysician", "read"), (r.UserName, r.Action)));
        Assert.True(rows.SequenceEqual(rows.OrderByDescending(r => r.Id)));
        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        Assert.Empty((await admin.GetFromJsonAsync<List<AuditEntryDto>>($"/api/admin/audit?from={Uri.EscapeDataString(future)}", Json))!);
        var since = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        Assert.NotEmpty((await admin.GetFromJsonAsync<List<AuditEntryDto>>($"/api/admin/audit?from={Uri.EscapeDataString(since)}", Json))!);
        Assert.Contains(await EntriesAsync(), e => e is { ResourceType: "audit", Action: "read", UserName: "administrator" });
        Assert.Equal(HttpStatusCode.Forbidden, (await physician.GetAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public void Endpoints_NothingWritesTheAuditTrail()
    {
        var audit = fixture.Factory!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").Contains("audit", StringComparison.OrdinalIgnoreCase)
                && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            .ToList();
        Assert.Equal(["GET"], audit.Distinct());
    }

    [Fact]
    public async Task AuditEndpoint_PostPutDelete_NotAllowed()
    {
        using var admin = fixture.CreateClientAs(StaffRole.Administrator);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PostAsJsonAsync("/api/admin/audit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.DeleteAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task RealServer_RecordsRemoteAddress()
    {
        using var dir = new TemporaryDirectory("seldinger-audit-kestrel");
        var (app, baseUrl) = await BrowserTestServer.StartAsync(dir.Path);
        await using (app)
        {
            using var client = await TestAccounts.CreateClientAsAsync(baseUrl, StaffRole.IrPhysician);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cases")).StatusCode);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SeldingerDbContext>();
            var row = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).LastAsync(e => e.Path == "/api/cases");
            Assert.Equal(("irphysician", "read", "127.0.0.1"), (row.UserName, row.Action, row.RemoteAddress));
        }
    }

    [Fact]
    public async Task SeriesImages_OneRowForTheFirst_ThenOneRowCountingTheRestOfTheWindow_FailuresEachTheirOwn()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = fixture.Factory!.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = await app.CreateClientAsAsync(StaffRole.Technologist);
        var uid = await SeriesUidAsync(minSlices: 7);
        var slices = $"/api/series/{uid}/slices";

        var marker = await LastIdAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{slices}/0.png")).StatusCode);
        var first = Assert.Single(await EntriesAfterAsync(marker));
        Assert.Equal(("technologist", "read", "series", uid, 200, $"{slices}/0.png"),
            (first.UserName, first.Action, first.ResourceType, first.ResourceId, first.StatusCode, first.Path));
        Assert.StartsWith("slice 0;", first.Detail, StringComparison.Ordinal);

        // Scrolling on within five minutes: counted, not written one by one.
        marker = await LastIdAsync();
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            clock.Now = clock.Now.AddSeconds(30);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{slices}/{n}.png")).StatusCode);
        }

        // A resliced plane of the same series is one of its images too.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/series/{uid}/reslice/coronal.png?index=2")).StatusCode);
        Assert.Empty(await EntriesAfterAsync(marker));

        // A slice that is not there is refused, and its own row at once.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{slices}/99999.png")).StatusCode);
        var missing = Assert.Single(await EntriesAfterAsync(marker));
        Assert.Equal(("read", 400, $"{slices}/99999.png"), (missing.Action, missing.StatusCode, missing.Path));

        // After the window: the count of the four, then the new window's first row.
        marker = await LastIdAsync();
        clock.Now = clock.Now.AddMinutes(4);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{slices}/6.png")).StatusCode);
        var rows = await EntriesAfterAsync(marker);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("technologist", "read", "series", uid, 200), (rows[0].UserName, rows[0].Action, rows[0].ResourceType, rows[0].ResourceId, rows[0].StatusCode));
        Assert.StartsWith("5 more images (4 slices 1–4, 1 resliced)", rows[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("slice 6;", rows[1].Detail, StringComparison.Ordinal);
    }

    private async Task<string> SeriesUidAsync(int minSlices)
    {
        await using var db = SeldingerDbContextFactory.Create(fixture.Storage!);
        return await db.Series.AsNoTracking().Where(s => s.SliceCount >= minSlices).Select(s => s.SeriesInstanceUid).FirstAsync();
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = SeldingerDbContextFactory.Create(fixture.Storage!);
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<List<AuditEntry>> EntriesAfterAsync(long id)
    {
        await using var db = SeldingerDbContextFactory.Create(fixture.Storage!);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = SeldingerDbContextFactory.Create(fixture.Storage!);
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}
