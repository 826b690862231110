using System.Globalization;
using System.Text;

namespace Seldinger.DictionaryGenerator;

internal sealed record Entry(uint Tag, uint Mask, string Keyword, string Name, string Vr, string? AlternateVr, string Vm, bool Retired);

internal static class DictionaryParser
{
    public static List<Entry> Parse(string path)
    {
        var entries = new List<Entry>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 5)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 5 tab-separated fields, found {fields.Length}");
            }

            // Private creator, illegal and generic group-length entries describe whole families of
            // tags; the library handles them by rule (odd groups, element 0000) instead.
            var version = fields[4];
            if (version is "PRIVATE" or "ILLEGAL" or "GENERIC")
            {
                continue;
            }

            var (tag, mask) = ParseTag(fields[0], path, lineNumber);
            var keyword = fields[2];
            var retired = keyword.StartsWith("RETIRED_", StringComparison.Ordinal);
            if (retired)
            {
                keyword = keyword["RETIRED_".Length..];
            }

            var (vr, alternate) = MapVr(fields[1], path, lineNumber);
            entries.Add(new Entry(tag, mask, keyword, Humanize(keyword), vr, alternate, fields[3], retired));
        }

        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Tag == entries[i - 1].Tag)
            {
                throw new FormatException($"{path}: duplicate tag {Format(entries[i].Tag)}");
            }
        }

        var keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (!keywords.Add(e.Keyword))
            {
                throw new FormatException($"{path}: duplicate keyword {e.Keyword}");
            }
        }

        return entries;
    }

    private static (uint Tag, uint Mask) ParseTag(string text, string path, int line)
    {
        if (text.Length < 11 || text[0] != '(' || text[^1] != ')')
        {
            throw new FormatException($"{path}:{line}: malformed tag '{text}'");
        }

        var parts = text[1..^1].Split(',');
        if (parts.Length != 2)
        {
            throw new FormatException($"{path}:{line}: malformed tag '{text}'");
        }

        var (group, groupMask) = ParseRange(parts[0], path, line);
        var (element, elementMask) = ParseRange(parts[1], path, line);
        return (((uint)group << 16) | element, ((uint)groupMask << 16) | elementMask);
    }

    // A range "gggg-gggg" (even values only) becomes a value and a mask: a tag matches when
    // (tag & mask) == value. Only aligned power-of-two ranges can be expressed that way.
    private static (ushort Value, ushort Mask) ParseRange(string text, string path, int line)
    {
        var bounds = text.Split('-');
        if (bounds.Length == 1)
        {
            return (ParseHex(bounds[0], path, line), 0xFFFF);
        }

        if (bounds.Length != 2)
        {
            throw new FormatException($"{path}:{line}: unsupported range '{text}' (only even ranges gggg-gggg are supported)");
        }

        var low = ParseHex(bounds[0], path, line);
        var high = ParseHex(bounds[1], path, line);
        var span = high - low + 1;
        if ((span & (span - 1)) != 0 || (low & (span - 1)) != 0)
        {
            throw new FormatException($"{path}:{line}: range '{text}' is not an aligned power of two");
        }

        return (low, (ushort)(~(span - 1) | 1));
    }

    private static ushort ParseHex(string text, string path, int line) =>
        ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{path}:{line}: '{text}' is not a 4-digit hexadecimal number");

    // DCMTK's pseudo VRs name the VRs an attribute may take; the first is the one used when
    // the VR cannot be read from the stream (implicit VR).
    private static (string Vr, string? Alternate) MapVr(string vr, string path, int line) => vr switch
    {
        "ox" or "px" => ("OW", "OB"),
        "xs" => ("US", "SS"),
        "lt" => ("OW", "US"),
        "up" => ("UL", null),
        "na" => ("NONE", null),
        _ when vr.Length == 2 && char.IsUpper(vr[0]) && char.IsUpper(vr[1]) => (vr, null),
        _ => throw new FormatException($"{path}:{line}: unknown VR '{vr}'"),
    };

    private static string Humanize(string keyword)
    {
        var sb = new StringBuilder(keyword.Length + 8);
        for (var i = 0; i < keyword.Length; i++)
        {
            var c = keyword[i];
            if (i > 0 && char.IsUpper(c))
            {
                var prev = keyword[i - 1];
                // "SOPClass" splits before "Class", but the plural "IDs" stays whole.
                var nextIsLower = i + 1 < keyword.Length && char.IsLower(keyword[i + 1])
                    && !(keyword[i + 1] == 's' && (i + 2 == keyword.Length || !char.IsLower(keyword[i + 2])));
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                {
                    sb.Append(' ');
                }
            }
            else if (i > 0 && char.IsDigit(c) && char.IsLetter(keyword[i - 1]))
            {
                sb.Append(' ');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    public static string Format(uint tag) => string.Create(CultureInfo.InvariantCulture, $"({tag >> 16:X4},{tag & 0xFFFF:X4})");
}

internal static class SourceWriter
{
    private const string Header = "// <auto-generated>\n// Generated by tools/Seldinger.DictionaryGenerator from data/dicom.dic (DCMTK 3.6.7).\n// Do not edit: change the generator or the pinned dictionary and regenerate.\n// </auto-generated>\n\n";

    public static string Dictionary(List<Entry> entries)
    {
        var sb = new StringBuilder(1 << 20);
        sb.Append(Header);
        sb.Append("namespace Seldinger.Dicom;\n\n");
        sb.Append("public static partial class DicomDictionary\n{\n");
        Append(sb, "ExactEntries", entries.Where(e => e.Mask == 0xFFFFFFFF));
        sb.Append('\n');
        Append(sb, "MaskedEntries", entries.Where(e => e.Mask != 0xFFFFFFFF));
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string name, IEnumerable<Entry> entries)
    {
        sb.Append("    private static readonly DicomDictionaryEntry[] ").Append(name).Append(" =\n    [\n");
        foreach (var e in entries)
        {
            sb.Append(CultureInfo.InvariantCulture, $"        new(0x{e.Tag:X8}u, 0x{e.Mask:X8}u, \"{e.Keyword}\", \"{e.Name}\", ");
            sb.Append(e.Vr == "NONE" ? "null" : "DicomVR." + e.Vr).Append(", ");
            sb.Append(e.AlternateVr is null ? "null" : "DicomVR." + e.AlternateVr).Append(", ");
            sb.Append('"').Append(e.Vm).Append("\", ").Append(e.Retired ? "true" : "false").Append("),\n");
        }

        sb.Append("    ];\n");
    }

    public static string Tags(List<Entry> entries)
    {
        var sb = new StringBuilder(1 << 20);
        sb.Append(Header);
        sb.Append("namespace Seldinger.Dicom;\n\n");
        sb.Append("/// <summary>The tags of the DICOM data dictionary, one member per keyword.</summary>\n");
        sb.Append("public static class DicomTags\n{\n");
        var first = true;
        foreach (var e in entries)
        {
            if (!first)
            {
                sb.Append('\n');
            }

            first = false;
            var vr = e.Vr == "NONE" ? "no VR" : e.AlternateVr is null ? e.Vr : e.Vr + " or " + e.AlternateVr;
            var notes = (e.Mask != 0xFFFFFFFF ? " First tag of a repeating group." : string.Empty) + (e.Retired ? " Retired." : string.Empty);
            sb.Append(CultureInfo.InvariantCulture, $"    /// <summary>{DictionaryParser.Format(e.Tag)} {e.Name}, {vr}, VM {e.Vm}.{notes}</summary>\n");
            // Properties, not static readonly fields: thousands of fields would make every program pay
            // for one large static constructor on first use; a property is inlined to a constant.
            sb.Append(CultureInfo.InvariantCulture, $"    public static DicomTag {e.Keyword} => new(0x{e.Tag >> 16:X4}, 0x{e.Tag & 0xFFFF:X4});\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }
}
