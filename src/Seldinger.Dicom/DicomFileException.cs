namespace Seldinger.Dicom;

/// <summary>
/// A file or stream could not be read as DICOM. The message is one line naming the file, the
/// byte offset and, when known, the element: <c>CT.dcm: byte 1234: element (7FE0,0010) declares 524288 bytes but only 1000 remain</c>.
/// </summary>
public class DicomFileException : DicomException
{
    /// <summary>Creates an exception with no message.</summary>
    public DicomFileException()
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception with a message.</summary>
    public DicomFileException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public DicomFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception located in a file; the message is built from the location and <paramref name="detail"/>.</summary>
    public DicomFileException(string filePath, long offset, DicomTag? tag, string detail, Exception? innerException = null)
        : base(Format(filePath, offset, detail), innerException)
    {
        FilePath = filePath;
        Offset = offset;
        Tag = tag;
        Detail = detail;
    }

    /// <summary>The path of the file (or the name given for a stream).</summary>
    public string FilePath { get; }

    /// <summary>The byte offset in the file where the problem was found (in the inflated dataset for deflated files).</summary>
    public long Offset { get; }

    /// <summary>The element being read, when there is one.</summary>
    public DicomTag? Tag { get; }

    /// <summary>The message without the file name and offset.</summary>
    public string Detail { get; } = string.Empty;

    private static string Format(string filePath, long offset, string detail)
    {
        var name = Path.GetFileName(filePath);
        return $"{(name.Length == 0 ? filePath : name)}: byte {offset}: {detail}";
    }
}
