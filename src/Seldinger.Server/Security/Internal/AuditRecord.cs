namespace Seldinger.Server.Security.Internal;

/// <summary>One audit row before it is stored.</summary>
internal sealed record AuditRecord(
    DateTimeOffset At, string UserName, string? Role, string Action, string ResourceType, string? ResourceId,
    Guid? PatientId, string Method, string Path, string? RemoteAddress, int StatusCode, string Detail);
