using System.Collections.Frozen;

namespace Seldinger.Dicom;

/// <summary>
/// The DICOM data dictionary (PS3.6), generated from the pinned DCMTK dictionary in data/dicom.dic.
/// Lookups are a binary search over a sorted array; repeating groups (50xx, 60xx, 7Fxx) are
/// matched by mask; group lengths and private creators are recognised by rule.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "PS3.6 calls it the data dictionary.")]
public static partial class DicomDictionary
{
    /// <summary>The number of entries generated from the pinned dictionary.</summary>
    public static int Count => ExactEntries.Length + MaskedEntries.Length;

    /// <summary>Every generated entry, exact tags first in tag order, then repeating-group entries.</summary>
    public static IEnumerable<DicomDictionaryEntry> Entries => ExactEntries.Concat(MaskedEntries);

    /// <summary>
    /// Finds the entry for <paramref name="tag"/>. Private data elements other than private
    /// creators have no entry (their meaning depends on the creator) and give null.
    /// </summary>
    public static DicomDictionaryEntry? Lookup(DicomTag tag)
    {
        var value = tag.Value;
        var entries = ExactEntries;
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var midValue = entries[mid].Tag.Value;
            if (midValue == value)
            {
                return entries[mid];
            }

            if (midValue < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        foreach (var entry in MaskedEntries)
        {
            if (entry.Matches(tag))
            {
                return entry;
            }
        }

        if (tag.Element == 0)
        {
            return new DicomDictionaryEntry(value, 0xFFFFFFFF, "GroupLength", "Group Length", DicomVR.UL, null, "1", tag.Group != 0x0000 && tag.Group != 0x0002);
        }

        if (tag.IsPrivateCreator)
        {
            return new DicomDictionaryEntry(value, 0xFFFFFFFF, "PrivateCreator", "Private Creator", DicomVR.LO, null, "1", false);
        }

        return null;
    }

    /// <summary>Finds the entry whose keyword is <paramref name="keyword"/> (case-sensitive), or null.</summary>
    public static DicomDictionaryEntry? Lookup(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return KeywordIndex.Map.GetValueOrDefault(keyword);
    }

    /// <summary>The VR to use for <paramref name="tag"/> when the stream does not say (implicit VR): UN when unknown.</summary>
    public static DicomVR DefaultVR(DicomTag tag) => Lookup(tag)?.VR ?? DicomVR.UN;

    // A nested holder so the index is built on first use, after the generated arrays (which live in
    // another part of this partial class, whose field initialisation order is unspecified).
    private static class KeywordIndex
    {
        public static readonly FrozenDictionary<string, DicomDictionaryEntry> Map = Build();
    }

    private static FrozenDictionary<string, DicomDictionaryEntry> Build()
    {
        var map = new Dictionary<string, DicomDictionaryEntry>(ExactEntries.Length + MaskedEntries.Length, StringComparer.Ordinal);
        foreach (var entry in ExactEntries)
        {
            map[entry.Keyword] = entry;
        }

        foreach (var entry in MaskedEntries)
        {
            map[entry.Keyword] = entry;
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
