using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security;

/// <summary>The claims a signed-in user carries in the authentication cookie.</summary>
public static class StaffPrincipal
{
    /// <summary>The principal of <paramref name="account"/>: id, user name, display name, role, version.</summary>
    public static ClaimsPrincipal Create(UserAccount account, string authenticationType = CookieAuthenticationDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(SeldingerClaimTypes.AccountId, account.Id.ToString()),
            new Claim(ClaimTypes.Name, account.UserName),
            new Claim(SeldingerClaimTypes.DisplayName, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role.ToString()),
            new Claim(SeldingerClaimTypes.AccountVersion, account.Version.ToString(CultureInfo.InvariantCulture)),
        ], authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
