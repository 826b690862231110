using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security;

/// <summary>/api/auth: password sign-in (sets the cookie), sign-out and the signed-in user.</summary>
public static class AuthEndpoints
{
    /// <summary>The one message for every refused sign-in: it never says whether the name or the password was wrong.</summary>
    public const string SignInFailedMessage = "The user name or password is not correct, or the account is locked or disabled.";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Authentication");
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous().WithName("SignIn")
            .WithSummary("Checks user name and password and sets the session cookie (HttpOnly, SameSite=Strict, 8 h sliding). "
                + "Five wrong passwords lock the account for 15 minutes.");
        group.MapPost("/sign-out", SignOutAsync).AllowAnonymous().WithName("SignOut").WithSummary("Ends the session.");
        group.MapGet("/me", Me).RequireAuthorization().WithName("CurrentUser").WithSummary("The signed-in user, role and permitted actions.");
        return routes;
    }

    /// <summary>Signs in with a password and records the attempt; shared by the API and the sign-in page.</summary>
    public static async Task<SignInResult> PasswordSignInAsync(HttpContext http, string? userName, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var accounts = http.RequestServices.GetRequiredService<StaffAccounts>();
        var trail = http.RequestServices.GetRequiredService<AuditTrail>();
        var result = await accounts.PasswordSignInAsync(userName ?? "", password ?? "", ct);
        var name = StaffAccounts.NormalizeUserName(userName ?? "");
        if (result is { Outcome: SignInOutcome.Succeeded, Account: { } account })
        {
            var principal = StaffPrincipal.Create(account);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            http.User = principal;
            await trail.RecordAsync("sign-in", "session", account.Id.ToString(), null, "password", StatusCodes.Status200OK, null, ct);
        }
        else
        {
            await trail.RecordAsync("sign-in-failed", "session", null, null, $"{Truncate(name)}: {result.Outcome}",
                StatusCodes.Status401Unauthorized, Truncate(name), ct);
        }

        return result;
    }

    private static string Truncate(string name) => name.Length <= 64 ? name : name[..64];

    private static async Task<Results<Ok<CurrentUserDto>, ProblemHttpResult>> SignInAsync(SignInRequest? request, HttpContext http, CancellationToken ct)
    {
        var result = await PasswordSignInAsync(http, request?.UserName, request?.Password, ct);
        return result.Account is { } account
            ? TypedResults.Ok(new CurrentUserDto(account.UserName, account.DisplayName, account.Role, [.. RolePermissions.ActionsOf(account.Role).Order()]))
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: SignInFailedMessage);
    }

    private static async Task<NoContent> SignOutAsync(HttpContext http, AuditTrail trail, CancellationToken ct)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await trail.RecordAsync("sign-out", "session", null, null, "", StatusCodes.Status204NoContent, null, ct);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Results<Ok<CurrentUserDto>, UnauthorizedHttpResult> Me(CurrentUser user) =>
        user.Role is { } role
            ? TypedResults.Ok(new CurrentUserDto(user.UserName, user.DisplayName, role, [.. RolePermissions.ActionsOf(role).Order()]))
            : TypedResults.Unauthorized();
}
