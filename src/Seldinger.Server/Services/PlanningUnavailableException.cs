namespace Seldinger.Server.Services;

/// <summary>The case lacks something planning needs (series, label map, target); the message says what.</summary>
public sealed class PlanningUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlanningUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlanningUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlanningUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
