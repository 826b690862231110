using System.Text;

namespace Seldinger.Dicom.Text.Internal;

/// <summary>
/// One graphic character set of PS3.5 tables C.12-3 and C.12-4: which slot it is designated to (G0 or
/// G1), its escape sequence (the bytes after ESC) and how its bytes map to characters.
/// </summary>
internal sealed class GraphicSet
{
    // Created on first use: building every code page's tables up front costs a process ~20 ms
    // although most files only ever need ASCII or UTF-8.
    private readonly Lazy<Encoding>? _decoder;
    private readonly Lazy<Encoding>? _encoder;

    private GraphicSet(GraphicSetKind kind, string escape, int codePage)
    {
        Kind = kind;
        Escape = Encoding.ASCII.GetBytes(escape);
        IsG1 = kind is GraphicSetKind.HighHalf or GraphicSetKind.Katakana or GraphicSetKind.Ksx1001 or GraphicSetKind.Gb2312;
        BytesPerCharacter = kind is GraphicSetKind.Jis0208 or GraphicSetKind.Jis0212 or GraphicSetKind.Ksx1001 or GraphicSetKind.Gb2312 ? 2 : 1;
        if (codePage != 0)
        {
            _decoder = new Lazy<Encoding>(() => CodePages.Strict(codePage));
            _encoder = new Lazy<Encoding>(() => CodePages.Dropping(codePage));
        }
    }

    public static GraphicSet Ascii { get; } = new(GraphicSetKind.Ascii, "(B", 0);

    public static GraphicSet Romaji { get; } = new(GraphicSetKind.Romaji, "(J", 0);

    public static GraphicSet Katakana { get; } = new(GraphicSetKind.Katakana, ")I", 0);

    public static GraphicSet Jis0208 { get; } = new(GraphicSetKind.Jis0208, "$B", 20932);

    public static GraphicSet Jis0212 { get; } = new(GraphicSetKind.Jis0212, "$(D", 0);

    public static GraphicSet Ksx1001 { get; } = new(GraphicSetKind.Ksx1001, "$)C", 51949);

    public static GraphicSet Gb2312 { get; } = new(GraphicSetKind.Gb2312, "$)A", 936);

    public GraphicSetKind Kind { get; }

    /// <summary>The escape sequence without the leading ESC, e.g. "$B" for JIS X 0208.</summary>
    public byte[] Escape { get; }

    /// <summary>True when the set is designated to G1 (bytes with the high bit set), false for G0.</summary>
    public bool IsG1 { get; }

    public int BytesPerCharacter { get; }

    /// <summary>The right half of an ISO 8859 part (or TIS 620) designated by ESC - <paramref name="final"/>.</summary>
    public static GraphicSet HighHalf(char final, int codePage) => new(GraphicSetKind.HighHalf, "-" + final, codePage);

    /// <summary>Appends the characters of <paramref name="bytes"/> (whole characters of this set) to <paramref name="text"/>.</summary>
    public void Decode(ReadOnlySpan<byte> bytes, StringBuilder text)
    {
        switch (Kind)
        {
            case GraphicSetKind.Ascii:
            case GraphicSetKind.Romaji:
                text.Append(Encoding.Latin1.GetString(bytes));
                break;
            case GraphicSetKind.Katakana:
                foreach (var b in bytes)
                {
                    text.Append(b is >= 0xA1 and <= 0xDF ? (char)(0xFF61 + b - 0xA1) : '\uFFFD');
                }

                break;
            case GraphicSetKind.Jis0212:
                text.Append('\uFFFD', bytes.Length / 2);
                break;
            default:
                // Two-byte G0 sets arrive here with the high bits set, i.e. in their EUC form.
                text.Append(_decoder!.Value.GetString(bytes));
                break;
        }
    }

    /// <summary>
    /// Writes the bytes of <paramref name="c"/> in this set (high bits set for G1, clear for G0) into
    /// <paramref name="destination"/>; returns the count, or 0 when the set has no such character.
    /// </summary>
    public int TryEncode(char c, Span<byte> destination)
    {
        switch (Kind)
        {
            case GraphicSetKind.Ascii:
            case GraphicSetKind.Romaji:
                if (c < 0x80)
                {
                    destination[0] = (byte)c;
                    return 1;
                }

                return 0;
            case GraphicSetKind.Katakana:
                if (c is >= '\uFF61' and <= '\uFF9F')
                {
                    destination[0] = (byte)(c - 0xFF61 + 0xA1);
                    return 1;
                }

                return 0;
            case GraphicSetKind.Jis0212:
                return 0;
        }

        Span<char> one = [c];
        Span<byte> encoded = stackalloc byte[8];
        var count = _encoder!.Value.GetBytes(one, encoded);
        if (Kind == GraphicSetKind.HighHalf)
        {
            if (count != 1 || encoded[0] < 0xA0)
            {
                return 0;
            }

            destination[0] = encoded[0];
            return 1;
        }

        // Two-byte sets: only the 94x94 rows (both bytes 0xA1-0xFE) belong to the ISO 2022 set; EUC-JP's
        // 0x8E/0x8F prefixes and GBK's extension rows do not.
        if (count != 2 || encoded[0] < 0xA1 || encoded[0] > 0xFE || encoded[1] < 0xA1 || encoded[1] > 0xFE)
        {
            return 0;
        }

        var mask = IsG1 ? 0xFF : 0x7F;
        destination[0] = (byte)(encoded[0] & mask);
        destination[1] = (byte)(encoded[1] & mask);
        return 2;
    }
}
