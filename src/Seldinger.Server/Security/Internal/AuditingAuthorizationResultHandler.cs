using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Seldinger.Server.Security.Internal;

/// <summary>
/// Records refused requests to audited endpoints as "denied": the authorization middleware answers
/// them before any endpoint filter runs.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Challenged || authorizeResult.Forbidden)
            && context.GetEndpoint()?.Metadata.GetMetadata<AuditedResource>() is { } audited)
        {
            var status = authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(
                "denied", audited.ResourceType, AuditedResource.ResourceIdOf(context), patientId: null,
                detail: $"policy {string.Join(",", policy.Requirements.OfType<StaffActionRequirement>().Select(r => r.Action))}",
                statusCode: status, userName: null, context.RequestAborted).ConfigureAwait(false);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
