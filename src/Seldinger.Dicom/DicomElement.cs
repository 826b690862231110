namespace Seldinger.Dicom;

/// <summary>
/// One data element: a tag, a VR and either a raw value (the bytes as encoded in little endian,
/// including any padding), a sequence of items (SQ) or encapsulated pixel data fragments.
/// </summary>
public sealed class DicomElement
{
    /// <summary>Creates an element with a raw value; the bytes are not copied.</summary>
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value)
    {
        ArgumentNullException.ThrowIfNull(vr);
        if (vr == DicomVR.SQ)
        {
            throw new ArgumentException($"{tag}: a sequence element takes a DicomSequence, not bytes", nameof(vr));
        }

        Tag = tag;
        VR = vr;
        Value = value;
    }

    /// <summary>Creates a sequence element.</summary>
    public DicomElement(DicomTag tag, DicomSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        Tag = tag;
        VR = DicomVR.SQ;
        Sequence = sequence;
    }

    /// <summary>Creates an encapsulated pixel data element (VR OB) from its fragments.</summary>
    public DicomElement(DicomTag tag, DicomFragmentSequence fragments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        Tag = tag;
        VR = DicomVR.OB;
        Fragments = fragments;
    }

    /// <summary>The tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The VR.</summary>
    public DicomVR VR { get; }

    /// <summary>The raw value in little endian, as stored; empty for sequences and encapsulated data.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The items when <see cref="VR"/> is SQ; otherwise null.</summary>
    public DicomSequence? Sequence { get; }

    /// <summary>The fragments of encapsulated (compressed) pixel data; otherwise null.</summary>
    public DicomFragmentSequence? Fragments { get; }

    /// <summary>The number of value bytes (0 for sequences and encapsulated data).</summary>
    public int Length => Value.Length;

    /// <summary>True when the element has no value (no bytes, no items, no fragments).</summary>
    public bool IsEmpty => Sequence is null ? Fragments is null && Value.IsEmpty : Sequence.Count == 0;

    /// <inheritdoc />
    public override string ToString() => $"{Tag} {VR.Code} ({(Sequence is not null ? Sequence.Count + " items" : Fragments is not null ? Fragments.Fragments.Count + " fragments" : Value.Length + " bytes")})";
}
