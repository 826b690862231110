using System.Globalization;

namespace Seldinger.Dicom;

/// <summary>A DICOM attribute tag: a (group, element) pair, ordered as the 32-bit number <c>group &lt;&lt; 16 | element</c>.</summary>
public readonly struct DicomTag : IEquatable<DicomTag>, IComparable<DicomTag>
{
    /// <summary>Creates a tag from its group and element numbers.</summary>
    public DicomTag(ushort group, ushort element)
    {
        Group = group;
        Element = element;
    }

    /// <summary>The group number.</summary>
    public ushort Group { get; }

    /// <summary>The element number.</summary>
    public ushort Element { get; }

    /// <summary>The tag as one 32-bit number, group in the high half.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>True for tags of odd groups (private data elements and private creators).</summary>
    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>True for a private creator element: odd group, element 0x0010–0x00FF.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>Creates a tag from its 32-bit value.</summary>
    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee" (hexadecimal, case-insensitive).</summary>
    /// <exception cref="FormatException">The text is not a tag.</exception>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var tag)
            ? tag
            : throw new FormatException($"'{text}' is not a DICOM tag; expected \"(gggg,eeee)\" with hexadecimal digits");
    }

    /// <summary>Tries to parse "(gggg,eeee)", "gggg,eeee" or "ggggeeee".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DicomTag tag)
    {
        tag = default;
        text = text.Trim();
        if (text.Length == 11 && text[0] == '(' && text[10] == ')')
        {
            text = text[1..10];
        }

        ReadOnlySpan<char> group;
        ReadOnlySpan<char> element;
        if (text.Length == 9 && text[4] == ',')
        {
            group = text[..4];
            element = text[5..];
        }
        else if (text.Length == 8)
        {
            group = text[..4];
            element = text[4..];
        }
        else
        {
            return false;
        }

        if (!ushort.TryParse(group, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g)
            || !ushort.TryParse(element, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var e))
        {
            return false;
        }

        tag = new DicomTag(g, e);
        return true;
    }

    /// <summary>Formats the tag as "(gggg,eeee)" with upper-case hexadecimal digits.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    /// <summary>The tag's dictionary keyword, or the empty string when it has none.</summary>
    public string Keyword => DicomDictionary.Lookup(this)?.Keyword ?? string.Empty;

    /// <summary>Formats the tag with its keyword when known, e.g. "(0010,0010) PatientName".</summary>
    public string ToDisplayString()
    {
        var keyword = Keyword;
        return keyword.Length == 0 ? ToString() : ToString() + " " + keyword;
    }

    /// <inheritdoc />
    public bool Equals(DicomTag other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DicomTag other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)Value;

    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>Equality.</summary>
    public static bool operator ==(DicomTag left, DicomTag right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DicomTag left, DicomTag right) => !left.Equals(right);

    /// <summary>Tag order.</summary>
    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    /// <summary>Tag order.</summary>
    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    /// <summary>Tag order.</summary>
    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    /// <summary>Tag order.</summary>
    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;
}
