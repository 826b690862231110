using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Server.Security;

namespace Seldinger.Server.Pages.Account;

/// <summary>Shown when the signed-in user's role may not open a page.</summary>
[AllowAnonymous]
public sealed class DeniedModel(CurrentUser user) : PageModel
{
    /// <summary>The signed-in user.</summary>
    public CurrentUser CurrentUser => user;

    /// <summary>Answers 403 with the explanation.</summary>
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
