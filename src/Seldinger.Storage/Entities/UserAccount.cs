using Seldinger.Clinical;
using Seldinger.Clinical.Security;

namespace Seldinger.Storage.Entities;

/// <summary>
/// A member of staff who may sign in, with a local password, an OpenID Connect identity, or both.
/// </summary>
public sealed class UserAccount : IVersionedRecord
{
    /// <summary>Stable identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>Sign-in name, unique, at most 64 characters.</summary>
    public required string UserName { get; set; }

    /// <summary>Name shown in records and screens, e.g. "Dr A. Moreno".</summary>
    public required string DisplayName { get; set; }

    /// <summary>Hash of the local password; null for users who only sign on through the identity provider.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>What the user may do.</summary>
    public StaffRole Role { get; set; }

    /// <summary>False once the account is disabled; a disabled account cannot sign in.</summary>
    public bool Active { get; set; } = true;

    /// <summary>The OpenID Connect subject ("sub") the account is linked to, unique when set.</summary>
    public string? ExternalSubject { get; set; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last successful sign-in.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Failed sign-ins since the last successful one.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Sign-in is refused until this time after too many failures.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <inheritdoc />
    public int Version { get; set; } = 1;
}
