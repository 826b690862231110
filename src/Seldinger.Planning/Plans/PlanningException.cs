namespace Seldinger.Planning.Plans;

/// <summary>The input cannot be planned as asked (no target label in the volume, a target outside it, a missing landmark…); the message says what is missing in plain words.</summary>
public sealed class PlanningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlanningException()
    {
    }

    /// <summary>Creates the exception with a message for the user.</summary>
    public PlanningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PlanningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
