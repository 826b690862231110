using Microsoft.AspNetCore.Authorization;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security.Internal;

/// <summary>Decides <see cref="StaffActionRequirement"/> from the role claim.</summary>
internal sealed class StaffActionHandler : AuthorizationHandler<StaffActionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffActionRequirement requirement)
    {
        // The cookie's account is checked against the store on every request (inactive → signed out),
        // so a role claim here belongs to an active account.
        if (CurrentUser.RoleOf(context.User) is { } role && RolePermissions.IsAllowed(role, requirement.Action))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
