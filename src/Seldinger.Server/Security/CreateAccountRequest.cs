using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security;

/// <summary>Body of <c>POST /api/admin/users</c>.</summary>
/// <param name="UserName">Sign-in name (letters, digits, . - _ @; at most 64).</param>
/// <param name="DisplayName">Name shown in screens (defaults to the user name).</param>
/// <param name="Role">Role.</param>
/// <param name="Password">At least 12 characters; omitted: one is generated and returned once.</param>
public sealed record CreateAccountRequest(string? UserName, string? DisplayName, StaffRole? Role, string? Password);
