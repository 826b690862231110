using System.Text;

namespace Seldinger.Dicom.Text.Internal;

/// <summary>
/// The legacy code pages (ISO 8859 parts, EUC-JP, EUC-KR, GB2312, GBK, GB18030, Windows-874) that .NET
/// keeps in System.Text.Encoding.CodePages. The provider is registered once, by this type's static
/// constructor, before any of them is looked up.
/// </summary>
internal static class CodePages
{
    static CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The encoding for <paramref name="codePage"/> that throws on bytes or characters it cannot map.</summary>
    public static Encoding Strict(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);

    /// <summary>The encoding for <paramref name="codePage"/> that writes nothing for a character it cannot map.</summary>
    public static Encoding Dropping(int codePage) =>
        Encoding.GetEncoding(codePage, new EncoderReplacementFallback(string.Empty), DecoderFallback.ReplacementFallback);
}
