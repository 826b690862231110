using Seldinger.Clinical.Security;
using Seldinger.Server.Security.Internal;

namespace Seldinger.Server.Security;

/// <summary>Protects and audits endpoints and endpoint groups.</summary>
public static class EndpointSecurityExtensions
{
    /// <summary>Only signed-in users whose role may do <paramref name="action"/> reach the endpoints (401 anonymous, 403 otherwise).</summary>
    public static TBuilder RequireAction<TBuilder>(this TBuilder builder, StaffAction action)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(PolicyName(action));
    }

    /// <summary>
    /// Records every call in the audit trail after the handler: GET read, POST create, PUT/PATCH update,
    /// DELETE delete, 401/403 denied; the resource id is the route value "id" or the first Guid route value.
    /// </summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string resourceType)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        builder.WithMetadata(new AuditedResource(resourceType));
        return builder.AddEndpointFilter(new AuditedEndpointFilter(resourceType));
    }

    /// <summary>The authorization policy of <paramref name="action"/>: its name.</summary>
    public static string PolicyName(StaffAction action) => action.ToString();
}
