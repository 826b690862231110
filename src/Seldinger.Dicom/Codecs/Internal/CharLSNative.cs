using System.Runtime.InteropServices;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>The CharLS 2.x C API (charls_jpegls_decoder_*).</summary>
internal static partial class CharLSNative
{
    [StructLayout(LayoutKind.Sequential)]
    public struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_create")]
    public static partial nint DecoderCreate();

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_destroy")]
    public static partial void DecoderDestroy(nint decoder);

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
    public static unsafe partial int SetSourceBuffer(nint decoder, byte* source, nuint size);

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_read_header")]
    public static partial int ReadHeader(nint decoder);

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
    public static partial int GetFrameInfo(nint decoder, out FrameInfo info);

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
    public static partial int GetInterleaveMode(nint decoder, out int mode);

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
    public static partial int GetDestinationSize(nint decoder, uint stride, out nuint size);

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
    public static unsafe partial int DecodeToBuffer(nint decoder, byte* destination, nuint size, uint stride);

    [LibraryImport(NativeCodecLibrary.CharLS, EntryPoint = "charls_get_error_message")]
    public static partial nint GetErrorMessage(int error);

    public static string Message(int error) => Marshal.PtrToStringUTF8(GetErrorMessage(error)) ?? $"error {error}";
}
