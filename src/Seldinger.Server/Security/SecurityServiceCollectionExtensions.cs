using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security.Internal;

namespace Seldinger.Server.Security;

/// <summary>Registers authentication (cookie, optionally OpenID Connect), one policy per staff action and the audit trail.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Name of the authentication cookie.</summary>
    public const string CookieName = "Seldinger.Auth";

    /// <summary>The resource type of a clinical page's audit row when no service named a record (a refusal, a page without records).</summary>
    public const string ClinicalPageResource = "clinical-page";

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
        services.AddSingleton<IAuthorizationHandler, AnyStaffActionHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, StaffActionPolicyProvider>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddScoped<CurrentUser>();
        services.TryAddScoped<IAuditStore, DbAuditStore>();
        services.AddScoped<StaffAccounts>();
        services.AddSingleton<SliceAuditCoalescer>();
        services.AddHostedService<SliceAuditSweeper>();
        services.AddScoped(sp => new AuditTrail(
            sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IAuditStore>()));
        // The clinical pages are audited as the API is: one row per request, with the child of the referral or patient
        // the route names when no service named it (a refusal).
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddFolderApplicationModelConvention("/Clinical", page => page.EndpointMetadata.Add(new AuditedResource(ClinicalPageResource)));
            o.Conventions.AddFolderApplicationModelConvention("/Clinical/Referrals", page => page.EndpointMetadata.Add(new AuditPatientRoute(AuditRouteSubject.Referral)));
            o.Conventions.AddFolderApplicationModelConvention("/Clinical/Patients", page => page.EndpointMetadata.Add(new AuditPatientRoute(AuditRouteSubject.Patient)));
        });
        return builder;
    }

    /// <summary>Adds the authentication and authorization middleware.</summary>
    public static WebApplication UseSeldingerSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AuditRequestMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAuthEndpoints();
        app.MapAdminEndpoints();
        return app;
    }
}
