using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Server.Security;

namespace Seldinger.Server.Pages.Account;

/// <summary>Ends the session (a POST with an antiforgery token, so that a link elsewhere cannot sign a user out).</summary>
[AllowAnonymous]
public sealed class SignOutModel(AuditTrail trail) : PageModel
{
    /// <summary>Asks to confirm.</summary>
    public void OnGet()
    {
    }

    /// <summary>Signs out and returns to the sign-in page.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await trail.RecordAsync("sign-out", "session", null, null, "", cancellationToken);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Account/SignIn");
    }
}
