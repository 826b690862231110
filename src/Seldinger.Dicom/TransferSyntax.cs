namespace Seldinger.Dicom;

/// <summary>
/// A DICOM transfer syntax (PS3.5 section 10). The set is closed: the syntaxes below are the
/// ones the library knows; an unknown UID is an error. Encapsulated (compressed) syntaxes keep
/// their pixel data as fragments; <see cref="Codecs.PixelCodecs"/> decodes them (and encodes RLE
/// and JPEG Lossless) through <see cref="Pixels.DicomPixelData"/>.
/// </summary>
public sealed class TransferSyntax
{
    private TransferSyntax(string uid, string name, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated, bool lossy = false)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsLossy = lossy;
    }

    /// <summary>Implicit VR Little Endian, the DICOM default (1.2.840.10008.1.2).</summary>
    public static readonly TransferSyntax ImplicitVRLittleEndian = new(DicomUids.ImplicitVRLittleEndian, "Implicit VR Little Endian", false, false, false, false);

    /// <summary>Explicit VR Little Endian (1.2.840.10008.1.2.1).</summary>
    public static readonly TransferSyntax ExplicitVRLittleEndian = new(DicomUids.ExplicitVRLittleEndian, "Explicit VR Little Endian", true, false, false, false);

    /// <summary>Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99).</summary>
    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian = new(DicomUids.DeflatedExplicitVRLittleEndian, "Deflated Explicit VR Little Endian", true, false, true, false);

    /// <summary>Explicit VR Big Endian, retired (1.2.840.10008.1.2.2).</summary>
    public static readonly TransferSyntax ExplicitVRBigEndian = new(DicomUids.ExplicitVRBigEndian, "Explicit VR Big Endian", true, true, false, false);

    /// <summary>JPEG Baseline (Process 1), lossy 8-bit (1.2.840.10008.1.2.4.50).</summary>
    public static readonly TransferSyntax JpegBaseline = new("1.2.840.10008.1.2.4.50", "JPEG Baseline", true, false, false, true, lossy: true);

    /// <summary>JPEG Extended (Process 2 and 4), lossy 12-bit (1.2.840.10008.1.2.4.51).</summary>
    public static readonly TransferSyntax JpegExtended = new("1.2.840.10008.1.2.4.51", "JPEG Extended", true, false, false, true, lossy: true);

    /// <summary>JPEG Lossless, Non-Hierarchical (Process 14) (1.2.840.10008.1.2.4.57).</summary>
    public static readonly TransferSyntax JpegLossless = new("1.2.840.10008.1.2.4.57", "JPEG Lossless", true, false, false, true);

    /// <summary>JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1) (1.2.840.10008.1.2.4.70).</summary>
    public static readonly TransferSyntax JpegLosslessSV1 = new("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1", true, false, false, true);

    /// <summary>JPEG-LS Lossless (1.2.840.10008.1.2.4.80).</summary>
    public static readonly TransferSyntax JpegLsLossless = new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, true);

    /// <summary>JPEG-LS Near-Lossless (1.2.840.10008.1.2.4.81).</summary>
    public static readonly TransferSyntax JpegLsNearLossless = new("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, false, true, lossy: true);

    /// <summary>JPEG 2000, lossless only (1.2.840.10008.1.2.4.90).</summary>
    public static readonly TransferSyntax Jpeg2000Lossless = new("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", true, false, false, true);

    /// <summary>JPEG 2000 (1.2.840.10008.1.2.4.91).</summary>
    public static readonly TransferSyntax Jpeg2000 = new("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, true, lossy: true);

    /// <summary>RLE Lossless (1.2.840.10008.1.2.5).</summary>
    public static readonly TransferSyntax RleLossless = new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, true);

    /// <summary>Every known transfer syntax.</summary>
    public static IReadOnlyList<TransferSyntax> All { get; } =
    [
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian,
        JpegBaseline, JpegExtended, JpegLossless, JpegLosslessSV1, JpegLsLossless, JpegLsNearLossless,
        Jpeg2000Lossless, Jpeg2000, RleLossless,
    ];

    /// <summary>The transfer syntax UID.</summary>
    public string Uid { get; }

    /// <summary>A readable name, e.g. "JPEG 2000 Lossless".</summary>
    public string Name { get; }

    /// <summary>True when each element carries its VR.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>True for the retired Explicit VR Big Endian.</summary>
    public bool IsBigEndian { get; }

    /// <summary>True when the dataset is compressed with deflate (RFC 1951) after the File Meta.</summary>
    public bool IsDeflated { get; }

    /// <summary>True when pixel data is encapsulated (compressed) as fragments.</summary>
    public bool IsEncapsulated { get; }

    /// <summary>True when the pixel compression loses information.</summary>
    public bool IsLossy { get; }

    /// <summary>Finds the syntax with <paramref name="uid"/> (trailing NUL or space padding ignored), or null when unknown.</summary>
    public static TransferSyntax? Lookup(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        uid = uid.TrimEnd('\0', ' ');
        foreach (var syntax in All)
        {
            if (syntax.Uid == uid)
            {
                return syntax;
            }
        }

        return null;
    }

    /// <summary>Finds the syntax with <paramref name="uid"/>.</summary>
    /// <exception cref="DicomNotSupportedException">The UID is not a known transfer syntax.</exception>
    public static TransferSyntax Parse(string uid) =>
        Lookup(uid) ?? throw new DicomNotSupportedException($"unknown transfer syntax UID '{uid}'");

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Uid})";
}
