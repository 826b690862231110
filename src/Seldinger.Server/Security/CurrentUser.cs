using System.Security.Claims;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security;

/// <summary>The user of the current request, read from the authentication cookie's claims.</summary>
public sealed class CurrentUser
{
    private readonly ClaimsPrincipal _principal;

    /// <summary>Reads the user of the current request (anonymous outside a request).</summary>
    public CurrentUser(IHttpContextAccessor accessor)
        : this(accessor?.HttpContext?.User ?? new ClaimsPrincipal())
    {
    }

    /// <summary>Reads the user from <paramref name="principal"/>.</summary>
    public CurrentUser(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        _principal = principal;
    }

    /// <summary>Whether the request comes from a signed-in user.</summary>
    public bool IsAuthenticated => _principal.Identity?.IsAuthenticated == true;

    /// <summary>The account id, or null when anonymous.</summary>
    public Guid? AccountId =>
        IsAuthenticated && Guid.TryParse(_principal.FindFirstValue(SeldingerClaimTypes.AccountId), out var id) ? id : null;

    /// <summary>The user name, or "anonymous".</summary>
    public string UserName => IsAuthenticated ? _principal.Identity?.Name ?? "anonymous" : "anonymous";

    /// <summary>The display name (the user name when none is set).</summary>
    public string DisplayName => IsAuthenticated && _principal.FindFirstValue(SeldingerClaimTypes.DisplayName) is { Length: > 0 } d ? d : UserName;

    /// <summary>The user's role, or null when anonymous.</summary>
    public StaffRole? Role => RoleOf(_principal);

    /// <summary>Whether the user may do <paramref name="action"/> (false when anonymous).</summary>
    public bool Can(StaffAction action) => Role is { } role && RolePermissions.IsAllowed(role, action);

    /// <summary>The role claim of <paramref name="principal"/> when it is signed in and the claim names a role.</summary>
    internal static StaffRole? RoleOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && Enum.TryParse<StaffRole>(principal.FindFirstValue(ClaimTypes.Role), ignoreCase: false, out var role)
        && Enum.IsDefined(role)
            ? role
            : null;
}
