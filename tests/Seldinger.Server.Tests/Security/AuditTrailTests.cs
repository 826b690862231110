using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = SeldingerDbContextFactory.Create(fixture.Storage!);
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}
