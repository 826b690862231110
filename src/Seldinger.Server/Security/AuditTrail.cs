using Seldinger.Server.Security.Internal;

namespace Seldinger.Server.Security;

/// <summary>
/// Appends who did what to which record, when and from where, to the append-only audit trail.
/// </summary>
public sealed class AuditTrail
{
    private readonly IHttpContextAccessor _accessor;
    private readonly TimeProvider _time;
    private readonly IAuditStore _store;

    internal AuditTrail(IHttpContextAccessor accessor, TimeProvider time, IAuditStore store)
    {
        _accessor = accessor;
        _time = time;
        _store = store;
    }

    /// <summary>
    /// Records <paramref name="action"/> (read, create, update, delete, export, …) on a resource by the
    /// current user, with the request's remote address, method, path and status code.
    /// </summary>
    public Task RecordAsync(string action, string resourceType, string? resourceId, Guid? patientId, string detail = "", CancellationToken ct = default) =>
        RecordAsync(action, resourceType, resourceId, patientId, detail, statusCode: null, userName: null, ct);

    /// <summary>As the public overload, with the answer's status and the user name when the request has none yet (sign-in).</summary>
    internal async Task RecordAsync(
        string action, string resourceType, string? resourceId, Guid? patientId, string detail, int? statusCode, string? userName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        var http = _accessor.HttpContext;
        var user = http is null ? new CurrentUser(new System.Security.Claims.ClaimsPrincipal()) : new CurrentUser(http.User);
        var record = new AuditRecord(
            _time.GetUtcNow(),
            userName ?? (user.IsAuthenticated ? user.UserName : "anonymous"),
            user.Role?.ToString(),
            action,
            resourceType,
            resourceId,
            patientId,
            http?.Request.Method ?? "",
            http is null ? "" : $"{http.Request.PathBase}{http.Request.Path}",
            http?.Connection.RemoteIpAddress?.ToString(),
            statusCode ?? http?.Response.StatusCode ?? 0,
            detail ?? "");
        await _store.AppendAsync(record, ct).ConfigureAwait(false);
    }
}
