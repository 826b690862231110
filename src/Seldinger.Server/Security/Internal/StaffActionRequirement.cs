using Microsoft.AspNetCore.Authorization;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security.Internal;

/// <summary>The user's role must allow <see cref="Action"/> (<see cref="RolePermissions"/>).</summary>
internal sealed record StaffActionRequirement(StaffAction Action) : IAuthorizationRequirement;
