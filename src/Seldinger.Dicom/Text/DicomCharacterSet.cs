using System.Buffers;
using System.Text;
using Seldinger.Dicom.Text.Internal;

namespace Seldinger.Dicom.Text;

/// <summary>
/// A Specific Character Set (0008,0005) value (PS3.5 section 6.1 and annexes H, I, J, K): decodes and
/// encodes the text of the VRs that follow it (SH, LO, ST, LT, PN, UC, UT). Single-byte sets (ISO_IR 100,
/// 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166), ISO 2022 code extensions with escape sequences
/// (ISO 2022 IR 6, 100…, 13, 87, 159, 149, 58) and the whole-value encodings ISO_IR 192 (UTF-8), GB18030
/// and GBK. Instances are immutable.
/// </summary>
public sealed class DicomCharacterSet
{
    private const byte Esc = 0x1B;

    private readonly CharacterSetTerm[] _terms;
    private readonly GraphicSet _initialG0;
    private readonly GraphicSet? _initialG1;
    private readonly GraphicSet? _fallbackG1;
    private readonly Encoding? _wholeValue;

    private DicomCharacterSet(string value, CharacterSetTerm[] terms, IReadOnlyList<string> unknown)
    {
        Value = value;
        _terms = terms;
        UnknownTerms = unknown;
        Terms = [.. terms.Select(t => t.Name)];
        _wholeValue = terms.FirstOrDefault(t => t.WholeValueEncoding is not null)?.WholeValueEncoding;
        _initialG0 = terms[0].G0 ?? GraphicSet.Ascii;
        if (_initialG0.BytesPerCharacter != 1)
        {
            // A two-byte set cannot be the initial G0: the delimiters must stay readable.
            _initialG0 = GraphicSet.Ascii;
        }

        _initialG1 = terms[0].G1;
        _fallbackG1 = _initialG1 ?? terms.FirstOrDefault(t => t.G1 is not null)?.G1;
        UsesCodeExtensions = _wholeValue is null && (terms.Length > 1 || value.TrimStart(' ', '\\').StartsWith("ISO 2022", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The default character repertoire (no Specific Character Set, or an empty one).</summary>
    public static DicomCharacterSet Default { get; } = new(string.Empty, [CharacterSetTerm.Default], []);

    /// <summary>The value of Specific Character Set this was parsed from (backslash-separated).</summary>
    public string Value { get; }

    /// <summary>The defined terms in order, normalised (value 1 is "" for the default repertoire); unknown terms appear as "ISO_IR 100".</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Terms of the value that are not defined by PS3.3 C.12.1.1.2; they are read as ISO 8859-1, as pydicom does.</summary>
    public IReadOnlyList<string> UnknownTerms { get; }

    /// <summary>True when ISO 2022 escape sequences switch between the declared sets.</summary>
    public bool UsesCodeExtensions { get; }

    /// <summary>True when this is the default repertoire (ASCII only).</summary>
    public bool IsDefault => _terms.Length == 1 && _terms[0].G1 is null && _wholeValue is null && _terms[0].G0 == GraphicSet.Ascii;

    /// <summary>
    /// Parses a Specific Character Set value (values separated by '\', value 1 possibly empty). Null or
    /// empty gives <see cref="Default"/>. Common misspellings such as "ISO-IR 100" are accepted.
    /// </summary>
    public static DicomCharacterSet Parse(string? specificCharacterSet)
    {
        if (string.IsNullOrWhiteSpace(specificCharacterSet?.Replace('\0', ' ')))
        {
            return Default;
        }

        var parts = specificCharacterSet.Split('\\');
        var terms = new List<CharacterSetTerm>(parts.Length);
        var unknown = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var term = CharacterSetTerm.Find(parts[i]);
            if (term is null)
            {
                unknown.Add(parts[i].Trim());
                term = CharacterSetTerm.UnknownFallback;
            }

            if (i > 0 && term == CharacterSetTerm.Default)
            {
                continue;
            }

            terms.Add(term);
        }

        return new DicomCharacterSet(specificCharacterSet, [.. terms], unknown);
    }

    /// <summary>
    /// Decodes the bytes of a value of <paramref name="vr"/>. For the VRs that do not follow the
    /// character set (AE, CS, DA, UI…) the bytes are read as ISO 8859-1. Escape sequences switch sets;
    /// the initial sets come back at each value delimiter, at '^' and '=' in PN and at control characters.
    /// </summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(vr);
        if (!vr.UsesCharacterSet || bytes.IsEmpty)
        {
            return Encoding.Latin1.GetString(bytes);
        }

        if (_wholeValue is not null)
        {
            return _wholeValue.GetString(bytes);
        }

        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF) && !bytes.Contains(Esc) && _initialG0.Kind != GraphicSetKind.Romaji)
        {
            return Encoding.Latin1.GetString(bytes);
        }

