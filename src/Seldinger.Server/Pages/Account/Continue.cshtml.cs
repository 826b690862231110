using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Seldinger.Server.Pages.Account;

/// <summary>
/// Where a hospital sign-on returns. The session cookie is SameSite=Strict, so a browser leaves it
/// off the redirects that began at the identity provider; this page moves on with a navigation of
/// its own, which carries the cookie.
/// </summary>
[AllowAnonymous]
public sealed class ContinueModel : PageModel
{
    /// <summary>The local page to go on to.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The target, local paths only.</summary>
    public string Target => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    /// <summary>Renders the page that navigates on.</summary>
    public void OnGet()
    {
    }
}
