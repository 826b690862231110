namespace Seldinger.Server.Security.Internal;

/// <summary>Endpoint metadata: requests to this endpoint are audited as <see cref="ResourceType"/>.</summary>
internal sealed record AuditedResource(string ResourceType)
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
        var values = http.Request.RouteValues;
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
