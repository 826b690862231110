using Seldinger.Imaging;

namespace Seldinger.Planning.Tests;

public class ProtectedStructuresTests
{
    [Fact]
    public void AbdominalBiopsyDefaults_DataFile_VesselsBoneBowelWithSource()
    {
        var defaults = ProtectedStructures.AbdominalBiopsyDefaults;
        Assert.Equal(
            new[]
            {
                new ProtectedStructure("Vessel", (byte)TissueLabel.Vessel, 5), new ProtectedStructure("Bone", (byte)TissueLabel.Bone, 3), new ProtectedStructure("Bowel", (byte)TissueLabel.Bowel, 5),
                new ProtectedStructure("Artery", (byte)TissueLabel.Artery, 5), new ProtectedStructure("Vein", (byte)TissueLabel.Vein, 5),
                new ProtectedStructure("Nerve", (byte)TissueLabel.Nerve, 3), new ProtectedStructure("Bladder", (byte)TissueLabel.Bladder, 5),
            },
            defaults);
        Assert.Contains("verify", ProtectedStructures.AbdominalBiopsySource, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_NumericAndNamedLabels_Accepted()
    {
        var list = ProtectedStructures.Parse("""{"source":"test","structures":[{"name":"Nerve","label":200,"minimumClearanceMm":2.5},{"name":"Kidney","label":"Kidney","minimumClearanceMm":0}]}""", out var source);
        Assert.Equal("test", source);
        Assert.Equal(new ProtectedStructure("Nerve", 200, 2.5), list[0]);
        Assert.Equal(new ProtectedStructure("Kidney", (byte)TissueLabel.Kidney, 0), list[1]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"structures":{}}""")]
    [InlineData("""{"structures":[{"label":"Bone","minimumClearanceMm":3}]}""")]
    [InlineData("""{"structures":[{"name":"X","label":"Gallbladder","minimumClearanceMm":3}]}""")]
    [InlineData("""{"structures":[{"name":"X","label":300,"minimumClearanceMm":3}]}""")]
    [InlineData("""{"structures":[{"name":"X","label":"4","minimumClearanceMm":3}]}""")]
    [InlineData("""{"structures":[{"name":"X","label":"Bone","minimumClearanceMm":-1}]}""")]
    [InlineData("""{"structures":[{"name":"X","label":"Bone"}]}""")]
    public void Parse_BadFile_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => ProtectedStructures.Parse(json));
}
