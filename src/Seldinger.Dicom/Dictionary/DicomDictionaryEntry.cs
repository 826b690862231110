namespace Seldinger.Dicom;

/// <summary>One entry of the DICOM data dictionary (PS3.6).</summary>
public sealed class DicomDictionaryEntry
{
    internal DicomDictionaryEntry(uint tag, uint mask, string keyword, string name, DicomVR? vr, DicomVR? alternateVR, string valueMultiplicity, bool isRetired)
    {
        Tag = DicomTag.FromValue(tag);
        Mask = mask;
        Keyword = keyword;
        Name = name;
        VR = vr;
        AlternateVR = alternateVR;
        ValueMultiplicity = valueMultiplicity;
        IsRetired = isRetired;
    }

    /// <summary>The tag; for a repeating group (e.g. overlays, 60xx) the first tag of the range.</summary>
    public DicomTag Tag { get; }

    /// <summary>The bits of a tag that must equal <see cref="Tag"/> for the entry to apply: 0xFFFFFFFF for a single tag.</summary>
    public uint Mask { get; }

    /// <summary>The keyword, e.g. "PatientName" (without DCMTK's "RETIRED_" prefix).</summary>
    public string Keyword { get; }

    /// <summary>A readable name derived from the keyword, e.g. "Patient Name".</summary>
    public string Name { get; }

    /// <summary>The VR, or the one used when the VR is not in the stream; null for the item delimiters (FFFE,xxxx).</summary>
    public DicomVR? VR { get; }

    /// <summary>The other VR the attribute may take (SS for US/SS, OB for OB/OW), or null.</summary>
    public DicomVR? AlternateVR { get; }

    /// <summary>The value multiplicity as written in PS3.6, e.g. "1", "1-n", "2-2n".</summary>
    public string ValueMultiplicity { get; }

    /// <summary>True when the attribute is retired from the standard.</summary>
    public bool IsRetired { get; }

    /// <summary>True when <paramref name="tag"/> is described by this entry.</summary>
    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Tag.Value;

    /// <inheritdoc />
    public override string ToString() => $"{Tag} {VR?.Code ?? "--"} {Keyword} VM {ValueMultiplicity}";
}
