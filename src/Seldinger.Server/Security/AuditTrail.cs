using Seldinger.Server.Security.Internal;

namespace Seldinger.Server.Security;

/// <summary>
/// Appends who did what to which record, when and from where, to the append-only audit trail. A request to an
/// audited endpoint or page gets exactly one row: what services record during it is gathered and written once, with
/// the answer's status, when the answer starts.
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
    /// Records <paramref name="action"/> (read, create, update, delete, export, …) on a resource by the current user.
    /// Inside a request to an audited endpoint or page this adds to the request's one row (written when the answer
    /// starts, with its status); elsewhere it writes a row now, with the request's address, method, path and status.
    /// </summary>
    public Task RecordAsync(string action, string resourceType, string? resourceId, Guid? patientId, string detail = "", CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        if (_accessor.HttpContext?.Features.Get<AuditScope>() is { } scope)
        {
            scope.Note(new AuditFact(action, resourceType, resourceId, patientId, detail ?? ""));
            return Task.CompletedTask;
        }

        return RecordAsync(action, resourceType, resourceId, patientId, detail ?? "", statusCode: null, userName: null, ct);
    }

    /// <summary>Writes a row now, with the answer's status and the user name when the request has none yet (sign-in).</summary>
    internal Task RecordAsync(
        string action, string resourceType, string? resourceId, Guid? patientId, string detail, int? statusCode, string? userName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        var http = _accessor.HttpContext;
        return WriteAsync(http, new AuditFact(action, resourceType, resourceId, patientId, detail ?? ""), statusCode ?? http?.Response.StatusCode ?? 0, userName, ct);
    }

    /// <summary>Writes one row of <paramref name="fact"/> about <paramref name="http"/>'s request (none outside a request).</summary>
    internal Task WriteAsync(HttpContext? http, AuditFact fact, int statusCode, string? userName, CancellationToken ct) =>
        AppendAsync(Row(http, fact, statusCode, userName), ct);

    /// <summary>Appends <paramref name="record"/>.</summary>
    internal Task AppendAsync(AuditRecord record, CancellationToken ct) => _store.AppendAsync(record, ct);

    /// <summary>The row of <paramref name="fact"/> about <paramref name="http"/>'s request, by its user, now.</summary>
    internal AuditRecord Row(HttpContext? http, AuditFact fact, int statusCode, string? userName)
    {
        var user = new CurrentUser(http?.User ?? new System.Security.Claims.ClaimsPrincipal());
        return new AuditRecord(
            _time.GetUtcNow(),
            userName ?? (user.IsAuthenticated ? user.UserName : "anonymous"),
            user.Role?.ToString(),
            fact.Action,
            fact.ResourceType,
            fact.ResourceId,
            fact.PatientId,
            http?.Request.Method ?? "",
            http is null ? "" : $"{http.Request.PathBase}{http.Request.Path}",
            http?.Connection.RemoteIpAddress?.ToString(),
            statusCode,
            fact.Detail);
    }
}
