using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Seldinger.Server.Security.Internal;

/// <summary>
/// Notes refused requests to audited endpoints and pages as "denied" (401 without a session, 403 without the role's
/// action) in the request's one audit row: the authorization middleware answers them before any handler runs.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Challenged || authorizeResult.Forbidden) && context.Features.Get<AuditScope>() is { } scope)
        {
            var status = authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            var actions = policy.Requirements.OfType<StaffActionRequirement>().Select(r => r.Action.ToString())
                .Concat(policy.Requirements.OfType<AnyStaffActionRequirement>().Select(r => string.Join("|", r.Actions)));
            scope.Deny(status, $"policy {string.Join(",", actions)}");
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
