using System.Runtime.InteropServices;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>Checks that a native codec library can be loaded, with an error that names the Debian package providing it.</summary>
internal static class NativeCodecLibrary
{
    public const string CharLS = "libcharls.so.2";
    public const string OpenJpeg = "libopenjp2.so.7";

    public static void Ensure(string library, string package, TransferSyntax syntax)
    {
        if (!NativeLibrary.TryLoad(library, typeof(NativeCodecLibrary).Assembly, null, out _))
        {
            throw new DicomNotSupportedException($"{syntax.Name} needs the native library {library}, which is not installed (Debian package {package})");
        }
    }
}
