using System.Text.Json;
using Seldinger.Dicom.Text;

namespace Seldinger.Dicom.Tests;

/// <summary>Specific Character Set decoding and encoding (<see cref="DicomCharacterSet"/>), checked against pydicom and real files.</summary>
public class CharsetTests
{
    // (Specific Character Set, text) pairs: every single-byte set, ISO 2022 JP/KR/CN and the whole-value encodings.
    private static readonly (string CharacterSet, string Text)[] Cases =
    [
        ("ISO_IR 100", "Buc^Jérôme"),
        ("ISO_IR 101", "Dvořák^Zdeněk"),
        ("ISO_IR 109", "Ġużeppi^Ħal"),
        ("ISO_IR 110", "Ģirts^Ķēniņš"),
        ("ISO_IR 144", "Люксембург"),
        ("ISO_IR 127", "قباني^لنزار"),
        ("ISO_IR 126", "Διονυσιος"),
        ("ISO_IR 138", "שרון^דבורה"),
        ("ISO_IR 148", "Şimşek^Ağır"),
        ("ISO_IR 166", "สมชาย^ใจดี"),
        ("\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
        ("ISO 2022 IR 13\\ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
        ("\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동"),
        ("\\ISO 2022 IR 58", "Zhang^San=张^三=zhang^san"),
        ("ISO_IR 192", "Wang^XiaoDong=王^小東="),
        ("GB18030", "Wang^XiaoDong=王^小东="),
        ("GBK", "Wang^XiaoDong=王^小东="),
    ];

    [SkippableFact]
    public void Encode_EveryCharacterSet_PydicomDecodesOurBytes()
    {
        // Byte-for-byte comparison is against real files (below): pydicom adds designations that are already
        // in force (ESC ( B at the start, ESC ) I before every katakana run), which the files do not have.
        // pydicom 2.3 leaves the GB 2312 designation (ESC $ ) A) undecoded in its output, so ISO 2022 IR 58 is
        // left out here; Decode_PydicomEncodedBytes_OriginalText covers it the other way round.
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var cases = Cases.Where(c => !c.CharacterSet.Contains("IR 58", StringComparison.Ordinal)).ToArray();
        var ours = cases.Select(c => new[] { c.CharacterSet, Convert.ToHexString(DicomCharacterSet.Parse(c.CharacterSet).Encode(c.Text, DicomVR.PN)) }).ToArray();

        var decoded = TestFiles.RunPython(
            "import sys, json\nfrom pydicom.charset import decode_bytes, convert_encodings\n" +
            "print(json.dumps([decode_bytes(bytes.fromhex(h), convert_encodings(cs.split('\\\\')), {'^', '='}) for cs, h in json.loads(sys.argv[1])]))",
            JsonSerializer.Serialize(ours));

        Assert.Equal(cases.Select(c => c.Text), JsonSerializer.Deserialize<string[]>(decoded)!);
    }

    [SkippableFact]
    public void Decode_PydicomEncodedBytes_OriginalText()
    {
        Skip.IfNot(TestFiles.HasPydicom, TestFiles.NoPydicom);
        var encoded = PydicomEncode();

        for (var i = 0; i < Cases.Length; i++)
        {
            var (characterSet, text) = Cases[i];
            Assert.Equal(text, DicomCharacterSet.Parse(characterSet).Decode(Convert.FromHexString(encoded[i]), DicomVR.PN));
        }
    }

    [SkippableTheory]
    [InlineData("chrH31.dcm")]
    [InlineData("chrH32.dcm")]
    [InlineData("chrI2.dcm")]
    [InlineData("chrX1.dcm")]
    [InlineData("chrX2.dcm")]
    [InlineData("chrGreek.dcm")]
    public void SetString_DecodedNameFromFile_SameBytesAsFile(string name)
    {
        var path = Path.Combine(CorpusOracle.DataDirectory, "charset_files", name);
        Skip.IfNot(File.Exists(path), "pydicom's charset files are missing");
        var source = DicomFile.Open(path).Dataset;
        var copy = new DicomDataset();
        copy.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, source.CharacterSet!);

        copy.SetString(DicomTags.PatientName, source.GetString(DicomTags.PatientName));

        var original = source.GetBytes(DicomTags.PatientName).ToArray();
        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(copy.GetBytes(DicomTags.PatientName).Span));
    }

    [Fact]
    public void Encode_Latin9_Iso885915Bytes()
    {
        // pydicom 2.3 does not know ISO_IR 203 (it writes '?'); the bytes are Python's iso8859_15 codec's.
        var bytes = DicomCharacterSet.Parse("ISO_IR 203").Encode("Œuvre^€", DicomVR.PN);

        Assert.Equal("BC757672655EA4", Convert.ToHexString(bytes));
        Assert.Equal("Œuvre^€", DicomCharacterSet.Parse("ISO_IR 203").Decode(bytes, DicomVR.PN));
    }

