using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security;

/// <summary>The signed-in user: <c>GET /api/auth/me</c>.</summary>
/// <param name="UserName">Sign-in name.</param>
/// <param name="DisplayName">Name shown in screens.</param>
/// <param name="Role">Role.</param>
/// <param name="Actions">What the role may do.</param>
public sealed record CurrentUserDto(string UserName, string DisplayName, StaffRole Role, IReadOnlyList<StaffAction> Actions);
