namespace Seldinger.Dicom.Tests;

public class DicomDictionaryTests
{
    [Fact]
    public void Generate_FromPinnedDictionary_MatchesCommittedFiles()
    {
        var root = TestFiles.RepositoryRoot;
        var output = Directory.CreateTempSubdirectory("seldinger-dictionary-");
        try
        {
            Seldinger.DictionaryGenerator.DictionaryGenerator.Generate(Path.Combine(root, "data", "dicom.dic"), output.FullName);

            foreach (var name in Seldinger.DictionaryGenerator.DictionaryGenerator.OutputFiles)
            {
                var committed = File.ReadAllText(Path.Combine(root, "src", "Seldinger.Dicom", "Dictionary", name));
                var regenerated = File.ReadAllText(Path.Combine(output.FullName, name));
                Assert.True(committed == regenerated, $"{name} is stale: run `dotnet run --project tools/Seldinger.DictionaryGenerator -- data/dicom.dic src/Seldinger.Dicom/Dictionary`");
            }
        }
        finally
        {
            output.Delete(true);
        }
    }

    [Fact]
    public void Lookup_PatientName_IsPN()
    {
        var entry = DicomDictionary.Lookup(DicomTags.PatientName);

        Assert.NotNull(entry);
        Assert.Equal("PatientName", entry.Keyword);
        Assert.Equal("Patient Name", entry.Name);
        Assert.Same(DicomVR.PN, entry.VR);
        Assert.Equal("1", entry.ValueMultiplicity);
    }

    [Fact]
    public void Lookup_PixelData_IsOWOrOB()
    {
        var entry = DicomDictionary.Lookup(new DicomTag(0x7FE0, 0x0010));

        Assert.NotNull(entry);
        Assert.Same(DicomVR.OW, entry.VR);
        Assert.Same(DicomVR.OB, entry.AlternateVR);
    }

    [Fact]
    public void Lookup_ImagePositionPatient_IsDSWithVM3()
    {
        var entry = DicomDictionary.Lookup(DicomTags.ImagePositionPatient);

        Assert.NotNull(entry);
        Assert.Same(DicomVR.DS, entry.VR);
        Assert.Equal("3", entry.ValueMultiplicity);
        Assert.Equal(new DicomTag(0x0020, 0x0032), DicomTags.ImagePositionPatient);
    }

    [Fact]
    public void Lookup_OverlayDataInAnyOverlayGroup_MatchesRepeatingGroup()
    {
        Assert.Equal("OverlayData", DicomDictionary.Lookup(new DicomTag(0x6002, 0x3000))?.Keyword);
        Assert.Equal("OverlayRows", DicomDictionary.Lookup(new DicomTag(0x601E, 0x0010))?.Keyword);
        Assert.Null(DicomDictionary.Lookup(new DicomTag(0x6001, 0x3000)));
    }

    [Fact]
    public void Lookup_PrivateTags_CreatorKnownDataUnknown()
    {
        Assert.Same(DicomVR.LO, DicomDictionary.Lookup(new DicomTag(0x0009, 0x0010))?.VR);
        Assert.Null(DicomDictionary.Lookup(new DicomTag(0x0009, 0x1001)));
        Assert.Same(DicomVR.UL, DicomDictionary.Lookup(new DicomTag(0x0008, 0x0000))?.VR);
    }

    [Fact]
    public void Lookup_Keyword_FindsTag()
    {
        Assert.Equal(DicomTags.SOPInstanceUID, DicomDictionary.Lookup("SOPInstanceUID")?.Tag);
        Assert.Null(DicomDictionary.Lookup("NoSuchKeyword"));
        Assert.True(DicomDictionary.Count > 4900);
    }
}
