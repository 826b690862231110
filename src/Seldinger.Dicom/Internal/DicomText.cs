using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Seldinger.Dicom.Internal;

/// <summary>Encoding and decoding of string values and numbers.</summary>
internal static class DicomText
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>
    /// The encoding for a Specific Character Set value. ISO_IR 192 is UTF-8; everything else is
    /// decoded as ISO 8859-1 (the default repertoire is its ASCII subset). ISO 2022 code
    /// extensions are not interpreted yet.
    /// </summary>
    public static Encoding ForCharacterSet(string? characterSet) =>
        characterSet is not null && characterSet.Contains("ISO_IR 192", StringComparison.Ordinal) ? Utf8 : Encoding.Latin1;

    public static string Decode(ReadOnlySpan<byte> bytes, DicomVR vr, string? characterSet)
    {
        if (vr.UsesCharacterSet)
        {
            return ForCharacterSet(characterSet).GetString(bytes);
        }

        return Encoding.Latin1.GetString(bytes);
    }

    public static byte[] Encode(DicomTag tag, DicomVR vr, string value, string? characterSet)
    {
        var isAscii = Ascii.IsValid(value);
        if (!isAscii)
        {
            if (!vr.UsesCharacterSet)
            {
                throw new DicomDataException(tag, $"VR {vr.Code} allows only ASCII characters, got '{value}'");
            }

            var utf8 = characterSet is not null && characterSet.Contains("ISO_IR 192", StringComparison.Ordinal);
            var latin1 = characterSet is not null && characterSet.Contains("ISO_IR 100", StringComparison.Ordinal);
            if (!utf8 && !(latin1 && IsLatin1(value)))
            {
                throw new DicomDataException(tag, $"'{value}' has characters outside the dataset's character set ('{characterSet ?? "default repertoire"}'); set SpecificCharacterSet (0008,0005) to \"ISO_IR 192\" (UTF-8) first");
            }
        }

        var encoding = isAscii ? Encoding.ASCII : ForCharacterSet(characterSet);
        var length = encoding.GetByteCount(value);
        var bytes = new byte[length + (length & 1)];
        encoding.GetBytes(value, bytes);
        if ((length & 1) == 1)
        {
            bytes[length] = vr.PaddingByte;
        }

        return bytes;
    }

    private static bool IsLatin1(string value)
    {
        foreach (var c in value)
        {
            if (c > 0xFF)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims padding: trailing spaces and NULs always, leading spaces except in LT, ST, UT and UR where they are significant.</summary>
    public static string TrimValue(string value, DicomVR vr)
    {
        var trimmed = value.TrimEnd(' ', '\0');
        return vr.IsSingleValueText ? trimmed : trimmed.TrimStart(' ');
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