        return DecodeIso2022(bytes, vr);
    }

    /// <summary>True when every character of <paramref name="value"/> can be encoded in this character set.</summary>
    public bool CanEncode(string value, DicomVR vr) => TryEncode(value, vr) is not null;

    /// <summary>Encodes a value of <paramref name="vr"/> (unpadded).</summary>
    /// <exception cref="DicomDataException">A character has no encoding in this character set.</exception>
    public byte[] Encode(string value, DicomVR vr) =>
        TryEncode(value, vr) ?? throw new DicomDataException(
            $"'{value}' has characters outside the character set '{(Value.Length == 0 ? "default repertoire" : Value)}'; set SpecificCharacterSet (0008,0005) to one that holds them, e.g. \"ISO_IR 192\" (UTF-8)");

    /// <summary>Encodes a value of <paramref name="vr"/> (unpadded), or returns null when a character cannot be encoded.</summary>
    public byte[]? TryEncode(string value, DicomVR vr)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(vr);
        if (Ascii.IsValid(value))
        {
            return Encoding.ASCII.GetBytes(value);
        }

        if (!vr.UsesCharacterSet)
        {
            return null;
        }

        if (_wholeValue is not null)
        {
            try
            {
                return _wholeValue.GetBytes(value);
            }
            catch (EncoderFallbackException)
            {
                return null;
            }
        }

        return EncodeIso2022(value, vr);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsDelimiter(int c, DicomVR vr) =>
        c is 0x5C or 0x0D or 0x0A or 0x09 or 0x0C || (vr == DicomVR.PN && c is 0x5E or 0x3D);

    private string DecodeIso2022(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var text = new StringBuilder(bytes.Length);
        var run = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            var runLength = 0;
            GraphicSet? runSet = null;
            var g0 = _initialG0;
            var g1 = _initialG1;
            var i = 0;
            while (i < bytes.Length)
            {
                var b = bytes[i];
                if (b == Esc && TryMatchEscape(bytes[(i + 1)..], out var designated))
                {
                    if (designated.IsG1)
                    {
                        g1 = designated;
                    }
                    else
                    {
                        g0 = designated;
                    }

                    i += 1 + designated.Escape.Length;
                    continue;
                }

                GraphicSet set;
                if (b < 0x80)
                {
                    if (g0.BytesPerCharacter == 2 && b is >= 0x21 and <= 0x7E && i + 1 < bytes.Length && bytes[i + 1] is >= 0x21 and <= 0x7E)
                    {
                        Add(g0, (byte)(b | 0x80), (byte)(bytes[i + 1] | 0x80));
                        i += 2;
                        continue;
                    }

                    // Controls, space, ESC that designates nothing, and any byte in a one-byte G0 set.
                    set = g0.BytesPerCharacter == 1 ? g0 : GraphicSet.Ascii;
                    Add(set, b, null);
                    i++;
                    if (IsDelimiter(b, vr))
                    {
                        g0 = _initialG0;
                        g1 = _initialG1;
                    }

                    continue;
                }

                set = g1 ?? _fallbackG1 ?? CharacterSetTerm.UnknownFallback.G1!;
                if (set.BytesPerCharacter == 2)
                {
                    if (i + 1 < bytes.Length && bytes[i + 1] >= 0xA1)
                    {
                        Add(set, b, bytes[i + 1]);
                        i += 2;
                    }
                    else
                    {
                        Flush();
                        text.Append('\uFFFD');
                        i++;
                    }

                    continue;
                }

                Add(set, b, null);
                i++;
            }

            Flush();
            return text.ToString();

            void Add(GraphicSet s, byte first, byte? second)
            {
                if (!ReferenceEquals(s, runSet))
                {
                    Flush();
                    runSet = s;
                }

                run[runLength++] = first;
                if (second is { } sb)
                {
                    run[runLength++] = sb;
                }
            }

            void Flush()
            {
                if (runLength > 0)
                {
                    runSet!.Decode(run.AsSpan(0, runLength), text);
                    runLength = 0;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(run);
        }
    }

    private bool TryMatchEscape(ReadOnlySpan<byte> afterEsc, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GraphicSet? set)
    {
        foreach (var term in _terms)
        {
            foreach (var candidate in (ReadOnlySpan<GraphicSet?>)[term.G0, term.G1])
            {
                if (candidate is not null && afterEsc.StartsWith(candidate.Escape))
                {
                    set = candidate;
                    return true;
                }
            }
        }

        // Returning to ASCII is always understood, declared or not.
        if (afterEsc.StartsWith(GraphicSet.Ascii.Escape))
        {
            set = GraphicSet.Ascii;
            return true;
        }

        set = null;
        return false;
    }

    private byte[]? EncodeIso2022(string value, DicomVR vr)
    {
        var output = new ArrayBufferWriter<byte>(value.Length * 2 + 8);
        var g0 = _initialG0;
        var g1 = _initialG1;
        Span<byte> bytes = stackalloc byte[4];
        foreach (var c in value)
        {
            if (c < 0x80)
            {
                if (g0.BytesPerCharacter != 1 || (IsDelimiter(c, vr) && g0 != _initialG0))
                {
                    var back = IsDelimiter(c, vr) ? _initialG0 : GraphicSet.Ascii;
                    Designate(output, back);
                    g0 = back;
                }

                output.Write([(byte)c]);
                if (IsDelimiter(c, vr))
                {
                    g1 = _initialG1;
                }

                continue;
            }

            var encoded = false;
            foreach (var term in _terms)
            {
                foreach (var set in (ReadOnlySpan<GraphicSet?>)[term.G0, term.G1])
                {
                    if (set is null || set.Kind is GraphicSetKind.Ascii or GraphicSetKind.Romaji)
                    {
                        continue;
                    }

                    var count = set.TryEncode(c, bytes);
                    if (count == 0)
                    {
                        continue;
                    }

                    if (set.IsG1 && g1 != set)
                    {
                        Designate(output, set);
                        g1 = set;
                    }
                    else if (!set.IsG1 && g0 != set)
                    {
                        Designate(output, set);
                        g0 = set;
                    }

                    output.Write(bytes[..count]);
                    encoded = true;
                    break;
                }

                if (encoded)
                {
                    break;
                }
            }

            if (!encoded)
            {
                return null;
            }
        }

        if (g0 != _initialG0)
        {
            Designate(output, _initialG0);
        }

        return output.WrittenSpan.ToArray();

        static void Designate(ArrayBufferWriter<byte> output, GraphicSet set)
        {
            output.Write([Esc]);
            output.Write(set.Escape);
        }
    }
}
