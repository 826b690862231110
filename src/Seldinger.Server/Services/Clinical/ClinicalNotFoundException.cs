namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// A record does not exist, or the user may not know that it exists (another clinician's referral); answered 404.
/// </summary>
public sealed class ClinicalNotFoundException : Exception
{
    /// <summary>Creates the exception for a resource type and id.</summary>
    public ClinicalNotFoundException(string resourceType, Guid id)
        : base($"No {resourceType} has id {id}.") => ResourceType = resourceType;

    /// <summary>Creates the exception.</summary>
    public ClinicalNotFoundException()
        : this("The record was not found.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClinicalNotFoundException(string message)
        : base(message) => ResourceType = "record";

    /// <summary>Creates the exception.</summary>
    public ClinicalNotFoundException(string message, Exception innerException)
        : base(message, innerException) => ResourceType = "record";

    /// <summary>The kind of record, e.g. "referral".</summary>
    public string ResourceType { get; }
}
