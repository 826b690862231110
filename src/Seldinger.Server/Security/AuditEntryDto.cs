using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security;

/// <summary>One line of the audit trail.</summary>
/// <param name="Id">Sequence number.</param>
/// <param name="At">When.</param>
/// <param name="UserName">Who.</param>
/// <param name="Role">Their role then.</param>
/// <param name="Action">What (read, create, update, delete, sign-in, sign-in-failed, sign-out, export, denied).</param>
/// <param name="ResourceType">Kind of record.</param>
/// <param name="ResourceId">Which record.</param>
/// <param name="PatientId">Whose record.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="RemoteAddress">Client address.</param>
/// <param name="StatusCode">Status answered.</param>
/// <param name="Detail">Free text.</param>
public sealed record AuditEntryDto(
    long Id, DateTimeOffset At, string UserName, string? Role, string Action, string ResourceType, string? ResourceId,
    Guid? PatientId, string Method, string Path, string? RemoteAddress, int StatusCode, string Detail)
{
    /// <summary>The entry's answer.</summary>
    public static AuditEntryDto From(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new AuditEntryDto(e.Id, e.At, e.UserName, e.Role, e.Action, e.ResourceType, e.ResourceId, e.PatientId, e.Method, e.Path,
            e.RemoteAddress, e.StatusCode, e.Detail);
    }
}
