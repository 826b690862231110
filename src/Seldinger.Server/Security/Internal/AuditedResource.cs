namespace Seldinger.Server.Security.Internal;

/// <summary>
/// Endpoint metadata: requests to this endpoint are audited, one row each, as <see cref="ResourceType"/>; the action is
/// <see cref="Action"/> when set (an export is one even when refused), else the method's.
/// </summary>
internal sealed record AuditedResource(string ResourceType, string? Action = null)
{
    /// <summary>The audit action of a request method; answers 401 and 403 are "denied".</summary>
    public static string ActionOf(string method, int statusCode) =>
        statusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden ? "denied"
        : HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? "read"
        : HttpMethods.IsPost(method) ? "create"
        : HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) ? "update"
        : HttpMethods.IsDelete(method) ? "delete"
        : method.ToLowerInvariant();

    /// <summary>The route value "id", else the first route value that is a Guid, else a series "uid".</summary>
    public static string? ResourceIdOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ResourceIdOf(http.Request.RouteValues);
    }

    /// <summary>As <see cref="ResourceIdOf(HttpContext)"/>, from the route values.</summary>
    public static string? ResourceIdOf(RouteValueDictionary values)
    {
        if (values.TryGetValue("id", out var id) && id?.ToString() is { Length: > 0 } s)
        {
            return s;
        }

        foreach (var (_, value) in values)
        {
            if (value?.ToString() is { } text && Guid.TryParse(text, out _))
            {
                return text;
            }
        }

        return values.TryGetValue("uid", out var uid) ? uid?.ToString() : null;
    }
}

/// <summary>What the route value of an audited endpoint (<see cref="AuditPatientRoute"/>) names, so that the child is found when no service said it.</summary>
internal enum AuditRouteSubject
{
    /// <summary>A referral: the child is the referral's patient.</summary>
    Referral,

    /// <summary>The patient.</summary>
    Patient,
}

/// <summary>
/// Endpoint metadata: the route value <see cref="RouteValue"/> names a <see cref="Subject"/>, whose child the audit row
/// carries when the request ended before a service named it (401, 403, 404, 400).
/// </summary>
internal sealed record AuditPatientRoute(AuditRouteSubject Subject, string RouteValue = "id");
