using System.Runtime.InteropServices;
using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>JPEG 2000 (lossless and lossy) decoding through OpenJPEG 2.5 (libopenjp2.so.7), from a J2K codestream or JP2 boxes in memory.</summary>
internal sealed class Jpeg2000Codec(TransferSyntax syntax) : IPixelCodec
{
    private const int ParametersSize = 1 << 15;

    public TransferSyntax TransferSyntax { get; } = syntax;

    public bool CanEncode => false;

    public unsafe void Decode(ReadOnlySpan<byte> encoded, PixelFrameInfo info, Span<byte> destination)
    {
        NativeCodecLibrary.Ensure(NativeCodecLibrary.OpenJpeg, "libopenjp2-7", TransferSyntax);
        var start = 0;
        while (start + 1 < encoded.Length && encoded[start] == 0 && !(encoded.Length > start + 4 && encoded[start + 4] == 0x6A))
        {
            start++;
        }

        encoded = encoded[start..];
        var isJp2 = encoded.Length > 8 && encoded[4] == 0x6A && encoded[5] == 0x50;
        var codec = OpenJpegNative.CreateDecompress(isJp2 ? OpenJpegNative.CodecJP2 : OpenJpegNative.CodecJ2K);
        var stream = nint.Zero;
        OpenJpegNative.Image* image = null;
        var parameters = (byte*)NativeMemory.AllocZeroed(ParametersSize);
        var error = stackalloc byte[256];
        error[0] = 0;
        try
        {
            OpenJpegNative.SetDefaultDecoderParameters(parameters);
            _ = OpenJpegNative.SetErrorHandler(codec, &OpenJpegNative.Error, error);
            if (OpenJpegNative.SetupDecoder(codec, parameters) == 0)
            {
                throw Failed("setup", error);
            }

            fixed (byte* data = encoded)
            {
                var source = new OpenJpegNative.MemorySource { Data = data, Length = encoded.Length, Position = 0 };
                stream = OpenJpegNative.StreamCreate(1 << 16, 1);
                OpenJpegNative.StreamSetUserData(stream, &source, 0);
                OpenJpegNative.StreamSetUserDataLength(stream, (ulong)encoded.Length);
                OpenJpegNative.StreamSetRead(stream, &OpenJpegNative.Read);
                OpenJpegNative.StreamSetSkip(stream, &OpenJpegNative.Skip);
                OpenJpegNative.StreamSetSeek(stream, &OpenJpegNative.Seek);
                if (OpenJpegNative.ReadHeader(stream, codec, out image) == 0)
                {
                    throw Failed("header", error);
                }

                if (OpenJpegNative.Decode(codec, stream, image) == 0 || OpenJpegNative.EndDecompress(codec, stream) == 0)
                {
                    throw Failed("decoding", error);
                }
            }

            Copy(image, info, destination);
        }
        finally
        {
            if (image is not null)
            {
                OpenJpegNative.ImageDestroy(image);
            }

            if (stream != 0)
            {
                OpenJpegNative.StreamDestroy(stream);
            }

            OpenJpegNative.DestroyCodec(codec);
            NativeMemory.Free(parameters);
        }
    }

    public byte[] Encode(ReadOnlySpan<byte> frame, PixelFrameInfo info) =>
        throw new DicomNotSupportedException($"{TransferSyntax.Name} is decoded only");

    private static unsafe void Copy(OpenJpegNative.Image* image, PixelFrameInfo info, Span<byte> destination)
    {
        var spp = info.SamplesPerPixel;
        if (image->ComponentCount < spp)
        {
            throw new DicomDataException(DicomTags.PixelData, $"JPEG 2000 image has {image->ComponentCount} components; the dataset says {spp}");
        }

        var bps = info.BytesPerSample;
        for (var s = 0; s < spp; s++)
        {
            var c = image->Components[s];
            if (c.Width != info.Columns || c.Height != info.Rows)
            {
                throw new DicomDataException(DicomTags.PixelData, $"JPEG 2000 component {s} is {c.Width}x{c.Height}; the dataset says {info.Columns}x{info.Rows}");
            }

            var pixels = (int)info.PixelCount;
            for (var p = 0; p < pixels; p++)
            {
                var value = c.Data[p];
                var to = ((p * spp) + s) * bps;
                for (var b = 0; b < bps; b++)
                {
                    destination[to + b] = (byte)(value >> (8 * b));
                }
            }
        }
    }

    private static unsafe DicomDataException Failed(string stage, byte* error) =>
        new(DicomTags.PixelData, $"JPEG 2000 data cannot be decoded ({stage}): {Marshal.PtrToStringUTF8((nint)error)?.Trim() ?? "OpenJPEG gave no reason"}");
}
