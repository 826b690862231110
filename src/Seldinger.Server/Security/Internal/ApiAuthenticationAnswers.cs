using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Seldinger.Server.Security.Internal;

/// <summary>The API answers 401 and 403 as problem details; only pages redirect to the sign-in page.</summary>
internal static class ApiAuthenticationAnswers
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static Task OnRedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        NoteDenial(context.HttpContext, StatusCodes.Status401Unauthorized);
        return IsApi(context.Request)
            ? WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in", "Sign in (POST /api/auth/sign-in) to use this endpoint.")
            : Redirect(context);
    }

    public static Task OnRedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        NoteDenial(context.HttpContext, StatusCodes.Status403Forbidden);
        return IsApi(context.Request)
            ? WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed", "Your role may not do this.")
            : Redirect(context);
    }

    // A page answers a refusal with a redirect (302): its audit row keeps the 401 or 403 it stands for. This also
    // catches refusals a handler makes itself (Forbid(), Challenge()), which the authorization middleware never sees.
    private static void NoteDenial(HttpContext http, int status) => http.Features.Get<AuditScope>()?.Deny(status, "");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
