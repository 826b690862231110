namespace Seldinger.Dicom.Pixels;

/// <summary>
/// Where the Pixel Data of a file read with <see cref="DicomReadOptions.DeferPixelData"/> lies: the
/// value's file offset and length (native) or each fragment's offset and length (encapsulated).
/// <see cref="DicomPixelData"/> reads frames from the file through it, one at a time.
/// </summary>
public sealed class DeferredPixelData
{
    internal DeferredPixelData(string filePath, DicomTag tag, DicomVR vr, long valueOffset, long valueLength, ReadOnlyMemory<byte> offsetTable, long[]? fragmentOffsets, int[]? fragmentLengths)
    {
        FilePath = filePath;
        Tag = tag;
        VR = vr;
        ValueOffset = valueOffset;
        ValueLength = valueLength;
        OffsetTable = offsetTable;
        FragmentOffsets = fragmentOffsets ?? [];
        FragmentLengths = fragmentLengths ?? [];
        IsEncapsulated = fragmentOffsets is not null;
    }

    /// <summary>The file the pixel data is read from.</summary>
    public string FilePath { get; }

    /// <summary>The pixel data element's tag, (7FE0,0010).</summary>
    public DicomTag Tag { get; }

    /// <summary>The element's VR (OB or OW).</summary>
    public DicomVR VR { get; }

    /// <summary>True when the data is encapsulated (fragments).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>The file offset of the value (native) or of the Basic Offset Table item (encapsulated).</summary>
    public long ValueOffset { get; }

    /// <summary>The value's length in bytes for native data; -1 for encapsulated data.</summary>
    public long ValueLength { get; }

    /// <summary>The Basic Offset Table item's value (encapsulated only; may be empty).</summary>
    public ReadOnlyMemory<byte> OffsetTable { get; }

    /// <summary>The file offset of each fragment's value (encapsulated only).</summary>
    public IReadOnlyList<long> FragmentOffsets { get; }

    /// <summary>The length of each fragment's value (encapsulated only).</summary>
    public IReadOnlyList<int> FragmentLengths { get; }

    /// <summary>Reads <paramref name="destination"/>.Length bytes at <paramref name="fileOffset"/>.</summary>
    internal void Read(long fileOffset, Span<byte> destination)
    {
        using var handle = File.OpenHandle(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[done..], fileOffset + done);
            if (read == 0)
            {
                throw new DicomFileException(FilePath, fileOffset + done, Tag, $"pixel data ends early: the file is shorter than when it was read");
            }

            done += read;
        }
    }
}
