using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security.Internal;

/// <summary>
/// Appends audit rows through a context of its own, so that a request's unsaved or failed changes are
/// never saved with them.
/// </summary>
internal sealed class DbAuditStore(StorageOptions storage) : IAuditStore
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = SeldingerDbContextFactory.Create(storage);
        db.AuditEntries.Add(new AuditEntry
        {
            At = record.At,
            UserName = Truncate(record.UserName, 64),
            Role = record.Role,
            Action = record.Action,
            ResourceType = record.ResourceType,
            ResourceId = record.ResourceId,
            PatientId = record.PatientId,
            Method = record.Method,
            Path = Truncate(record.Path, 512),
            RemoteAddress = record.RemoteAddress,
            StatusCode = record.StatusCode,
            Detail = Truncate(record.Detail, 1000),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
