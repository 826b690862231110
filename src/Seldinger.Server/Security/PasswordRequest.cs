namespace Seldinger.Server.Security;

/// <summary>Body of <c>POST /api/admin/users/{id}/password</c>.</summary>
/// <param name="Password">The new password (at least 12 characters); omitted: one is generated and returned once.</param>
public sealed record PasswordRequest(string? Password);
