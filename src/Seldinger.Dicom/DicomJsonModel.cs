using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Seldinger.Dicom.Internal;

namespace Seldinger.Dicom;

/// <summary>
/// The DICOM JSON Model (PS3.18 annex F): datasets as JSON objects keyed by 8-digit tags, each
/// with "vr" and, when not empty, "Value" (numbers for IS, DS and binary numbers, objects for PN,
/// datasets for SQ) or "InlineBinary" (base64 for OB, OD, OF, OL, OV, OW, UN).
/// </summary>
public static class DicomJsonModel
{
    private const double MaxSafeInteger = 9007199254740991; // 2^53 - 1
    /// <summary>The dataset as a DICOM JSON string.</summary>
    /// <exception cref="DicomDataException">An IS or DS value is not a number.</exception>
    public static string ToJson(DicomDataset dataset, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, dataset);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes the dataset as one DICOM JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dataset);
        writer.WriteStartObject();
        foreach (var element in dataset)
        {
            writer.WritePropertyName(element.Tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            WriteElement(writer, dataset, element);
        }

        writer.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter writer, DicomDataset dataset, DicomElement element)
    {
        var vr = DicomText.ValueVR(element);
        writer.WriteStartObject();
        writer.WriteString("vr", vr.Code);
        if (element.Sequence is { } sequence)
        {
            if (sequence.Count > 0)
            {
                writer.WriteStartArray("Value");
                foreach (var item in sequence)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
            }
        }
        else if (element.Fragments is { } fragments)
        {
            writer.WriteBase64String("InlineBinary", EncodeFragments(fragments));
        }
        else if (!element.IsEmpty)
        {
            if (vr.IsString)
            {
                WriteStrings(writer, dataset, element);
            }
            else if (vr.IsBinaryNumber)
            {
                WriteBinaryNumbers(writer, element, vr);
            }
            else
            {
                writer.WriteBase64String("InlineBinary", element.Value.Span);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, DicomDataset dataset, DicomElement element)
    {
        var vr = DicomText.ValueVR(element);
        var values = dataset.SplitValues(element);
        if (values.Length == 0)
        {
            return;
        }

        writer.WriteStartArray("Value");
        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                writer.WriteNullValue();
            }
            else if (vr == DicomVR.DS && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                writer.WriteNumberValue(d);
            }
            else if (vr == DicomVR.IS && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                writer.WriteNumberValue(l);
            }
            else if (vr == DicomVR.IS && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var isDouble) && double.IsFinite(isDouble))
            {
                // "12.0" in an IS: a number all the same.
                writer.WriteNumberValue(isDouble);
            }
            else if (vr == DicomVR.PN)
            {
                writer.WriteStartObject();
                var groups = value.Split('=');
                string[] names = ["Alphabetic", "Ideographic", "Phonetic"];
                for (var i = 0; i < groups.Length && i < names.Length; i++)
                {
                    if (groups[i].Length > 0)
                    {
                        writer.WriteString(names[i], groups[i]);
                    }
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteBinaryNumbers(Utf8JsonWriter writer, DicomElement element, DicomVR vr)
    {
        var span = element.Value.Span;
        var count = DicomText.BinaryCount(vr, span.Length);
        writer.WriteStartArray("Value");
        for (var i = 0; i < count; i++)
        {
            var unit = span.Slice(i * vr.UnitSize, vr.UnitSize);
            if (vr == DicomVR.AT)
            {
                var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(unit), BinaryPrimitives.ReadUInt16LittleEndian(unit[2..]));
                writer.WriteStringValue(tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            }
            else if (vr == DicomVR.SV)
            {
                var value = BinaryPrimitives.ReadInt64LittleEndian(unit);
                if (Math.Abs((double)value) <= MaxSafeInteger)
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    // PS3.18 F.2.3.1: beyond what a JSON number (IEEE double) holds exactly, a string.
                    writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
                }
            }
            else if (vr == DicomVR.UV)
            {
                var value = BinaryPrimitives.ReadUInt64LittleEndian(unit);
                if (value <= MaxSafeInteger)
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
                }
            }
            else
            {
                var value = DicomText.ReadBinaryDouble(vr, span, i);
                if (double.IsFinite(value))
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    // JSON has no NaN or infinity; PS3.18 F.2.3.1 leaves them out of scope, a string keeps them visible.
                    writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        writer.WriteEndArray();
    }

    // The value field of encapsulated pixel data: the offset table item and the fragment items, without
    // the sequence delimiter (which ends the element rather than belonging to its value, as pydicom has it).
    private static byte[] EncodeFragments(DicomFragmentSequence fragments)
    {
        using var stream = new MemoryStream();
        WriteItem(stream, fragments.OffsetTable.Span);
        foreach (var fragment in fragments.Fragments)
        {
            WriteItem(stream, fragment.Span);
        }

        return stream.ToArray();
    }

    private static DicomFragmentSequence? DecodeFragments(ReadOnlySpan<byte> value)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var pos = 0;
        while (pos + 8 <= value.Length)
        {
            var tag = BinaryPrimitives.ReadUInt32LittleEndian(value[pos..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(value[(pos + 4)..]);
            if (tag == 0xE0DDFFFE)
            {
                pos = value.Length;
                break;
            }

            if (tag != 0xE000FFFE || length > (uint)(value.Length - pos - 8))
            {
                return null;
            }

            items.Add(value.Slice(pos + 8, (int)length).ToArray());
            pos += 8 + (int)length;
        }

        return pos == value.Length && items.Count > 0 ? new DicomFragmentSequence(items[0], items.Skip(1)) : null;
    }

    private static void WriteItem(MemoryStream stream, ReadOnlySpan<byte> value)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xE000FFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)value.Length);
        stream.Write(header);
        stream.Write(value);
    }

    /// <summary>
    /// Parses a DICOM JSON object into a dataset. Text is encoded with the dataset's Specific Character
    /// Set (read first); values are taken as they are, without the length checks of <see cref="DicomDataset.SetString(DicomTag, string)"/>,
    /// so that whatever a file held survives the round trip. <paramref name="resolveBulkData"/> fetches the
    /// bytes of a "BulkDataURI"; without it such an element throws <see cref="DicomNotSupportedException"/>.
    /// </summary>
    /// <exception cref="DicomDataException">The JSON is not a DICOM JSON dataset.</exception>
    public static DicomDataset FromJson(string json, Func<string, ReadOnlyMemory<byte>>? resolveBulkData = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return ReadDataset(document.RootElement, null, resolveBulkData);
        }
        catch (JsonException e)
        {
            throw new DicomDataException("not valid JSON: " + e.Message, e);
        }
    }

    private static DicomDataset ReadDataset(JsonElement json, string? inheritedCharacterSet, Func<string, ReadOnlyMemory<byte>>? resolveBulkData)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DicomDataException($"a DICOM JSON dataset must be an object, found {json.ValueKind}");
        }

        var dataset = new DicomDataset { InheritedCharacterSet = inheritedCharacterSet };

        // The character set first, whatever the order of the members: the text after it is encoded with it.
        var properties = json.EnumerateObject().OrderBy(p => p.Name == "00080005" ? 0 : 1).ToList();
        foreach (var property in properties)
        {
            if (!DicomTag.TryParse(property.Name, out var tag) || property.Name.Length != 8)
            {
                throw new DicomDataException($"'{property.Name}' is not an 8-digit hexadecimal tag");
            }

            var body = property.Value;
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("vr", out var vrJson) || vrJson.ValueKind != JsonValueKind.String)
            {
                throw new DicomDataException(tag, "a DICOM JSON attribute needs an object with a \"vr\" string");
            }

            DicomVR vr;
            try
            {
                vr = DicomVR.Parse(vrJson.GetString()!);
            }
            catch (FormatException e)
            {
                throw new DicomDataException(tag, e.Message);
            }

            if (body.TryGetProperty("BulkDataURI", out var uri))
            {
                if (resolveBulkData is null)
                {
                    throw new DicomNotSupportedException($"{tag.ToDisplayString()}: BulkDataURI '{uri}' needs a resolver (FromJson(json, resolveBulkData))");
                }

                SetBinary(dataset, tag, vr, resolveBulkData(uri.GetString() ?? string.Empty));
                continue;
            }

            if (body.TryGetProperty("InlineBinary", out var inline))
            {
                byte[] bytes;
                try
                {
                    bytes = inline.GetBytesFromBase64();
                }
                catch (InvalidOperationException e)
                {
                    throw new DicomDataException(tag, "\"InlineBinary\" is not base64: " + e.Message);
                }
                catch (FormatException e)
                {
                    throw new DicomDataException(tag, "\"InlineBinary\" is not base64: " + e.Message);
                }

                SetBinary(dataset, tag, vr, bytes);
                continue;
            }

            body.TryGetProperty("Value", out var value);
            if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined))
            {
                throw new DicomDataException(tag, "\"Value\" must be an array");
            }

            var hasValue = value.ValueKind == JsonValueKind.Array;
            if (vr == DicomVR.SQ)
            {
                var items = new List<DicomDataset>();
                if (hasValue)
                {
                    foreach (var item in value.EnumerateArray())
                    {
                        items.Add(ReadDataset(item, dataset.CharacterSet, resolveBulkData));
                    }
                }

                dataset.SetSequence(tag, items);
            }
            else if (vr.IsString)
            {
                var parts = new List<string>();
                if (hasValue)
                {
                    foreach (var v in value.EnumerateArray())
                    {
                        parts.Add(v.ValueKind switch
                        {
                            JsonValueKind.Null => string.Empty,
                            JsonValueKind.String => v.GetString()!,
                            JsonValueKind.Number when vr == DicomVR.DS && v.GetRawText().Length > 16 => DicomText.FormatDecimalString(tag, v.GetDouble()),
                            JsonValueKind.Number => v.GetRawText(),
                            JsonValueKind.Object when vr == DicomVR.PN => PersonName(v),
                            _ => throw new DicomDataException(tag, $"unexpected {v.ValueKind} in a {vr.Code} value"),
                        });
                    }
                }

                dataset.SetStringAsIs(tag, vr, string.Join('\\', parts));
            }
            else if (vr.IsBinaryNumber)
            {
                var count = hasValue ? value.GetArrayLength() : 0;
                var bytes = new byte[count * vr.UnitSize];
                var i = 0;
                foreach (var v in hasValue ? value.EnumerateArray() : default)
                {
                    WriteBinary(tag, vr, v, bytes.AsSpan(i * vr.UnitSize, vr.UnitSize));
                    i++;
                }

                dataset.SetBytes(tag, vr, bytes);
            }
            else
            {
                dataset.SetBytes(tag, vr, ReadOnlyMemory<byte>.Empty);
            }
        }

        return dataset;
    }

    private static void SetBinary(DicomDataset dataset, DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> bytes)
    {
        if (tag == DicomTags.PixelData && vr == DicomVR.OB && bytes.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.Span) == 0xE000FFFE
            && DecodeFragments(bytes.Span) is { } fragments)
        {
            dataset.Set(new DicomElement(tag, fragments));
            return;
        }

        if (vr == DicomVR.SQ)
        {
            throw new DicomDataException(tag, "a sequence (SQ) cannot have binary data");
        }

        dataset.SetBytes(tag, vr, bytes);
    }

    private static string PersonName(JsonElement value)
    {
        string Get(string name) => value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty;
        return string.Join('=', Get("Alphabetic"), Get("Ideographic"), Get("Phonetic")).TrimEnd('=');
    }

    private static void WriteBinary(DicomTag tag, DicomVR vr, JsonElement v, Span<byte> unit)
    {
        try
        {
            switch (vr.Code)
            {
                case "AT":
                    var t = DicomTag.Parse(v.GetString()!);
                    BinaryPrimitives.WriteUInt16LittleEndian(unit, t.Group);
                    BinaryPrimitives.WriteUInt16LittleEndian(unit[2..], t.Element);
                    break;
                case "US": BinaryPrimitives.WriteUInt16LittleEndian(unit, v.GetUInt16()); break;
                case "SS": BinaryPrimitives.WriteInt16LittleEndian(unit, v.GetInt16()); break;
                case "UL": BinaryPrimitives.WriteUInt32LittleEndian(unit, v.GetUInt32()); break;
                case "SL": BinaryPrimitives.WriteInt32LittleEndian(unit, v.GetInt32()); break;
                case "SV": BinaryPrimitives.WriteInt64LittleEndian(unit, v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetInt64()); break;
                case "UV": BinaryPrimitives.WriteUInt64LittleEndian(unit, v.ValueKind == JsonValueKind.String ? ulong.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetUInt64()); break;
                case "FL": BinaryPrimitives.WriteSingleLittleEndian(unit, v.ValueKind == JsonValueKind.String ? float.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetSingle()); break;
                default: BinaryPrimitives.WriteDoubleLittleEndian(unit, v.ValueKind == JsonValueKind.String ? double.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetDouble()); break;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new DicomDataException($"{tag.ToDisplayString()}: '{v.GetRawText()}' is not a valid {vr.Code} value", e);
        }
    }
}
