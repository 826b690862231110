namespace Seldinger.Server.Services;

/// <summary>A request field is missing or invalid; answered 400 with the field's name.</summary>
public sealed class RequestFieldException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/> (its JSON name, e.g. <c>target.x</c>).</summary>
    public RequestFieldException(string field, string message)
        : base(message) => Field = field;

    /// <summary>Creates the exception.</summary>
    public RequestFieldException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestFieldException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The JSON name of the field, e.g. <c>procedureId</c> or <c>target.z</c>.</summary>
    public string Field { get; } = "";
}
