namespace Seldinger.Server.Services.Clinical;

/// <summary>The user's role may reach the endpoint but not do this particular thing (e.g. override discharge criteria); answered 403.</summary>
public sealed class ClinicalForbiddenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClinicalForbiddenException()
        : this("Your role may not do this.")
    {
    }

    /// <summary>Creates the exception with a message that says who may.</summary>
    public ClinicalForbiddenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClinicalForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
