using System.Runtime.InteropServices;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>The OpenJPEG 2.5 C API used to decode from memory (opj_stream_create with read callbacks).</summary>
internal static unsafe partial class OpenJpegNative
{
    public const int CodecJ2K = 0;
    public const int CodecJP2 = 2;

    /// <summary>opj_image_t (x0, y0, x1, y1, numcomps, color_space, comps, icc_profile_buf, icc_profile_len).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Image
    {
        public uint X0;
        public uint Y0;
        public uint X1;
        public uint Y1;
        public uint ComponentCount;
        public int ColorSpace;
        public ImageComponent* Components;
        public byte* IccProfile;
        public uint IccProfileLength;
    }

    /// <summary>opj_image_comp_t (dx, dy, w, h, x0, y0, prec, bpp, sgnd, resno_decoded, factor, data, alpha).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ImageComponent
    {
        public uint Dx;
        public uint Dy;
        public uint Width;
        public uint Height;
        public uint X0;
        public uint Y0;
        public uint Precision;
        public uint Bpp;
        public uint Signed;
        public uint ResolutionsDecoded;
        public uint Factor;
        public int* Data;
        public ushort Alpha;
    }

    /// <summary>The memory source handed to the read, skip and seek callbacks.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MemorySource
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_create_decompress")]
    public static partial nint CreateDecompress(int format);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(nint codec);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_set_default_decoder_parameters")]
    public static partial void SetDefaultDecoderParameters(byte* parameters);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(nint codec, byte* parameters);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_set_error_handler")]
    public static partial int SetErrorHandler(nint codec, delegate* unmanaged<byte*, void*, void> handler, void* client);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_stream_create")]
    public static partial nint StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_stream_destroy")]
    public static partial void StreamDestroy(nint stream);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_stream_set_read_function")]
    public static partial void StreamSetRead(nint stream, delegate* unmanaged<void*, nuint, void*, nuint> read);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void StreamSetSkip(nint stream, delegate* unmanaged<long, void*, long> skip);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void StreamSetSeek(nint stream, delegate* unmanaged<long, void*, int> seek);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_stream_set_user_data")]
    public static partial void StreamSetUserData(nint stream, void* data, nint free);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void StreamSetUserDataLength(nint stream, ulong length);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(nint stream, nint codec, out Image* image);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_decode")]
    public static partial int Decode(nint codec, nint stream, Image* image);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(nint codec, nint stream);

    [LibraryImport(NativeCodecLibrary.OpenJpeg, EntryPoint = "opj_image_destroy")]
    public static partial void ImageDestroy(Image* image);

    [UnmanagedCallersOnly]
    public static nuint Read(void* buffer, nuint count, void* user)
    {
        var source = (MemorySource*)user;
        var left = source->Length - source->Position;
        if (left <= 0)
        {
            return nuint.MaxValue;
        }

        var n = (long)Math.Min((ulong)left, count);
        Buffer.MemoryCopy(source->Data + source->Position, buffer, (long)count, n);
        source->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    public static long Skip(long count, void* user)
    {
        var source = (MemorySource*)user;
        var target = Math.Clamp(source->Position + count, 0, source->Length);
        var skipped = target - source->Position;
        source->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly]
    public static int Seek(long position, void* user)
    {
        var source = (MemorySource*)user;
        if (position < 0 || position > source->Length)
        {
            return 0;
        }

        source->Position = position;
        return 1;
    }

    [UnmanagedCallersOnly]
    public static void Error(byte* message, void* client)
    {
        // The message is kept in the client's buffer (first error only) for the exception.
        var target = (byte*)client;
        if (target[0] != 0)
        {
            return;
        }

        var i = 0;
        while (i < 255 && message[i] != 0)
        {
            target[i] = message[i];
            i++;
        }

        target[i] = 0;
    }
}
