namespace Seldinger.Dicom.Text.Internal;

/// <summary>How the bytes of one ISO 2022 graphic character set map to characters.</summary>
internal enum GraphicSetKind
{
    /// <summary>ISO 646 IRV (ASCII), one byte 0x00–0x7F.</summary>
    Ascii,

    /// <summary>JIS X 0201 Romaji in G0, one byte; read as ASCII (0x5C stays the value delimiter).</summary>
    Romaji,

    /// <summary>The right half of an ISO 8859 part (or TIS 620) in G1, one byte 0xA0–0xFF.</summary>
    HighHalf,

    /// <summary>JIS X 0201 Katakana in G1, one byte 0xA1–0xDF.</summary>
    Katakana,

    /// <summary>JIS X 0208 in G0, two bytes 0x21–0x7E.</summary>
    Jis0208,

    /// <summary>JIS X 0212 in G0, two bytes 0x21–0x7E (no mapping table in .NET: read as U+FFFD).</summary>
    Jis0212,

    /// <summary>KS X 1001 in G1, two bytes 0xA1–0xFE.</summary>
    Ksx1001,

    /// <summary>GB 2312 in G1, two bytes 0xA1–0xFE.</summary>
    Gb2312,
}
