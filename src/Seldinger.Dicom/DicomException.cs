namespace Seldinger.Dicom;

/// <summary>The base of every error raised by the DICOM library for bad input or unsupported content.</summary>
public class DicomException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public DicomException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DicomException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public DicomException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
