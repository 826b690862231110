using Seldinger.Dicom.Text;

namespace Seldinger.Dicom.Tests;

/// <summary>Person names (<see cref="DicomPersonName"/>, <see cref="DicomPersonNameGroup"/>) and their getters and setters.</summary>
public class PersonNameTests
{
    [Fact]
    public void Parse_ThreeGroups_ComponentsSplit()
    {
        var name = DicomPersonName.Parse("Yamada^Tarou=山田^太郎=やまだ^たろう");

        Assert.Equal("Yamada", name.FamilyName);
        Assert.Equal("Tarou", name.GivenName);
        Assert.Equal(new DicomPersonNameGroup("山田", "太郎"), name.Ideographic);
        Assert.Equal("たろう", name.Phonetic.GivenName);
    }

    [Theory]
    [InlineData("Adams^John Robert Quincy^^Rev.^B.A. M.Div.")]
    [InlineData("Wang^XiaoDong=王^小東")]
    [InlineData("=山田^太郎")]
    [InlineData("")]
    public void ToString_Parsed_SameText(string text) => Assert.Equal(text, DicomPersonName.Parse(text).ToString());

    [Fact]
    public void ToString_TrailingEmptyComponentsAndGroups_LeftOut()
    {
        var name = new DicomPersonName(new DicomPersonNameGroup("Doe", "Jane", null, null, null), DicomPersonNameGroup.Empty);

        Assert.Equal("Doe^Jane", name.ToString());
        Assert.Equal(name, DicomPersonName.Parse("Doe^Jane^^^="));
    }

    [Fact]
    public void Constructor_ComponentWithDelimiter_Throws() =>
        Assert.Throws<ArgumentException>(() => new DicomPersonNameGroup("Doe^Jane"));

    [SkippableFact]
    public void GetPersonName_IsoJapaneseFile_DecodedGroups()
    {
        var path = Path.Combine(CorpusOracle.DataDirectory, "charset_files", "chrH32.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's charset files are missing");

        var name = DicomFile.Open(path).Dataset.GetPersonName(DicomTags.PatientName);

        Assert.Equal(new DicomPersonNameGroup("ﾔﾏﾀﾞ", "ﾀﾛｳ"), name.Alphabetic);
        Assert.Equal(new DicomPersonNameGroup("山田", "太郎"), name.Ideographic);
        Assert.Equal(new DicomPersonNameGroup("やまだ", "たろう"), name.Phonetic);
    }

    [Fact]
    public void SetPersonNames_KoreanCharacterSet_RoundTrips()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "\\ISO 2022 IR 149");
        DicomPersonName[] names = [DicomPersonName.Parse("Hong^Gildong=洪^吉洞=홍^길동"), DicomPersonName.Parse("Kim^Heejung")];

        ds.SetPersonNames(DicomTags.OtherPatientNames, names);

        Assert.Equal(names, ds.GetPersonNames(DicomTags.OtherPatientNames));
    }

    [Fact]
    public void GetPersonName_NotPN_Throws()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.PatientID, "P1");

        Assert.Throws<DicomDataException>(() => ds.GetPersonName(DicomTags.PatientID));
    }
}
