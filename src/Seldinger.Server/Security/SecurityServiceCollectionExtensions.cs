using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security.Internal;

namespace Seldinger.Server.Security;

/// <summary>Registers authentication (cookie, optionally OpenID Connect), one policy per staff action and the audit trail.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Name of the authentication cookie.</summary>
    public const string CookieName = "Seldinger.Auth";

    /// <summary>How long a session lasts without a request; each request renews it.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>Adds authentication, authorization, <see cref="CurrentUser"/> and <see cref="AuditTrail"/>.</summary>
    public static WebApplicationBuilder AddSeldingerSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHttpContextAccessor();
        var signOn = OpenIdConnectSettings.Read(builder.Configuration);
        services.AddSingleton(signOn);
        services.AddScoped<ExternalSignOn>();
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = "/Account/SignIn";
                o.LogoutPath = "/Account/SignOut";
                o.AccessDeniedPath = "/Account/Denied";
                o.Events.OnRedirectToLogin = ApiAuthenticationAnswers.OnRedirectToLogin;
                o.Events.OnRedirectToAccessDenied = ApiAuthenticationAnswers.OnRedirectToAccessDenied;
                o.Events.OnValidatePrincipal = AccountCookieValidator.ValidateAsync;
            });
        if (signOn.IsConfigured)
        {
            OpenIdConnectSetup.Add(authentication, signOn);
        }

        services.AddAuthorization(o =>
        {
            foreach (var action in Enum.GetValues<StaffAction>())
            {
                o.AddPolicy(EndpointSecurityExtensions.PolicyName(action), p => p
                    .RequireAuthenticatedUser()
                    .AddRequirements(new StaffActionRequirement(action)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, StaffActionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddScoped<CurrentUser>();
        services.TryAddScoped<IAuditStore, DbAuditStore>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped(sp => new AuditTrail(
            sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IAuditStore>()));
        return builder;
    }

    /// <summary>Adds the authentication and authorization middleware.</summary>
    public static WebApplication UseSeldingerSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAuthEndpoints();
        app.MapAdminEndpoints();
        return app;
    }
}
