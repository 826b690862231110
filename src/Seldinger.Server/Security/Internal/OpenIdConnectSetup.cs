using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Seldinger.Server.Security.Internal;

/// <summary>Hospital sign-on: the authorization code flow, the account mapped from the claims.</summary>
internal static class OpenIdConnectSetup
{
    public static void Add(AuthenticationBuilder authentication, OpenIdConnectSettings settings)
    {
        authentication.AddOpenIdConnect(OpenIdConnectSettings.Scheme, "Hospital account", o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            // A provider on this machine (a test or a local development IdP) may speak plain HTTP.
            o.RequireHttpsMetadata = !(Uri.TryCreate(settings.Authority, UriKind.Absolute, out var uri) && uri.IsLoopback);
            o.Events.OnTokenValidated = OnTokenValidatedAsync;
            o.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect("/Account/SignIn?external=failed");
                return Task.CompletedTask;
            };
        });
    }

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var trail = services.GetRequiredService<AuditTrail>();
        var (account, reason) = await services.GetRequiredService<ExternalSignOn>()
            .ResolveAsync(context.Principal!, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            await trail.RecordAsync("sign-in-failed", "session", null, null, $"hospital sign-on: {reason}", StatusCodes.Status401Unauthorized,
                "external", CancellationToken.None).ConfigureAwait(false);
            context.Fail(reason);
            return;
        }

        context.Principal = StaffPrincipal.Create(account);
        context.HttpContext.User = context.Principal;
        await trail.RecordAsync("sign-in", "session", account.Id.ToString(), null, "hospital sign-on", StatusCodes.Status200OK, null, CancellationToken.None)
            .ConfigureAwait(false);
    }
}
