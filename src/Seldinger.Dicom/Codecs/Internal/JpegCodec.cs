using Seldinger.Dicom.Pixels;
using Seldinger.Dicom.Pixels.Internal;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>
/// The JPEG transfer syntaxes: Baseline (process 1), Extended (processes 2 and 4, 12-bit), Lossless
/// (process 14) and Lossless SV1, decoded by <see cref="JpegDecoder"/>; the lossless syntaxes encode
/// with predictor 1 (<see cref="JpegLosslessEncoder"/>).
/// </summary>
internal sealed class JpegCodec(TransferSyntax syntax) : IPixelCodec
{
    public TransferSyntax TransferSyntax { get; } = syntax;

    public bool CanEncode => TransferSyntax == TransferSyntax.JpegLossless || TransferSyntax == TransferSyntax.JpegLosslessSV1;

    public void Decode(ReadOnlySpan<byte> encoded, PixelFrameInfo info, Span<byte> destination)
    {
        var decoder = new JpegDecoder();
        var samples = decoder.Decode(encoded);
        if (decoder.Width != info.Columns || decoder.Height != info.Rows || decoder.ComponentCount != info.SamplesPerPixel)
        {
            throw new DicomDataException(DicomTags.PixelData, $"JPEG image is {decoder.Width}x{decoder.Height} with {decoder.ComponentCount} components; the dataset says {info.Columns}x{info.Rows} with {info.SamplesPerPixel}");
        }

        var bytes = new PixelFrameInfo(info.Rows, info.Columns, info.SamplesPerPixel, info.BitsAllocated, Math.Min(info.BitsAllocated, Math.Max(decoder.Precision, info.BitsStored)), false, info.PhotometricInterpretation);
        NativeLayout.FromSamples(samples, bytes, destination);
    }

    public byte[] Encode(ReadOnlySpan<byte> frame, PixelFrameInfo info)
    {
        if (!CanEncode)
        {
            throw new DicomNotSupportedException($"{TransferSyntax.Name} is decoded only; encoding writes JPEG Lossless");
        }

        if (info.BitsAllocated is not (8 or 16))
        {
            throw new DicomNotSupportedException($"JPEG Lossless encodes 8- or 16-bit allocated data, not {info.BitsAllocated}");
        }

        var unsigned = info with { IsSigned = false };
        var samples = NativeLayout.ToSamples(frame, unsigned, 0);
        return JpegLosslessEncoder.Encode(samples, info.Columns, info.Rows, info.SamplesPerPixel, Math.Max(2, info.BitsStored));
    }
}