    [Fact]
    public void Encode_JisX0201Katakana_SameBytesAsChrH32()
    {
        // pydicom 2.3 writes '?' for ISO_IR 13 alone; these are the bytes of the first group of chrH32.dcm.
        var bytes = DicomCharacterSet.Parse("ISO_IR 13").Encode("ﾔﾏﾀﾞ^ﾀﾛｳ", DicomVR.PN);

        Assert.Equal("D4CFC0DE5EC0DBB3", Convert.ToHexString(bytes));
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ", DicomCharacterSet.Parse("ISO_IR 13").Decode(bytes, DicomVR.PN));
    }

    [Fact]
    public void Decode_EscapeStateResetsAtDelimiters_NextComponentInInitialSet()
    {
        // A KS X 1001 designation does not outlive its component: after '^', bytes below 0x80 are ASCII again.
        var set = DicomCharacterSet.Parse("\\ISO 2022 IR 149");
        byte[] bytes = [0x1B, 0x24, 0x29, 0x43, 0xC8, 0xAB, (byte)'^', (byte)'A', (byte)'\\', (byte)'B'];

        Assert.Equal("홍^A\\B", set.Decode(bytes, DicomVR.PN));
    }

    [Fact]
    public void Decode_JisDoubleByteContainingDelimiterBytes_NotSplit()
    {
        // JIS X 0208 0x245E (hiragana MA) holds the byte of '^'; it is part of the character, not a delimiter.
        var set = DicomCharacterSet.Parse("\\ISO 2022 IR 87");
        byte[] bytes = [0x1B, 0x24, 0x42, 0x24, 0x5E, 0x1B, 0x28, 0x42];

        Assert.Equal("ま", set.Decode(bytes, DicomVR.PN));
    }

    [Fact]
    public void Parse_MisspelledTerms_Understood()
    {
        Assert.Equal(["ISO_IR 100"], DicomCharacterSet.Parse("ISO-IR 100").Terms);
        Assert.Equal(["ISO_IR 192"], DicomCharacterSet.Parse("iso_ir192").Terms);
        Assert.Equal([string.Empty, "ISO 2022 IR 87"], DicomCharacterSet.Parse("\\ISO 2022 IR 87").Terms);
        Assert.True(DicomCharacterSet.Parse("\\ISO 2022 IR 87").UsesCodeExtensions);
        Assert.True(DicomCharacterSet.Parse(null).IsDefault);
    }

    [Fact]
    public void Parse_UnknownTerm_ReadAsLatin1AndReported()
    {
        var set = DicomCharacterSet.Parse("ISO_IR 999");

        Assert.Equal(["ISO_IR 999"], set.UnknownTerms);
        Assert.Equal("é", set.Decode([0xE9], DicomVR.LO));
    }

    [Fact]
    public void SetString_CharacterOutsideCharacterSet_ThrowsNamingTagAndSet()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");

        var e = Assert.Throws<DicomDataException>(() => ds.SetString(DicomTags.PatientName, "山田^太郎"));

        Assert.Contains("(0010,0010)", e.Message, StringComparison.Ordinal);
        Assert.Contains("ISO_IR 100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetString_NonAsciiWithoutCharacterSet_Throws() =>
        Assert.Throws<DicomDataException>(() => new DicomDataset().SetString(DicomTags.PatientName, "Núñez"));

    [Fact]
    public void SetString_CharacterSetSetAfterSequence_ItemsInheritIt()
    {
        var item = new DicomDataset();
        var ds = new DicomDataset();
        ds.SetSequence(DicomTags.ReferencedImageSequence, [item]);

        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        item.SetString(DicomTags.CodeMeaning, "Hígado");

        Assert.Equal("ISO_IR 192", item.CharacterSet);
        Assert.Equal("Hígado", item.GetString(DicomTags.CodeMeaning));
        Assert.Equal(7, item.GetBytes(DicomTags.CodeMeaning).Length - 1);
    }

    private static string[] PydicomEncode()
    {
        var input = JsonSerializer.Serialize(Cases.Select(c => new[] { c.CharacterSet, c.Text }).ToArray());
        var output = TestFiles.RunPython(
            "import sys, json\nfrom pydicom.charset import encode_string, convert_encodings\n" +
            "for cs, text in json.loads(sys.argv[1]):\n" +
            "    print(encode_string(text, convert_encodings(cs.split('\\\\'))).hex().upper())",
            input);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
