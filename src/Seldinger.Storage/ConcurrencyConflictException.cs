namespace Seldinger.Storage;

/// <summary>
/// A save was refused because someone else changed or removed the record since it was read; nothing
/// of the save was written.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ConcurrencyConflictException()
        : this("The record was changed by someone else.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
        EntityType = "";
    }

    /// <summary>Creates the exception with a message and the store's exception.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        EntityType = "";
    }

    /// <summary>Creates the exception for one record.</summary>
    public ConcurrencyConflictException(string entityType, Guid? id, int? currentVersion, Exception? innerException)
        : base(Describe(entityType, id, currentVersion), innerException)
    {
        EntityType = entityType;
        Id = id;
        CurrentVersion = currentVersion;
    }

    /// <summary>The kind of record, e.g. "Referral".</summary>
    public string EntityType { get; }

    /// <summary>The record's identifier, when it has a Guid key.</summary>
    public Guid? Id { get; }

    /// <summary>The version now stored; null when the record was removed or the version is unknown.</summary>
    public int? CurrentVersion { get; }

    private static string Describe(string entityType, Guid? id, int? currentVersion) =>
        currentVersion is { } v
            ? $"{entityType} {id} was changed by someone else (now version {v}); reload it and apply the change again."
            : $"{entityType} {id} was changed or removed by someone else; reload it.";
}
