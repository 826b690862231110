namespace Seldinger.Server.Security.Internal;

/// <summary>Writes audit rows to the log.</summary>
internal sealed partial class LogAuditStore(ILogger<LogAuditStore> logger) : IAuditStore
{
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        Log(logger, record.UserName, record.Action, record.ResourceType, record.ResourceId, record.Path, record.StatusCode);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {User} {Action} {ResourceType} {ResourceId} {Path} {Status}")]
    private static partial void Log(ILogger logger, string user, string action, string resourceType, string? resourceId, string path, int status);
}
