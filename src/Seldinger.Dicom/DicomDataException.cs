namespace Seldinger.Dicom;

/// <summary>
/// A dataset does not hold what was asked of it: a missing required element, a value of the
/// wrong VR, a value that cannot be parsed or encoded.
/// </summary>
public class DicomDataException : DicomException
{
    /// <summary>Creates an exception with no message.</summary>
    public DicomDataException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DicomDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public DicomDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about <paramref name="tag"/>; the message is prefixed with the tag and its keyword.</summary>
    public DicomDataException(DicomTag tag, string message)
        : base(tag.ToDisplayString() + ": " + message)
    {
        Tag = tag;
    }

    /// <summary>The element concerned, when there is one.</summary>
    public DicomTag? Tag { get; }
}
