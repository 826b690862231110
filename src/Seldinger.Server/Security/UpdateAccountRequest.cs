using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security;

/// <summary>Body of <c>PUT /api/admin/users/{id}</c>; omitted values stay as they are.</summary>
/// <param name="Role">New role.</param>
/// <param name="Active">False disables the account (its sessions end at their next request).</param>
/// <param name="DisplayName">New display name.</param>
/// <param name="Version">The version the change is based on; another answers 409.</param>
public sealed record UpdateAccountRequest(StaffRole? Role, bool? Active, string? DisplayName, int? Version);
