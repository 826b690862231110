namespace Seldinger.Server.Security;

/// <summary>Claim types of a signed-in Seldinger user, besides the standard name and role claims.</summary>
public static class SeldingerClaimTypes
{
    /// <summary>The <c>UserAccount.Id</c> of the signed-in user.</summary>
    public const string AccountId = "seldinger:account";

    /// <summary>The user's display name.</summary>
    public const string DisplayName = "seldinger:display-name";

    /// <summary>The account's version when the cookie was issued; a change refreshes the cookie's role.</summary>
    public const string AccountVersion = "seldinger:version";
}
