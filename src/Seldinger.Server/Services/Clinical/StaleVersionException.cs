namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// An update was based on an older version of a record than the stored one; answered 409 with the current version
/// so that the client can reload.
/// </summary>
public sealed class StaleVersionException : Exception
{
    /// <summary>Creates the exception for a record and the version now stored.</summary>
    public StaleVersionException(string resourceType, int? currentVersion)
        : base($"This {resourceType} was changed by someone else since you opened it; reload.")
    {
        ResourceType = resourceType;
        CurrentVersion = currentVersion;
    }

    /// <summary>Creates the exception.</summary>
    public StaleVersionException()
        : this("record", (int?)null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StaleVersionException(string message)
        : base(message) => ResourceType = "record";

    /// <summary>Creates the exception.</summary>
    public StaleVersionException(string message, Exception innerException)
        : base(message, innerException) => ResourceType = "record";

    /// <summary>The kind of record, e.g. "appointment".</summary>
    public string ResourceType { get; }

    /// <summary>The version now stored, when known.</summary>
    public int? CurrentVersion { get; }
}
