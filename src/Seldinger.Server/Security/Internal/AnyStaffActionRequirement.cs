using Microsoft.AspNetCore.Authorization;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security.Internal;

/// <summary>The user's role must allow at least one of <see cref="Actions"/> (<see cref="RolePermissions"/>).</summary>
internal sealed class AnyStaffActionRequirement(IReadOnlyList<StaffAction> actions) : IAuthorizationRequirement
{
    /// <summary>The actions, any of which admits the user.</summary>
    public IReadOnlyList<StaffAction> Actions { get; } = actions;
}

/// <summary>Decides <see cref="AnyStaffActionRequirement"/> from the role claim.</summary>
internal sealed class AnyStaffActionHandler : AuthorizationHandler<AnyStaffActionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AnyStaffActionRequirement requirement)
    {
        if (CurrentUser.RoleOf(context.User) is { } role && requirement.Actions.Any(a => RolePermissions.IsAllowed(role, a)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
