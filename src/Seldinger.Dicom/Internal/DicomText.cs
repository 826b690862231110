using System.Buffers.Binary;
using System.Globalization;
using Seldinger.Dicom.Text;

namespace Seldinger.Dicom.Internal;

/// <summary>Encoding and decoding of string values and numbers.</summary>
internal static class DicomText
{
    /// <summary>
    /// The VR a value is interpreted with: its own, except that a UN element of a known public tag is read
    /// with the data dictionary's VR (PS3.5 6.2.2 lets a receiver do so; files converted by some tools
    /// hold every element as UN). Sequences in UN stay as the reader left them.
    /// </summary>
    public static DicomVR ValueVR(DicomElement element)
    {
        if (element.VR != DicomVR.UN || element.Tag.IsPrivate || element.Sequence is not null || element.Fragments is not null)
        {
            return element.VR;
        }

        var vr = DicomDictionary.Lookup(element.Tag)?.VR;
        return vr is null || vr == DicomVR.SQ ? DicomVR.UN : vr;
    }

    /// <summary>Decodes a value of <paramref name="vr"/> in the Specific Character Set <paramref name="characterSet"/> (null: default repertoire).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, DicomVR vr, string? characterSet) =>
        DicomCharacterSet.Parse(characterSet).Decode(bytes, vr);

    /// <summary>Encodes a value, padded to even length with the VR's padding byte.</summary>
    /// <exception cref="DicomDataException">A character is outside the VR's repertoire or the character set.</exception>
    public static byte[] Encode(DicomTag tag, DicomVR vr, string value, DicomCharacterSet characterSet)
    {
        var encoded = characterSet.TryEncode(value, vr);
        if (encoded is null)
        {
            throw new DicomDataException(tag, !vr.UsesCharacterSet
                ? $"VR {vr.Code} allows only ASCII characters, got '{value}'"
                : $"'{value}' has characters outside the dataset's character set ('{(characterSet.Value.Length == 0 ? "default repertoire" : characterSet.Value)}'); set SpecificCharacterSet (0008,0005) to one that holds them, e.g. \"ISO_IR 192\" (UTF-8), first");
        }

        if ((encoded.Length & 1) == 0)
        {
            return encoded;
        }

        var padded = new byte[encoded.Length + 1];
        encoded.CopyTo(padded, 0);
        padded[^1] = vr.PaddingByte;
        return padded;
    }

    /// <summary>
    /// Trims padding (PS3.5 6.2): trailing spaces and NULs always; leading spaces too, except in the VRs
    /// where they are significant (LT, ST, UT, UC) or not allowed (UR).
    /// </summary>
    public static string TrimValue(string value, DicomVR vr)
    {
        var trimmed = value.TrimEnd(' ', '\0');
        return vr.IsSingleValueText || vr == DicomVR.UC ? trimmed : trimmed.TrimStart(' ');
    }

    /// <summary>Formats a double as a Decimal String of at most 16 characters, as precise as that allows.</summary>
    public static string FormatDecimalString(DicomTag tag, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new DicomDataException(tag, $"{value} cannot be written as a Decimal String (DS)");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Length <= 16)
        {
            return text;
        }

        for (var precision = 16; precision > 0; precision--)
        {
            text = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Length <= 16)
            {
                return text;
            }
        }

        throw new DicomDataException(tag, $"{value} cannot be written in 16 characters as a Decimal String (DS)");
    }

    public static double ParseDecimal(DicomTag tag, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new DicomDataException(tag, $"'{text}' is not a Decimal String (DS) value");

    public static long ParseInteger(DicomTag tag, string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Some writers put "12.0" in IS; accept integral decimals.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15)
        {
            return (long)d;
        }

        throw new DicomDataException(tag, $"'{text}' is not an Integer String (IS) value");
    }

    /// <summary>The number of binary values of a numeric VR in <paramref name="length"/> bytes.</summary>
    public static int BinaryCount(DicomVR vr, int length) => vr.UnitSize <= 1 ? length : length / vr.UnitSize;

    /// <summary>Reads binary value <paramref name="index"/> of a numeric VR as a double.</summary>
    public static double ReadBinaryDouble(DicomVR vr, ReadOnlySpan<byte> value, int index)
    {
        var size = vr.UnitSize;
        var span = value.Slice(index * size, size);
        return vr.Code16 switch
        {
            0x5553 or 0x4F57 => BinaryPrimitives.ReadUInt16LittleEndian(span),
            0x5353 => BinaryPrimitives.ReadInt16LittleEndian(span),
            0x554C or 0x4F4C => BinaryPrimitives.ReadUInt32LittleEndian(span),
            0x534C => BinaryPrimitives.ReadInt32LittleEndian(span),
            0x464C or 0x4F46 => BinaryPrimitives.ReadSingleLittleEndian(span),
            0x4644 or 0x4F44 => BinaryPrimitives.ReadDoubleLittleEndian(span),
            0x5356 => BinaryPrimitives.ReadInt64LittleEndian(span),
            0x5556 or 0x4F56 => BinaryPrimitives.ReadUInt64LittleEndian(span),
            _ => span[0],
        };
    }

    /// <summary>Formats binary value <paramref name="index"/> (numbers as invariant text, AT as "(gggg,eeee)").</summary>
    public static string FormatBinary(DicomVR vr, ReadOnlySpan<byte> value, int index)
    {
        var size = vr.UnitSize;
        var span = value.Slice(index * size, size);
        return vr.Code16 switch
        {
            0x4154 => new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span), BinaryPrimitives.ReadUInt16LittleEndian(span[2..])).ToString(),
            0x5356 => BinaryPrimitives.ReadInt64LittleEndian(span).ToString(CultureInfo.InvariantCulture),
            0x5556 or 0x4F56 => BinaryPrimitives.ReadUInt64LittleEndian(span).ToString(CultureInfo.InvariantCulture),
            _ => ReadBinaryDouble(vr, value, index).ToString("R", CultureInfo.InvariantCulture),
        };
    }
}
