using Seldinger.Dicom.Codecs.Internal;

namespace Seldinger.Dicom.Codecs;

/// <summary>
/// The closed registry of pixel codecs, one per encapsulated transfer syntax:
/// RLE Lossless and JPEG Lossless (process 14, SV1) decode and encode; JPEG Baseline and Extended,
/// JPEG-LS (CharLS) and JPEG 2000 (OpenJPEG) decode.
/// </summary>
public static class PixelCodecs
{
    private static readonly IPixelCodec[] Codecs =
    [
        new RleCodec(),
        new JpegCodec(TransferSyntax.JpegLossless),
        new JpegCodec(TransferSyntax.JpegLosslessSV1),
        new JpegCodec(TransferSyntax.JpegBaseline),
        new JpegCodec(TransferSyntax.JpegExtended),
        new JpegLsCodec(TransferSyntax.JpegLsLossless),
        new JpegLsCodec(TransferSyntax.JpegLsNearLossless),
        new Jpeg2000Codec(TransferSyntax.Jpeg2000Lossless),
        new Jpeg2000Codec(TransferSyntax.Jpeg2000),
    ];

    /// <summary>Every registered codec.</summary>
    public static IReadOnlyList<IPixelCodec> All => Codecs;

    /// <summary>The codec for <paramref name="syntax"/>, or null when there is none.</summary>
    public static IPixelCodec? Find(TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        foreach (var codec in Codecs)
        {
            if (codec.TransferSyntax == syntax)
            {
                return codec;
            }
        }

        return null;
    }

    /// <summary>The codec for <paramref name="syntax"/>.</summary>
    /// <exception cref="DicomNotSupportedException">No codec handles the syntax.</exception>
    public static IPixelCodec Get(TransferSyntax syntax) =>
        Find(syntax) ?? throw new DicomNotSupportedException($"no pixel codec for transfer syntax {syntax.Name} ({syntax.Uid})");
}
