using System.Globalization;
using System.Text;

namespace Seldinger.Dicom.Text.Internal;

/// <summary>
/// One defined term of Specific Character Set (0008,0005), PS3.5 tables C.12-2 to C.12-5: either a
/// pair of ISO 2022 graphic sets (G0, G1) or, for ISO_IR 192, GB18030 and GBK, an encoding of the whole value.
/// </summary>
internal sealed class CharacterSetTerm
{
    private static readonly Dictionary<string, CharacterSetTerm> Terms = BuildTerms();

    private readonly Lazy<Encoding>? _wholeValue;

    private CharacterSetTerm(string name, GraphicSet? g0, GraphicSet? g1, Func<Encoding>? wholeValue = null)
    {
        Name = name;
        G0 = g0;
        G1 = g1;
        _wholeValue = wholeValue is null ? null : new Lazy<Encoding>(wholeValue);
    }

    /// <summary>The default repertoire (ISO 646 IRV): what an absent or empty value 1 means.</summary>
    public static CharacterSetTerm Default { get; } = new(string.Empty, GraphicSet.Ascii, null);

    /// <summary>Used for terms this library does not know: ISO 8859-1 keeps every byte readable.</summary>
    public static CharacterSetTerm UnknownFallback { get; } = new("ISO_IR 100", GraphicSet.Ascii, GraphicSet.HighHalf('A', 28591));

    public string Name { get; }

    public GraphicSet? G0 { get; }

    public GraphicSet? G1 { get; }

    /// <summary>UTF-8, GB18030 or GBK: the whole value is in this encoding and code extensions do not apply.</summary>
    public Encoding? WholeValueEncoding => _wholeValue?.Value;

    /// <summary>Looks up a defined term, accepting common misspellings ("ISO-IR 100", "ISO_IR100", lower case).</summary>
    public static CharacterSetTerm? Find(string term)
    {
        var normalised = Normalise(term);
        return normalised.Length == 0 ? Default : Terms.GetValueOrDefault(normalised);
    }

    private static string Normalise(string term)
    {
        var t = term.Trim(' ', '\0').ToUpperInvariant();
        if (t.Length == 0 || Terms.ContainsKey(t))
        {
            return t;
        }

        // Collapse separators: "ISO-IR 100", "ISO_IR100", "ISO IR 100", "ISO 2022-IR 87".
        var compact = new StringBuilder();
        foreach (var c in t)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact.Append(c);
            }
        }

        var s = compact.ToString();
        if (s.StartsWith("ISO2022IR", StringComparison.Ordinal) && int.TryParse(s.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return "ISO 2022 IR " + n.ToString(CultureInfo.InvariantCulture);
        }

        if (s.StartsWith("ISOIR", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            return "ISO_IR " + n.ToString(CultureInfo.InvariantCulture);
        }

        return t;
    }

    private static Dictionary<string, CharacterSetTerm> BuildTerms()
    {
        var map = new Dictionary<string, CharacterSetTerm>(StringComparer.Ordinal);

        void SingleByte(int ir, char final, int codePage)
        {
            var high = GraphicSet.HighHalf(final, codePage);
            var single = "ISO_IR " + ir.ToString(CultureInfo.InvariantCulture);
            var extended = "ISO 2022 IR " + ir.ToString(CultureInfo.InvariantCulture);
            map[single] = new CharacterSetTerm(single, GraphicSet.Ascii, high);
            map[extended] = new CharacterSetTerm(extended, GraphicSet.Ascii, high);
        }

        map["ISO_IR 6"] = new CharacterSetTerm("ISO_IR 6", GraphicSet.Ascii, null);
        map["ISO 2022 IR 6"] = new CharacterSetTerm("ISO 2022 IR 6", GraphicSet.Ascii, null);
        SingleByte(100, 'A', 28591);
        SingleByte(101, 'B', 28592);
        SingleByte(109, 'C', 28593);
        SingleByte(110, 'D', 28594);
        SingleByte(144, 'L', 28595);
        SingleByte(127, 'G', 28596);
        SingleByte(126, 'F', 28597);
        SingleByte(138, 'H', 28598);
        SingleByte(148, 'M', 28599);
        SingleByte(203, 'b', 28605);
        SingleByte(166, 'T', 874);
        map["ISO_IR 13"] = new CharacterSetTerm("ISO_IR 13", GraphicSet.Romaji, GraphicSet.Katakana);
        map["ISO 2022 IR 13"] = new CharacterSetTerm("ISO 2022 IR 13", GraphicSet.Romaji, GraphicSet.Katakana);
        map["ISO 2022 IR 87"] = new CharacterSetTerm("ISO 2022 IR 87", GraphicSet.Jis0208, null);
        map["ISO 2022 IR 159"] = new CharacterSetTerm("ISO 2022 IR 159", GraphicSet.Jis0212, null);
        map["ISO 2022 IR 149"] = new CharacterSetTerm("ISO 2022 IR 149", null, GraphicSet.Ksx1001);
        map["ISO 2022 IR 58"] = new CharacterSetTerm("ISO 2022 IR 58", null, GraphicSet.Gb2312);
        map["ISO_IR 192"] = new CharacterSetTerm("ISO_IR 192", null, null, () => new UTF8Encoding(false, false));
        map["GB18030"] = new CharacterSetTerm("GB18030", null, null, () => CodePages.Strict(54936));
        map["GBK"] = new CharacterSetTerm("GBK", null, null, () => CodePages.Strict(936));
        return map;
    }
}
