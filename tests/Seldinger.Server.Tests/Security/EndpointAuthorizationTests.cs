using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;

namespace Seldinger.Server.Tests.Security;

/// <summary>
/// Every endpoint the server maps (read from its EndpointDataSource, so new endpoints are covered as
/// they appear) × every role: anonymous → 401 (pages: redirect to sign-in), 403 exactly where
/// RolePermissions refuses the endpoint's action (for an "any of" policy, all of its actions).
/// </summary>
public sealed partial class EndpointAuthorizationTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly HashSet<string> PublicApi = ["POST /api/auth/sign-in", "POST /api/auth/sign-out"];

    // API endpoints open to every signed-in user, whatever the role: no role check is hidden in their code.
    private static readonly HashSet<string> AnyStaffApi =
    [
        "GET /api/auth/me", "GET /api/procedures/", "GET /api/procedures/{id}", "GET /api/ablation/devices",
    ];

    [Fact]
    public void Endpoints_EveryApiEndpointNeedsSignIn_ExceptSignInAndSignOut()
    {
        var open = ApiEndpoints().Where(e => e.Anonymous).Select(e => e.Key).ToList();
        Assert.Equal(PublicApi.Order(), open.Order());
        Assert.Contains(ApiEndpoints(), e => e.Key == "GET /api/cases/{id:guid}");
    }

    [Fact]
    public async Task Api_Anonymous_Answers401ProblemDetails()
    {
        using var client = fixture.Factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        foreach (var e in ApiEndpoints().Where(e => !e.Anonymous))
        {
            using var response = await SendAsync(client, e);
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{e.Key}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }

        Assert.Empty(failures);
    }

    public static TheoryData<StaffRole> Roles() => [.. Enum.GetValues<StaffRole>()];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Api_EachRole_Answers403ExactlyWhereRolePermissionsRefuses(StaffRole role)
    {
        using var client = await SignedInAsync(role);
        var failures = new List<string>();
        var checkedCount = 0;
        // Endpoints open to any signed-in user (AnyStaffApi) have no action to check.
        foreach (var e in ApiEndpoints().Where(e => !e.Anonymous && e.Actions.Count > 0))
        {
            using var response = await SendAsync(client, e);
            var allowed = Allows(role, e.Actions);
            var status = (int)response.StatusCode;
            if (allowed ? status is 401 or 403 : status != 403)
            {
                failures.Add($"{e.Key} [{Describe(e.Actions)}]: {status}, expected {(allowed ? "not 401/403" : "403")}");
            }

            checkedCount++;
        }

        Assert.Empty(failures);
        Assert.True(checkedCount >= 30, $"only {checkedCount} endpoints checked");
    }

    [Fact]
    public void Api_EverySignedInEndpoint_UnderAnActionPolicy_ExceptThoseForAnyStaff()
    {
        var withoutAction = ApiEndpoints().Where(e => !e.Anonymous && e.Actions.Count == 0).Select(e => e.Key).ToList();
        Assert.Equal(AnyStaffApi.Order(), withoutAction.Order());
    }

    [Fact]
    public void Api_ReferralEndpoints_UnderActionPolicies_ReadersAreOwnOrAllReferrals()
    {
        var referrals = ApiEndpoints().Where(e => e.Template.StartsWith("/api/referrals", StringComparison.Ordinal)).ToList();
        Assert.True(referrals.Count >= 25, $"only {referrals.Count} referral endpoints");
        Assert.All(referrals, e => Assert.NotEmpty(e.Actions));
        var readers = referrals.Where(e => e.Key is "GET /api/referrals/" or "GET /api/referrals/{id:guid}" or "GET /api/referrals/{id:guid}/history").ToList();
        Assert.Equal(3, readers.Count);
        Assert.All(readers, e => Assert.Equal(
            new[] { StaffAction.ReadAllReferrals, StaffAction.ReadOwnReferrals }.Order(), Assert.Single(e.Actions).Order()));
        // Every role but the administrator reads referrals (a referrer only their own, which the service decides).
        Assert.Equal(
            Enum.GetValues<StaffRole>().Where(r => r != StaffRole.Administrator).Order(),
            Enum.GetValues<StaffRole>().Where(r => Allows(r, readers[0].Actions)).Order());
    }

    [Fact]
    public async Task Pages_Anonymous_RedirectToSignIn()
    {
        using var client = fixture.Factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        foreach (var page in Pages().Where(p => !p.Anonymous))
        {
            using var response = await client.GetAsync(page.Path);
            var location = response.Headers.Location?.ToString() ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || !location.Contains("/Account/SignIn", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{page.Path}: {(int)response.StatusCode} {location}");
            }
        }

        Assert.Empty(failures);
        Assert.Contains(Pages(), p => p.Path == "/import" && !p.Anonymous);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Pages_EachRole_DeniedExactlyWhereRolePermissionsRefuses(StaffRole role)
    {
        using var client = await SignedInAsync(role);
        var failures = new List<string>();
        foreach (var page in Pages().Where(p => !p.Anonymous && p.Actions.Count > 0))
        {
            using var response = await client.GetAsync(page.Path);
            var location = response.Headers.Location?.ToString() ?? "";
            var denied = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase);
            var allowed = Allows(role, page.Actions);
            if (allowed == denied || response.StatusCode == HttpStatusCode.Redirect && !denied)
            {
                failures.Add($"{page.Path} [{Describe(page.Actions)}]: {(int)response.StatusCode} {location}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task SignInPage_Anonymous_Answers200WithForm()
    {
        using var client = fixture.Factory!.CreateClient();
        var html = await client.GetStringAsync("/Account/SignIn");
        Assert.Contains("name=\"Password\"", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicFiles_Anonymous_Served()
    {
        using var client = fixture.Factory!.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(StaffRole role)
    {
        var client = fixture.Factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.SignInAsync(client, role);
        return client;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, ApiEndpoint e)
    {
        var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Path);
        if (e.Method is "POST" or "PUT" or "PATCH")
        {
            // Routing answers 415 before authorization when the body is not of a type the endpoint accepts.
            request.Content = e.ContentType.StartsWith("multipart/", StringComparison.Ordinal)
                ? new MultipartFormDataContent()
                : new StringContent("{}", Encoding.UTF8, e.ContentType);
        }

        return client.SendAsync(request);
    }

    /// <summary>Whether <paramref name="role"/> passes every policy; a policy of several actions admits any of them.</summary>
    private static bool Allows(StaffRole role, IReadOnlyList<IReadOnlyList<StaffAction>> policies) =>
        policies.All(p => p.Any(a => RolePermissions.IsAllowed(role, a)));

    private static string Describe(IReadOnlyList<IReadOnlyList<StaffAction>> policies) => string.Join(",", policies.Select(p => string.Join("|", p)));

    private sealed record ApiEndpoint(
        string Method, string Template, string Path, bool Anonymous, IReadOnlyList<IReadOnlyList<StaffAction>> Actions, string ContentType)
    {
        public string Key => $"{Method} {Template}";
    }

    private sealed record PageEndpoint(string Path, bool Anonymous, IReadOnlyList<IReadOnlyList<StaffAction>> Actions);

    private IEnumerable<RouteEndpoint> Routes() =>
        fixture.Factory!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private List<ApiEndpoint> ApiEndpoints() =>
    [
        .. from e in Routes()
           let template = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')
           where template.StartsWith("/api/", StringComparison.Ordinal)
           from method in e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
           select new ApiEndpoint(method, template, Fill(template), e.Metadata.GetMetadata<IAllowAnonymous>() is not null, ActionsOf(e),
               e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is [var type, ..] ? type : "application/json"),
    ];

    private List<PageEndpoint> Pages() =>
    [
        .. Routes()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => new PageEndpoint(Fill("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')), e.Metadata.GetMetadata<IAllowAnonymous>() is not null, ActionsOf(e)))
            .DistinctBy(p => p.Path),
    ];

    /// <summary>The endpoint's action policies, each as its actions (one, or several of which any admits); an unknown policy fails.</summary>
    private static List<IReadOnlyList<StaffAction>> ActionsOf(Endpoint e) =>
    [
        .. e.Metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>()
            .Select(p => EndpointSecurityExtensions.ParsePolicyName(p) ?? throw new InvalidOperationException($"policy '{p}' names no staff action")),
    ];

    /// <summary>Route values that reach no record, so that allowed requests answer quickly (404, 400) without doing work.</summary>
    private static string Fill(string template) =>
        Parameter().Replace(template, m => m.Groups["constraint"].Value switch
        {
            var c when c.StartsWith("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            var c when c.StartsWith("int", StringComparison.Ordinal) || c.StartsWith("long", StringComparison.Ordinal) => "0",
            _ => m.Groups["name"].Value switch
            {
                "uid" => "1.2.3.999",
                "kind" => "axial",
                _ => "unknown",
            },
        });

    [GeneratedRegex(@"\{\*{0,2}(?<name>\w+)(:(?<constraint>[^}?]+))?\??\}")]
    private static partial Regex Parameter();
}
