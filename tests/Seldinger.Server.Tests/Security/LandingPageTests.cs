using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Tests.Security;

/// <summary>"/" is the case list for the roles that read images; every other role lands on its own worklist.</summary>
public sealed class LandingPageTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData(StaffRole.Scheduler, "/schedule")]
    [InlineData(StaffRole.ReferringClinician, "/referrals")]
    [InlineData(StaffRole.Administrator, "/Admin/Users")]
    public async Task Get_RoleWithoutImages_RedirectsToItsWorklist(StaffRole role, string home)
    {
        using var client = app.Factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.SignInAsync(client, role);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location?.OriginalString);
        using var landed = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
    }

    [Theory]
    [InlineData(StaffRole.IrPhysician)]
    [InlineData(StaffRole.Nurse)]
    [InlineData(StaffRole.Technologist)]
    public async Task Get_RoleThatReadsImages_ShowsTheCaseList(StaffRole role)
    {
        using var client = app.Factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.SignInAsync(client, role);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Anonymous_RedirectsToSignIn()
    {
        using var client = app.Factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
