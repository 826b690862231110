namespace Seldinger.Server.Security.Internal;

/// <summary>Appends audit rows.</summary>
internal interface IAuditStore
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);
}
