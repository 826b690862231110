namespace Seldinger.Dicom;

/// <summary>
/// A DICOM value representation (PS3.5 section 6.2). The set is closed: every VR of the
/// standard is a static instance and unknown codes are rejected.
/// </summary>
public sealed class DicomVR
{
    private DicomVR(string code, string name, bool longLength, byte padding, bool isString, int unitSize, int maxLength, bool isText = false, bool singleValue = false)
    {
        Code = code;
        Name = name;
        HasLongExplicitLength = longLength;
        PaddingByte = padding;
        IsString = isString;
        UnitSize = unitSize;
        MaxLength = maxLength;
        UsesCharacterSet = isText;
        IsSingleValueText = singleValue;
        Code16 = (ushort)((code[0] << 8) | code[1]);
    }

    /// <summary>Application Entity.</summary>
    public static readonly DicomVR AE = new("AE", "Application Entity", false, 0x20, true, 1, 16);

    /// <summary>Age String.</summary>
    public static readonly DicomVR AS = new("AS", "Age String", false, 0x20, true, 1, 4);

    /// <summary>Attribute Tag.</summary>
    public static readonly DicomVR AT = new("AT", "Attribute Tag", false, 0x00, false, 4, 0);

    /// <summary>Code String.</summary>
    public static readonly DicomVR CS = new("CS", "Code String", false, 0x20, true, 1, 16);

    /// <summary>Date.</summary>
    public static readonly DicomVR DA = new("DA", "Date", false, 0x20, true, 1, 18);

    /// <summary>Decimal String.</summary>
    public static readonly DicomVR DS = new("DS", "Decimal String", false, 0x20, true, 1, 16);

    /// <summary>Date Time.</summary>
    public static readonly DicomVR DT = new("DT", "Date Time", false, 0x20, true, 1, 54);

    /// <summary>Floating Point Double.</summary>
    public static readonly DicomVR FD = new("FD", "Floating Point Double", false, 0x00, false, 8, 0);

    /// <summary>Floating Point Single.</summary>
    public static readonly DicomVR FL = new("FL", "Floating Point Single", false, 0x00, false, 4, 0);

    /// <summary>Integer String.</summary>
    public static readonly DicomVR IS = new("IS", "Integer String", false, 0x20, true, 1, 12);

    /// <summary>Long String.</summary>
    public static readonly DicomVR LO = new("LO", "Long String", false, 0x20, true, 1, 64, isText: true);

    /// <summary>Long Text.</summary>
    public static readonly DicomVR LT = new("LT", "Long Text", false, 0x20, true, 1, 10240, isText: true, singleValue: true);

    /// <summary>Other Byte.</summary>
    public static readonly DicomVR OB = new("OB", "Other Byte", true, 0x00, false, 1, 0);

    /// <summary>Other Double.</summary>
    public static readonly DicomVR OD = new("OD", "Other Double", true, 0x00, false, 8, 0);

    /// <summary>Other Float.</summary>
    public static readonly DicomVR OF = new("OF", "Other Float", true, 0x00, false, 4, 0);

    /// <summary>Other Long.</summary>
    public static readonly DicomVR OL = new("OL", "Other Long", true, 0x00, false, 4, 0);

    /// <summary>Other 64-bit Very Long.</summary>
    public static readonly DicomVR OV = new("OV", "Other 64-bit Very Long", true, 0x00, false, 8, 0);

    /// <summary>Other Word.</summary>
    public static readonly DicomVR OW = new("OW", "Other Word", true, 0x00, false, 2, 0);

    /// <summary>Person Name.</summary>
    public static readonly DicomVR PN = new("PN", "Person Name", false, 0x20, true, 1, 3 * 64 + 2, isText: true);

    /// <summary>Short String.</summary>
    public static readonly DicomVR SH = new("SH", "Short String", false, 0x20, true, 1, 16, isText: true);

    /// <summary>Signed Long.</summary>
    public static readonly DicomVR SL = new("SL", "Signed Long", false, 0x00, false, 4, 0);

    /// <summary>Sequence of Items.</summary>
    public static readonly DicomVR SQ = new("SQ", "Sequence of Items", true, 0x00, false, 0, 0);

    /// <summary>Signed Short.</summary>
    public static readonly DicomVR SS = new("SS", "Signed Short", false, 0x00, false, 2, 0);

    /// <summary>Short Text.</summary>
    public static readonly DicomVR ST = new("ST", "Short Text", false, 0x20, true, 1, 1024, isText: true, singleValue: true);

    /// <summary>Signed 64-bit Very Long.</summary>
    public static readonly DicomVR SV = new("SV", "Signed 64-bit Very Long", true, 0x00, false, 8, 0);

    /// <summary>Time.</summary>
    public static readonly DicomVR TM = new("TM", "Time", false, 0x20, true, 1, 28);

