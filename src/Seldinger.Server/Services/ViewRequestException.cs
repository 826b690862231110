namespace Seldinger.Server.Services;

/// <summary>A view request that cannot be answered as asked; the endpoints turn it into a 400 or 404 problem detail.</summary>
public sealed class ViewRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ViewRequestException()
    {
    }

    /// <summary>Creates the exception with a message for the client.</summary>
    public ViewRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ViewRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the HTTP status to answer.</summary>
    public ViewRequestException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status to answer (400 unless set).</summary>
    public int StatusCode { get; } = StatusCodes.Status400BadRequest;
}
