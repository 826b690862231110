namespace Seldinger.Dicom;

/// <summary>Valid DICOM that this version of the library does not handle yet (e.g. decoding compressed pixel data).</summary>
public class DicomNotSupportedException : DicomException
{
    /// <summary>Creates an exception with no message.</summary>
    public DicomNotSupportedException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DicomNotSupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public DicomNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
