using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>JPEG-LS lossless and near-lossless decoding through CharLS 2 (libcharls.so.2).</summary>
internal sealed class JpegLsCodec(TransferSyntax syntax) : IPixelCodec
{
    public TransferSyntax TransferSyntax { get; } = syntax;

    public bool CanEncode => false;

    public unsafe void Decode(ReadOnlySpan<byte> encoded, PixelFrameInfo info, Span<byte> destination)
    {
        NativeCodecLibrary.Ensure(NativeCodecLibrary.CharLS, "libcharls2", TransferSyntax);
        var decoder = CharLSNative.DecoderCreate();
        if (decoder == 0)
        {
            throw new InvalidOperationException("CharLS could not create a decoder");
        }

        try
        {
            fixed (byte* source = encoded)
            {
                Check(CharLSNative.SetSourceBuffer(decoder, source, (nuint)encoded.Length));
                Check(CharLSNative.ReadHeader(decoder));
                Check(CharLSNative.GetFrameInfo(decoder, out var frame));
                Check(CharLSNative.GetInterleaveMode(decoder, out var interleave));
                if (frame.Width != info.Columns || frame.Height != info.Rows || frame.ComponentCount != info.SamplesPerPixel)
                {
                    throw new DicomDataException(DicomTags.PixelData, $"JPEG-LS image is {frame.Width}x{frame.Height} with {frame.ComponentCount} components; the dataset says {info.Columns}x{info.Rows} with {info.SamplesPerPixel}");
                }

                Check(CharLSNative.GetDestinationSize(decoder, 0, out var size));
                var decoded = new byte[(int)size];
                fixed (byte* target = decoded)
                {
                    Check(CharLSNative.DecodeToBuffer(decoder, target, size, 0));
                }

                var bytesIn = frame.BitsPerSample <= 8 ? 1 : 2;
                Copy(decoded, bytesIn, interleave == 0 && info.SamplesPerPixel > 1, info, destination);
            }
        }
        finally
        {
            CharLSNative.DecoderDestroy(decoder);
        }
    }

    public byte[] Encode(ReadOnlySpan<byte> frame, PixelFrameInfo info) =>
        throw new DicomNotSupportedException($"{TransferSyntax.Name} is decoded only");

    private static void Copy(ReadOnlySpan<byte> decoded, int bytesIn, bool planar, PixelFrameInfo info, Span<byte> destination)
    {
        var pixels = (int)info.PixelCount;
        var spp = info.SamplesPerPixel;
        var bytesOut = info.BytesPerSample;
        for (var p = 0; p < pixels; p++)
        {
            for (var s = 0; s < spp; s++)
            {
                var from = (planar ? (s * pixels) + p : (p * spp) + s) * bytesIn;
                var value = bytesIn == 1 ? decoded[from] : decoded[from] | (decoded[from + 1] << 8);
                var to = ((p * spp) + s) * bytesOut;
                destination[to] = (byte)value;
                if (bytesOut > 1)
                {
                    destination[to + 1] = (byte)(value >> 8);
                }
            }
        }
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new DicomDataException(DicomTags.PixelData, $"JPEG-LS data cannot be decoded: {CharLSNative.Message(error)}");
        }
    }
}
