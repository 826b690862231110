using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Seldinger.Storage;

namespace Seldinger.Server.Security.Internal;

/// <summary>
/// Checks the cookie's account on every request: a disabled or removed account is signed out at once,
/// a changed one (role, name) gets a fresh cookie.
/// </summary>
internal static class AccountCookieValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(SeldingerClaimTypes.AccountId), out var id))
        {
            await RejectAsync(context).ConfigureAwait(false);
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<SeldingerDbContext>();
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (account is not { Active: true })
        {
            await RejectAsync(context).ConfigureAwait(false);
            return;
        }

        if (principal.FindFirstValue(SeldingerClaimTypes.AccountVersion) != account.Version.ToString(CultureInfo.InvariantCulture))
        {
            context.ReplacePrincipal(StaffPrincipal.Create(account, principal.Identity?.AuthenticationType ?? CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }
}
