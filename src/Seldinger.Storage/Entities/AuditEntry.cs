namespace Seldinger.Storage.Entities;

/// <summary>
/// One line of the audit trail: who did what to which record, when and from where. The trail is
/// append-only; the context and the database both refuse to change or remove a line.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Sequence number, assigned by the database.</summary>
    public long Id { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The user name, or "anonymous" before sign-in.</summary>
    public required string UserName { get; set; }

    /// <summary>The user's role at the time, when signed in.</summary>
    public string? Role { get; set; }

    /// <summary>
    /// What was done: "read", "create", "update", "delete", "sign-in", "sign-in-failed", "sign-out",
    /// "export" or "denied".
    /// </summary>
    public required string Action { get; set; }

    /// <summary>The kind of record, e.g. "referral".</summary>
    public required string ResourceType { get; set; }

    /// <summary>The record's identifier, when one record is concerned.</summary>
    public string? ResourceId { get; set; }

    /// <summary>The child the record belongs to, so that a patient's access history can be listed.</summary>
    public Guid? PatientId { get; set; }

    /// <summary>The HTTP method, or the command for actions outside the web server.</summary>
    public string Method { get; set; } = "";

    /// <summary>The request path.</summary>
    public string Path { get; set; } = "";

    /// <summary>The client address, when known.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; set; }

    /// <summary>Free text, e.g. why access was denied.</summary>
    public string Detail { get; set; } = "";
}