    /// <summary>Unlimited Characters.</summary>
    public static readonly DicomVR UC = new("UC", "Unlimited Characters", true, 0x20, true, 1, 0, isText: true);

    /// <summary>Unique Identifier.</summary>
    public static readonly DicomVR UI = new("UI", "Unique Identifier", false, 0x00, true, 1, 64);

    /// <summary>Unsigned Long.</summary>
    public static readonly DicomVR UL = new("UL", "Unsigned Long", false, 0x00, false, 4, 0);

    /// <summary>Unknown.</summary>
    public static readonly DicomVR UN = new("UN", "Unknown", true, 0x00, false, 1, 0);

    /// <summary>Universal Resource Identifier or Locator.</summary>
    public static readonly DicomVR UR = new("UR", "URI/URL", true, 0x20, true, 1, 0, singleValue: true);

    /// <summary>Unsigned Short.</summary>
    public static readonly DicomVR US = new("US", "Unsigned Short", false, 0x00, false, 2, 0);

    /// <summary>Unlimited Text.</summary>
    public static readonly DicomVR UT = new("UT", "Unlimited Text", true, 0x20, true, 1, 0, isText: true, singleValue: true);

    /// <summary>Unsigned 64-bit Very Long.</summary>
    public static readonly DicomVR UV = new("UV", "Unsigned 64-bit Very Long", true, 0x00, false, 8, 0);

    /// <summary>Every VR of PS3.5, in alphabetical order of code.</summary>
    public static IReadOnlyList<DicomVR> All { get; } =
    [
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN,
        SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV,
    ];

    /// <summary>The two-letter code, e.g. "PN".</summary>
    public string Code { get; }

    /// <summary>The standard's name, e.g. "Person Name".</summary>
    public string Name { get; }

    /// <summary>
    /// True when explicit VR encoding uses 2 reserved bytes and a 32-bit length
    /// (OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV); false for a 16-bit length.
    /// </summary>
    public bool HasLongExplicitLength { get; }

    /// <summary>The byte that pads a value to even length: space for strings, NUL for UI and binary VRs.</summary>
    public byte PaddingByte { get; }

    /// <summary>True for character string VRs (values are text).</summary>
    public bool IsString { get; }

    /// <summary>True for string VRs whose text follows the Specific Character Set (SH, LO, ST, LT, PN, UC, UT).</summary>
    public bool UsesCharacterSet { get; }

    /// <summary>True for the text VRs whose value is never split on backslash (LT, ST, UT, UR).</summary>
    public bool IsSingleValueText { get; }

    /// <summary>Bytes per value unit for binary VRs (2 for US/OW, 4 for UL/FL/AT, 8 for FD/SV...), 1 for strings, OB and UN; 0 for SQ.</summary>
    public int UnitSize { get; }

    /// <summary>Maximum length in characters of one value for string VRs with a limit; 0 when unlimited or not a string.</summary>
    public int MaxLength { get; }

    /// <summary>True for the binary numeric VRs read as numbers (AT, FD, FL, SL, SS, SV, UL, US, UV).</summary>
    public bool IsBinaryNumber => (!IsString && UnitSize > 1 && !HasLongExplicitLength) || this == SV || this == UV;

    internal ushort Code16 { get; }

    /// <summary>Parses a two-letter VR code.</summary>
    /// <exception cref="FormatException">The code is not a VR of PS3.5.</exception>
    public static DicomVR Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == 2 && TryParse((byte)code[0], (byte)code[1], out var vr) && code[0] < 128 && code[1] < 128
            ? vr
            : throw new FormatException($"'{code}' is not a DICOM value representation (PS3.5 table 6.2-1)");
    }

    /// <summary>Looks up the VR whose two ASCII characters are <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static bool TryParse(byte first, byte second, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DicomVR? vr)
    {
        vr = ((first << 8) | second) switch
        {
            0x4145 => AE,
            0x4153 => AS,
            0x4154 => AT,
            0x4353 => CS,
            0x4441 => DA,
            0x4453 => DS,
            0x4454 => DT,
            0x4644 => FD,
            0x464C => FL,
            0x4953 => IS,
            0x4C4F => LO,
            0x4C54 => LT,
            0x4F42 => OB,
            0x4F44 => OD,
            0x4F46 => OF,
            0x4F4C => OL,
            0x4F56 => OV,
            0x4F57 => OW,
            0x504E => PN,
            0x5348 => SH,
            0x534C => SL,
            0x5351 => SQ,
            0x5353 => SS,
            0x5354 => ST,
            0x5356 => SV,
            0x544D => TM,
            0x5543 => UC,
            0x5549 => UI,
            0x554C => UL,
            0x554E => UN,
            0x5552 => UR,
            0x5553 => US,
            0x5554 => UT,
            0x5556 => UV,
            _ => null,
        };
        return vr is not null;
    }

    /// <summary>The two-letter code.</summary>
    public override string ToString() => Code;
}
