namespace Seldinger.Server.Services;

/// <summary>The request body went past <see cref="ImportOptions.MaxRequestBytes"/>; answered 413.</summary>
public sealed class ImportTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ImportTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ImportTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
