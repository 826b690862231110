using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security;

/// <summary>
/// Maps a hospital sign-on (OpenID Connect claims) to an account: by subject, then by user name;
/// the role follows the mapped role claim; unknown users get an account only when auto-provisioning is on.
/// </summary>
public sealed class ExternalSignOn(SeldingerDbContext db, TimeProvider time, OpenIdConnectSettings settings)
{
    /// <summary>The role the claims map to, or null when none of their role claim values is in the map.</summary>
    public StaffRole? MappedRole(ClaimsPrincipal external)
    {
        ArgumentNullException.ThrowIfNull(external);
        foreach (var claim in external.Claims.Where(c => c.Type == settings.RoleClaim))
        {
            if (settings.RoleMap.TryGetValue(claim.Value, out var role))
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>The account to sign in, or null (with the reason) when the sign-on is refused.</summary>
    public async Task<(UserAccount? Account, string Reason)> ResolveAsync(ClaimsPrincipal external, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(external);
        var subject = external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrWhiteSpace(subject))
        {
            return (null, "the identity provider sent no subject");
        }

        var name = external.FindFirstValue("preferred_username") ?? external.FindFirstValue(ClaimTypes.Name) ?? external.FindFirstValue("name");
        var role = MappedRole(external);
        var account = await db.Users.SingleOrDefaultAsync(u => u.ExternalSubject == subject, ct).ConfigureAwait(false);
        if (account is null && !string.IsNullOrWhiteSpace(name))
        {
            var normalized = StaffAccounts.NormalizeUserName(name);
            account = await db.Users.SingleOrDefaultAsync(u => u.UserName == normalized && u.ExternalSubject == null, ct).ConfigureAwait(false);
            if (account is not null)
            {
                account.ExternalSubject = subject;
            }
        }

        if (account is null)
        {
            if (!settings.AutoProvision)
            {
                return (null, "no account is linked to this hospital sign-on");
            }

            if (role is null)
            {
                return (null, $"the sign-on carries no {settings.RoleClaim} value that maps to a role");
            }

            account = new UserAccount
            {
                Id = Guid.NewGuid(),
                UserName = StaffAccounts.NormalizeUserName(string.IsNullOrWhiteSpace(name) ? subject : name),
                DisplayName = external.FindFirstValue("name") ?? name ?? subject,
                Role = role.Value,
                ExternalSubject = subject,
                Active = true,
                CreatedAt = time.GetUtcNow(),
            };
            db.Users.Add(account);
        }
        else if (role is { } mapped && account.Role != mapped)
        {
            account.Role = mapped;
        }

        if (!account.Active)
        {
            return (null, "the account is disabled");
        }

        account.LastSignInAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (account, "");
    }
}
