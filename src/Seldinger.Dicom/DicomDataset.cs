using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using Seldinger.Dicom.Internal;
using Seldinger.Dicom.Text;

namespace Seldinger.Dicom;

/// <summary>
/// A DICOM dataset: data elements ordered by tag. Setters take the VR from the dictionary unless
/// given; getters throw <see cref="DicomDataException"/> naming the tag when a required element is
/// missing or holds something else.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements = [];
    private string? _parsedCharacterSetValue;
    private DicomCharacterSet _parsedCharacterSet = DicomCharacterSet.Default;

    /// <summary>The number of elements at this level (items of sequences not counted).</summary>
    public int Count => _elements.Count;

    /// <summary>
    /// True (the default for new items) when this dataset, as a sequence item, is written with undefined
    /// length and an item delimiter; false when it was read with an explicit length, which writing keeps.
    /// </summary>
    public bool HasUndefinedItemLength { get; set; } = true;

    /// <summary>The Specific Character Set inherited from the enclosing dataset, used when this one has none.</summary>
    internal string? InheritedCharacterSet { get; set; }

    /// <summary>The Specific Character Set (0008,0005) in force for this dataset, or null for the default repertoire.</summary>
    public string? CharacterSet
    {
        get
        {
            var index = IndexOf(DicomTags.SpecificCharacterSet);
            return index >= 0 ? DicomText.Decode(_elements[index].Value.Span, DicomVR.CS, null).TrimEnd(' ', '\0') : InheritedCharacterSet;
        }
    }

    /// <summary>
    /// The character set that decodes and encodes this dataset's text: its own Specific Character Set,
    /// else the one inherited from the enclosing dataset (for sequence items), else the default repertoire.
    /// </summary>
    public DicomCharacterSet TextCharacterSet
    {
        get
        {
            var value = CharacterSet ?? string.Empty;
            if (!string.Equals(value, _parsedCharacterSetValue, StringComparison.Ordinal))
            {
                _parsedCharacterSet = DicomCharacterSet.Parse(value);
                _parsedCharacterSetValue = value;
            }

            return _parsedCharacterSet;
        }
    }

    /// <summary>True when the dataset holds an element with <paramref name="tag"/>.</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>Adds <paramref name="element"/>, replacing any element with the same tag.</summary>
    public void Set(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Sequence is not null)
        {
            var characterSet = CharacterSet;
            foreach (var item in element.Sequence)
            {
                item.Inherit(characterSet);
            }
        }

        var count = _elements.Count;
        if (count == 0 || _elements[count - 1].Tag.Value < element.Tag.Value)
        {
            _elements.Add(element);
        }
        else
        {
            var index = IndexOf(element.Tag);
            if (index >= 0)
            {
                _elements[index] = element;
            }
            else
            {
                _elements.Insert(~index, element);
            }
        }

        if (element.Tag == DicomTags.SpecificCharacterSet)
        {
            PropagateCharacterSet();
        }
    }

    /// <summary>Removes the element with <paramref name="tag"/>; returns false when there was none.</summary>
    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        _elements.RemoveAt(index);
        if (tag == DicomTags.SpecificCharacterSet)
        {
            PropagateCharacterSet();
        }

        return true;
    }

    /// <summary>The element with <paramref name="tag"/>, or null.</summary>
    public DicomElement? Find(DicomTag tag)
    {
        var index = IndexOf(tag);
        return index >= 0 ? _elements[index] : null;
    }

    /// <summary>Tries to get the element with <paramref name="tag"/>.</summary>
    public bool TryGetElement(DicomTag tag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DicomElement? element)
    {
        element = Find(tag);
        return element is not null;
    }

    /// <summary>The element with <paramref name="tag"/>.</summary>
    /// <exception cref="DicomDataException">The element is missing.</exception>
    public DicomElement GetElement(DicomTag tag) => Find(tag) ?? throw Missing(tag);

    // ---- setters ----

    /// <summary>Sets a string value with the VR from the dictionary; a multi-valued value is joined with '\'.</summary>
    /// <exception cref="DicomDataException">The tag has no string VR in the dictionary, or the value does not fit the VR.</exception>
    public void SetString(DicomTag tag, string value) => SetString(tag, DictionaryVR(tag, "SetString(tag, vr, value)"), value);

    /// <summary>Sets a string value with an explicit VR.</summary>
    /// <exception cref="DicomDataException">The VR is not a string VR or the value does not fit it.</exception>
    public void SetString(DicomTag tag, DicomVR vr, string value)
    {
        ArgumentNullException.ThrowIfNull(vr);
        ArgumentNullException.ThrowIfNull(value);
        if (!vr.IsString)
        {
            throw new DicomDataException(tag, $"VR {vr.Code} is not a string VR; use the typed setter (SetUInt16, SetBytes...)");
        }

        Validate(tag, vr, value);
        var characterSet = tag == DicomTags.SpecificCharacterSet ? DicomCharacterSet.Default : TextCharacterSet;
        Set(new DicomElement(tag, vr, DicomText.Encode(tag, vr, value, characterSet)));
    }

    /// <summary>Sets Person Name (PN) values, encoded in the dataset's character set.</summary>
    /// <exception cref="DicomDataException">A name has characters the dataset's character set cannot hold, or the tag is not PN.</exception>
    public void SetPersonNames(DicomTag tag, params DicomPersonName[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var vr = DictionaryVR(tag, "SetString(tag, DicomVR.PN, value)");
        if (vr != DicomVR.PN)
        {
            throw new DicomDataException(tag, $"has VR {vr.Code} in the data dictionary, not PN");
        }

        SetString(tag, DicomVR.PN, string.Join('\\', names.Select(n => (n ?? throw new ArgumentNullException(nameof(names))).ToString())));
    }

    /// <summary>Sets Attribute Tag (AT) values.</summary>
    public void SetTags(DicomTag tag, params DicomTag[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBinaryVR(tag, DicomVR.AT);
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4), values[i].Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4 + 2), values[i].Element);
        }

        Set(new DicomElement(tag, DicomVR.AT, bytes));
    }

    /// <summary>Sets Floating Point Single (FL) values.</summary>
    public void SetFloat32s(DicomTag tag, params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBinaryVR(tag, DicomVR.FL);
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        Set(new DicomElement(tag, DicomVR.FL, bytes));
    }

    /// <summary>Sets Signed 64-bit Very Long (SV) values.</summary>
    public void SetInt64s(DicomTag tag, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBinaryVR(tag, DicomVR.SV);
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        Set(new DicomElement(tag, DicomVR.SV, bytes));
    }

    /// <summary>Sets Unsigned 64-bit Very Long (UV) values.</summary>
    public void SetUInt64s(DicomTag tag, params ulong[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBinaryVR(tag, DicomVR.UV);
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        Set(new DicomElement(tag, DicomVR.UV, bytes));
    }

    /// <summary>
    /// Sets a string value encoded with the dataset's character set, without the length and repertoire checks
    /// of <see cref="SetString(DicomTag, DicomVR, string)"/>: for values taken from another encoding of the
    /// same data (DICOM JSON), which must survive as they were.
    /// </summary>
    internal void SetStringAsIs(DicomTag tag, DicomVR vr, string value)
    {
        var characterSet = tag == DicomTags.SpecificCharacterSet ? DicomCharacterSet.Default : TextCharacterSet;
        Set(new DicomElement(tag, vr, DicomText.Encode(tag, vr, value, characterSet)));
    }

    /// <summary>Sets several string values (joined with '\') with the VR from the dictionary.</summary>
    public void SetStrings(DicomTag tag, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var v in values)
        {
            if (v is null || v.Contains('\\', StringComparison.Ordinal))
            {
                throw new DicomDataException(tag, "a value of a multi-valued string must not be null or contain '\\'");
            }
        }

        SetString(tag, string.Join('\\', values));
    }

    /// <summary>Sets Decimal String (DS) values, each formatted in at most 16 characters (invariant culture, shortest round-trip form when it fits).</summary>
    public void SetDecimalStrings(DicomTag tag, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            texts[i] = DicomText.FormatDecimalString(tag, values[i]);
        }

        SetString(tag, DicomVR.DS, string.Join('\\', texts));
    }

    /// <summary>Sets Integer String (IS) values.</summary>
    public void SetIntegerString(DicomTag tag, params int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            texts[i] = values[i].ToString(CultureInfo.InvariantCulture);
        }

        SetString(tag, DicomVR.IS, string.Join('\\', texts));
    }

    /// <summary>Sets one Unsigned Short (US) value.</summary>
    public void SetUInt16(DicomTag tag, ushort value) => SetUInt16s(tag, value);

    /// <summary>Sets Unsigned Short (US) values.</summary>
    public void SetUInt16s(DicomTag tag, params ushort[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBinaryVR(tag, DicomVR.US);
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        Set(new DicomElement(tag, DicomVR.US, bytes));
    }

    /// <summary>Sets Floating Point Double (FD) values.</summary>
    public void SetFloat64s(DicomTag tag, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBinaryVR(tag, DicomVR.FD);
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        Set(new DicomElement(tag, DicomVR.FD, bytes));
    }

    /// <summary>Sets a raw value (little endian) with an explicit VR; the bytes are not copied. Odd lengths are padded when written.</summary>
    public void SetBytes(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value) => Set(new DicomElement(tag, vr, value));

    /// <summary>Sets a sequence (SQ) element with <paramref name="items"/>.</summary>
    public void SetSequence(DicomTag tag, IEnumerable<DicomDataset> items) => Set(new DicomElement(tag, new DicomSequence(items)));

    // ---- getters ----

    /// <summary>Tries to get the value as text (see <see cref="GetString"/>); false when missing or a sequence.</summary>
    public bool TryGetString(DicomTag tag, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        var element = Find(tag);
        if (element is null || element.Sequence is not null || element.Fragments is not null)
        {
            value = null;
            return false;
        }

        value = ToText(element);
        return true;
    }

    /// <summary>
    /// The value as text with padding trimmed; all values joined by '\'. Binary numbers are
    /// formatted in invariant culture.
    /// </summary>
    /// <exception cref="DicomDataException">The element is missing or is a sequence.</exception>
    public string GetString(DicomTag tag)
    {
        var element = GetElement(tag);
        if (element.Sequence is not null || element.Fragments is not null)
        {
            throw new DicomDataException(tag, $"is a {(element.Sequence is not null ? "sequence" : "encapsulated pixel data")}, not a string");
        }

        return ToText(element);
    }

    /// <summary>The string values, split on '\' (except LT, ST, UT, UR) and trimmed; empty for an empty element.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        var element = GetElement(tag);
        var vr = DicomText.ValueVR(element);
        if (!vr.IsString)
        {
            if (vr.IsBinaryNumber)
            {
                var count = DicomText.BinaryCount(vr, element.Length);
                var result = new string[count];
                for (var i = 0; i < count; i++)
                {
                    result[i] = DicomText.FormatBinary(vr, element.Value.Span, i);
                }

                return result;
            }

            throw new DicomDataException(tag, $"VR {vr.Code} is not a string VR");
        }

        return SplitValues(element);
    }

    /// <summary>The numeric values of a DS, IS, FL, FD or integer element.</summary>
    public double[] GetDoubles(DicomTag tag)
    {
        var element = GetElement(tag);
        var vr = DicomText.ValueVR(element);
        if (vr == DicomVR.DS || vr == DicomVR.IS)
        {
            var texts = SplitValues(element);
            var values = new double[texts.Length];
            for (var i = 0; i < texts.Length; i++)
            {
                values[i] = DicomText.ParseDecimal(tag, texts[i]);
            }

            return values;
        }

        if ((vr.IsBinaryNumber && vr != DicomVR.AT) || vr == DicomVR.OF || vr == DicomVR.OD)
        {
            var count = DicomText.BinaryCount(vr, element.Length);
            var values = new double[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = DicomText.ReadBinaryDouble(vr, element.Value.Span, i);
            }

            return values;
        }

        throw new DicomDataException(tag, $"VR {vr.Code} is not numeric");
    }

    /// <summary>The first value of a DS, IS, FL, FD or integer element as a double.</summary>
    public double GetDouble(DicomTag tag)
    {
        var values = GetDoubles(tag);
        return values.Length > 0 ? values[0] : throw new DicomDataException(tag, "has no value");
    }

    /// <summary>The integer values of an IS, US, SS, UL or SL element.</summary>
    public int[] GetInt32s(DicomTag tag)
    {
        var element = GetElement(tag);
        var vr = DicomText.ValueVR(element);
        if (vr == DicomVR.IS)
        {
            var texts = SplitValues(element);
            var values = new int[texts.Length];
            for (var i = 0; i < texts.Length; i++)
            {
                values[i] = ToInt32(tag, DicomText.ParseInteger(tag, texts[i]));
            }

            return values;
        }

        if (vr == DicomVR.US || vr == DicomVR.SS || vr == DicomVR.UL || vr == DicomVR.SL || vr == DicomVR.SV || vr == DicomVR.UV)
        {
            var count = DicomText.BinaryCount(vr, element.Length);
            var values = new int[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = ToInt32(tag, DicomText.ReadBinaryDouble(vr, element.Value.Span, i));
            }

            return values;
        }

        throw new DicomDataException(tag, $"VR {vr.Code} is not an integer VR");
    }

    /// <summary>The first value of an IS, US, SS, UL or SL element.</summary>
    public int GetInt32(DicomTag tag)
    {
        var values = GetInt32s(tag);
        return values.Length > 0 ? values[0] : throw new DicomDataException(tag, "has no value");
    }

    /// <summary>The first value of a US element (or an integer element whose value fits).</summary>
    public ushort GetUInt16(DicomTag tag)
    {
        var value = GetInt32(tag);
        return value is >= 0 and <= ushort.MaxValue ? (ushort)value : throw new DicomDataException(tag, $"{value} is not an unsigned 16-bit value");
    }

    /// <summary>The first Person Name value, decoded with the dataset's character set.</summary>
    /// <exception cref="DicomDataException">The element is missing, empty or not PN.</exception>
    public DicomPersonName GetPersonName(DicomTag tag)
    {
        var names = GetPersonNames(tag);
        return names.Length > 0 ? names[0] : throw new DicomDataException(tag, "has no value");
    }

    /// <summary>The Person Name values, decoded with the dataset's character set.</summary>
    /// <exception cref="DicomDataException">The element is missing or not PN.</exception>
    public DicomPersonName[] GetPersonNames(DicomTag tag)
    {
        var element = GetElement(tag);
        if (DicomText.ValueVR(element) != DicomVR.PN)
        {
            throw new DicomDataException(tag, $"VR {element.VR.Code} is not PN");
        }

        return [.. SplitValues(element).Select(DicomPersonName.Parse)];
    }

    /// <summary>The Attribute Tag (AT) values.</summary>
    /// <exception cref="DicomDataException">The element is missing or not AT.</exception>
    public DicomTag[] GetTags(DicomTag tag)
    {
        var element = GetElement(tag);
        if (element.VR != DicomVR.AT)
        {
            throw new DicomDataException(tag, $"VR {element.VR.Code} is not AT");
        }

        var span = element.Value.Span;
        var result = new DicomTag[span.Length / 4];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 4)..]), BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 4 + 2)..]));
        }

        return result;
    }

    /// <summary>The values of an integer element (SV, SS, SL, US, UL, IS) as 64-bit signed integers.</summary>
    /// <exception cref="DicomDataException">The element is missing, not an integer VR, or a UV value exceeds the signed range.</exception>
    public long[] GetInt64s(DicomTag tag)
    {
        var element = GetElement(tag);
        var vr = DicomText.ValueVR(element);
        if (vr == DicomVR.IS)
        {
            return [.. SplitValues(element).Select(t => DicomText.ParseInteger(tag, t))];
        }

        if (vr == DicomVR.UV)
        {
            return [.. GetUInt64s(tag).Select(v => v <= long.MaxValue ? (long)v : throw new DicomDataException(tag, $"{v} does not fit a signed 64-bit integer"))];
        }

        if (vr != DicomVR.SV && vr != DicomVR.SS && vr != DicomVR.SL && vr != DicomVR.US && vr != DicomVR.UL)
        {
            throw new DicomDataException(tag, $"VR {vr.Code} is not an integer VR");
        }

        var span = element.Value.Span;
        var result = new long[DicomText.BinaryCount(vr, span.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = vr == DicomVR.SV ? BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]) : (long)DicomText.ReadBinaryDouble(vr, span, i);
        }

        return result;
    }

    /// <summary>The values of a UV or OV element as 64-bit unsigned integers.</summary>
    /// <exception cref="DicomDataException">The element is missing or not UV/OV.</exception>
    public ulong[] GetUInt64s(DicomTag tag)
    {
        var element = GetElement(tag);
        if (element.VR != DicomVR.UV && element.VR != DicomVR.OV)
        {
            throw new DicomDataException(tag, $"VR {element.VR.Code} is not UV or OV");
        }

        var span = element.Value.Span;
        var result = new ulong[span.Length / 8];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadUInt64LittleEndian(span[(i * 8)..]);
        }

        return result;
    }

    /// <summary>The raw value bytes (little endian, with any padding as stored).</summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag)
    {
        var element = GetElement(tag);
        if (element.Sequence is not null || element.Fragments is not null)
        {
            throw new DicomDataException(tag, element.Sequence is not null
                ? "is a sequence; use GetSequence"
                : "holds encapsulated (compressed) pixel data; use GetElement(tag).Fragments");
        }

        return element.Value;
    }

    /// <summary>The items of a sequence element.</summary>
    public DicomSequence GetSequence(DicomTag tag) =>
        GetElement(tag).Sequence ?? throw new DicomDataException(tag, "is not a sequence (SQ)");

    /// <summary>
    /// Writes the bare dataset (no preamble, no File Meta) in <paramref name="syntax"/>, as sent over
    /// DIMSE or stored in a raw dataset file. Deflated syntaxes are written uncompressed here.
    /// </summary>
    public void WriteTo(Stream stream, TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(syntax);
        DicomWriter.WriteDataset(stream, this, syntax);
    }

    /// <inheritdoc />
    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AddRead(DicomElement element)
    {
        var count = _elements.Count;
        if (count == 0 || _elements[count - 1].Tag.Value < element.Tag.Value)
        {
            _elements.Add(element);
        }
        else
        {
            Set(element);
        }
    }

    internal string ToText(DicomElement element)
    {
        var vr = DicomText.ValueVR(element);
        if (vr.IsString)
        {
            return DicomText.TrimValue(TextCharacterSet.Decode(element.Value.Span, vr), vr);
        }

        if (vr.IsBinaryNumber)
        {
            return string.Join('\\', GetStrings(element.Tag));
        }

        return Convert.ToHexString(element.Value.Span);
    }

    internal string[] SplitValues(DicomElement element)
    {
        var vr = DicomText.ValueVR(element);
        var text = TextCharacterSet.Decode(element.Value.Span, vr);
        if (vr.IsSingleValueText)
        {
            var single = DicomText.TrimValue(text, vr);
            return single.Length == 0 ? [] : [single];
        }

        if (text.TrimEnd(' ', '\0').Length == 0)
        {
            return [];
        }

        var parts = text.Split('\\');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = DicomText.TrimValue(parts[i], vr);
        }

        return parts;
    }

    /// <summary>Takes <paramref name="characterSet"/> from the enclosing dataset and passes it on to nested items.</summary>
    internal void Inherit(string? characterSet)
    {
        InheritedCharacterSet = characterSet;
        if (!Contains(DicomTags.SpecificCharacterSet))
        {
            PropagateCharacterSet();
        }
    }

    private void PropagateCharacterSet()
    {
        var characterSet = CharacterSet;
        foreach (var element in _elements)
        {
            if (element.Sequence is { } sequence)
            {
                foreach (var item in sequence)
                {
                    item.Inherit(characterSet);
                }
            }
        }
    }

    private int IndexOf(DicomTag tag)
    {
        var value = tag.Value;
        int lo = 0, hi = _elements.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var midValue = _elements[mid].Tag.Value;
            if (midValue == value)
            {
                return mid;
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

        return ~lo;
    }

    private static int ToInt32(DicomTag tag, double value) =>
        value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new DicomDataException(tag, $"{value} does not fit a 32-bit integer");

    private static DicomDataException Missing(DicomTag tag) => new(tag, "required element is missing");

    private static DicomVR DictionaryVR(DicomTag tag, string alternative)
    {
        var entry = DicomDictionary.Lookup(tag);
        return entry?.VR ?? throw new DicomDataException(tag, $"has no VR in the data dictionary; use {alternative} with an explicit VR");
    }

    private static void CheckBinaryVR(DicomTag tag, DicomVR vr)
    {
        var entry = DicomDictionary.Lookup(tag);
        if (entry is not null && entry.VR != vr && entry.AlternateVR != vr && entry.VR != DicomVR.UN)
        {
            throw new DicomDataException(tag, $"has VR {entry.VR?.Code ?? "none"} in the data dictionary, not {vr.Code}");
        }
    }

    private static void Validate(DicomTag tag, DicomVR vr, string value)
    {
        if (vr.IsSingleValueText)
        {
            if (vr.MaxLength > 0 && value.Length > vr.MaxLength)
            {
                throw new DicomDataException(tag, $"value of {value.Length} characters exceeds the {vr.MaxLength} allowed for VR {vr.Code}");
            }

            return;
        }

        if (value.Length == 0)
        {
            return;
        }

        foreach (var part in value.Split('\\'))
        {
            if (vr.MaxLength > 0 && part.Length > vr.MaxLength)
            {
                throw new DicomDataException(tag, $"value '{part}' has {part.Length} characters; VR {vr.Code} allows {vr.MaxLength}");
            }

            if (vr == DicomVR.UI && part.Length > 0 && !DicomUid.IsValid(part))
            {
                throw new DicomDataException(tag, $"'{part}' is not a valid UID (digits and dots, at most 64 characters)");
            }

            foreach (var c in part)
            {
                if (c < 0x20 && c != 0x1B)
                {
                    throw new DicomDataException(tag, $"control character 0x{(int)c:X2} is not allowed in VR {vr.Code}");
                }
            }
        }
    }
}
