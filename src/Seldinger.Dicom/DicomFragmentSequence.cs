namespace Seldinger.Dicom;

/// <summary>
/// Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table (first item, possibly empty)
/// and the fragments that follow it, kept exactly as read.
/// </summary>
public sealed class DicomFragmentSequence
{
    /// <summary>Creates encapsulated pixel data from an offset table and fragments.</summary>
    public DicomFragmentSequence(ReadOnlyMemory<byte> offsetTable, IEnumerable<ReadOnlyMemory<byte>> fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        OffsetTable = offsetTable;
        Fragments = [.. fragments];
    }

    /// <summary>The Basic Offset Table item's value (empty when the table is empty).</summary>
    public ReadOnlyMemory<byte> OffsetTable { get; }

    /// <summary>The fragments, in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; }
}
