using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security.Internal;

/// <summary>
/// The registered policies (one per <see cref="StaffAction"/>), and the "any of" policies named by their actions joined
/// with '|' (<c>ReadAllReferrals|ReadOwnReferrals</c>), built when first asked for.
/// </summary>
internal sealed class StaffActionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (await base.GetPolicyAsync(policyName).ConfigureAwait(false) is { } registered)
        {
            return registered;
        }

        return EndpointSecurityExtensions.ParsePolicyName(policyName) is { Count: > 1 } actions
            ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AnyStaffActionRequirement(actions)).Build()
            : null;
    }
}
