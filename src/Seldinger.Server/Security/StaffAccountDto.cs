using Seldinger.Clinical.Security;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security;

/// <summary>An account as administrators see it (never the password hash).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="UserName">Sign-in name.</param>
/// <param name="DisplayName">Name shown in screens.</param>
/// <param name="Role">Role.</param>
/// <param name="Active">False when disabled.</param>
/// <param name="HasPassword">Whether a local password is set (else hospital sign-on only).</param>
/// <param name="ExternalSubject">The linked OpenID Connect subject.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="LastSignInAt">Last successful sign-in.</param>
/// <param name="LockedUntil">End of a lockout.</param>
/// <param name="Version">Version to send back with a change.</param>
/// <param name="GeneratedPassword">A password generated for this answer only, when none was given.</param>
public sealed record StaffAccountDto(
    Guid Id, string UserName, string DisplayName, StaffRole Role, bool Active, bool HasPassword, string? ExternalSubject,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedUntil, int Version, string? GeneratedPassword = null)
{
    /// <summary>The account's answer.</summary>
    public static StaffAccountDto From(UserAccount account, string? generatedPassword = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new StaffAccountDto(
            account.Id, account.UserName, account.DisplayName, account.Role, account.Active, account.PasswordHash is not null,
            account.ExternalSubject, account.CreatedAt, account.LastSignInAt, account.LockedUntil, account.Version, generatedPassword);
    }
}
