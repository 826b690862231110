using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Server.Security;

namespace Seldinger.Server.Pages.Account;

/// <summary>Sign-in with user name and password, or with the hospital account when it is configured.</summary>
[AllowAnonymous]
public sealed class SignInModel(OpenIdConnectSettings signOn) : PageModel
{
    /// <summary>The user name typed.</summary>
    [BindProperty]
    [Required]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    /// <summary>The password typed (never shown again).</summary>
    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    /// <summary>Where to go after signing in (local paths only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when a hospital sign-on came back refused.</summary>
    [BindProperty(SupportsGet = true)]
    public string? External { get; set; }

    /// <summary>Whether to offer "Sign in with hospital account".</summary>
    public bool HospitalSignOn => signOn.IsConfigured;

    /// <summary>The message shown after a refused sign-in.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
        if (External == "failed")
        {
            Error = "The hospital sign-on was not accepted for Seldinger. Ask an administrator to link or enable your account.";
        }
    }

    /// <summary>Checks the password; the message never says whether the name or the password was wrong.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Error = "Enter your user name and password.";
            return Page();
        }

        var result = await AuthEndpoints.PasswordSignInAsync(HttpContext, UserName, Password, cancellationToken);
        if (result.Account is null)
        {
            Error = AuthEndpoints.SignInFailedMessage;
            Password = "";
            return Page();
        }

        return LocalRedirect(SafeReturnUrl());
    }

    /// <summary>Starts the hospital sign-on.</summary>
    public IActionResult OnPostExternal() =>
        HospitalSignOn
            ? Challenge(new AuthenticationProperties { RedirectUri = $"/Account/Continue?returnUrl={Uri.EscapeDataString(SafeReturnUrl())}" }, OpenIdConnectSettings.Scheme)
            : NotFound();

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
