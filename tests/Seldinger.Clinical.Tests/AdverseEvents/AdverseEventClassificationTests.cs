using Seldinger.Clinical.AdverseEvents;

namespace Seldinger.Clinical.Tests.AdverseEvents;

public class AdverseEventClassificationTests
{
    private static AdverseEventRecord Event(SirSeverity sir, CirseGrade cirse, string description = "subcapsular haematoma 2 cm") =>
        new() { Description = description, SirSeverity = sir, CirseGrade = cirse };

    [Fact]
    public void Grades_BothSystems_EveryEnumValueOnceWithRanksInOrder()
    {
        var sir = AdverseEventClassification.Grades.Where(g => g.System == "sir-2017").ToList();
        var cirse = AdverseEventClassification.Grades.Where(g => g.System == "cirse-2017").ToList();

        Assert.Equal(Enum.GetValues<SirSeverity>().Length, sir.Count);
        Assert.Equal(Enum.GetValues<CirseGrade>().Length, cirse.Count);
        Assert.Equal(Enumerable.Range(1, 5), sir.Select(g => g.Rank));
        Assert.Equal(Enumerable.Range(1, 6), cirse.Select(g => g.Rank));
        Assert.Equal(["mild", "moderate", "severe", "life-threatening", "death"], sir.Select(g => g.Code));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], cirse.Select(g => g.Code));
        Assert.All(AdverseEventClassification.Grades, g => Assert.False(string.IsNullOrWhiteSpace(g.Definition)));
        Assert.Equal(AdverseEventClassification.Grades.Count, AdverseEventClassification.Grades.Select(g => (g.System, g.Code)).Distinct().Count());
    }

    [Fact]
    public void CodeSystemUrl_IsAUrnWithoutAWebHost()
    {
        Assert.Equal("urn:seldinger:fhir:CodeSystem:ir-adverse-event-grade", AdverseEventClassification.CodeSystemUrl);
    }

    [Fact]
    public void Definition_EnumValues_MatchTheirCodes()
    {
        Assert.Equal("death", AdverseEventClassification.Definition(SirSeverity.Death).Code);
        Assert.Equal("3", AdverseEventClassification.Definition(CirseGrade.Grade3).Code);
        Assert.Same(AdverseEventClassification.Definition(CirseGrade.Grade6), AdverseEventClassification.Find("cirse-2017", "6"));
        Assert.Null(AdverseEventClassification.Find("cirse-2017", "7"));
    }

    [Theory]
    [InlineData(LegacySirClass.A, false)]
    [InlineData(LegacySirClass.B, false)]
    [InlineData(LegacySirClass.C, true)]
    [InlineData(LegacySirClass.F, true)]
    public void IsMajor_LegacyClasses_AAndBMinorCToFMajor(LegacySirClass legacy, bool major)
    {
        Assert.Equal(major, AdverseEventClassification.IsMajor(legacy));
    }

    [Theory]
    [InlineData(SirSeverity.Mild, CirseGrade.Grade1)]
    [InlineData(SirSeverity.Moderate, CirseGrade.Grade2)]
    [InlineData(SirSeverity.Severe, CirseGrade.Grade3)]
    [InlineData(SirSeverity.LifeThreatening, CirseGrade.Grade5)]
    [InlineData(SirSeverity.Death, CirseGrade.Grade6)]
    public void Validate_ConsistentPairs_Accepted(SirSeverity sir, CirseGrade cirse)
    {
        AdverseEventClassification.Validate(Event(sir, cirse));
    }

    [Fact]
    public void Validate_SirDeathButCirse5_RefusedNamingCirseGrade()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => AdverseEventClassification.Validate(Event(SirSeverity.Death, CirseGrade.Grade5)));

        Assert.Contains("cirseGrade", ex.Errors.Keys);
    }

    [Fact]
    public void Validate_Cirse6ButSirSevere_RefusedNamingSirSeverity()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => AdverseEventClassification.Validate(Event(SirSeverity.Severe, CirseGrade.Grade6)));

        Assert.Contains("sirSeverity", ex.Errors.Keys);
    }

    [Theory]
    [InlineData(CirseGrade.Grade3, false)]
    [InlineData(CirseGrade.Grade4, true)]
    [InlineData(CirseGrade.Grade5, true)]
    public void Validate_MildWithPermanentSequelae_Refused(CirseGrade cirse, bool refused)
    {
        var record = Event(SirSeverity.Mild, cirse);

        if (refused)
        {
            Assert.Throws<ClinicalValidationException>(() => AdverseEventClassification.Validate(record));
        }
        else
        {
            AdverseEventClassification.Validate(record);
        }
    }

    [Fact]
    public void Validate_EmptyDescriptionAndUnknownGrade_BothFieldsNamed()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => AdverseEventClassification.Validate(Event((SirSeverity)42, CirseGrade.Grade1, " ")));

        Assert.Contains("description", ex.Errors.Keys);
        Assert.Contains("sirSeverity", ex.Errors.Keys);
    }

    [Theory]
    [InlineData(SirSeverity.Mild, false)]
    [InlineData(SirSeverity.Moderate, true)]
    [InlineData(SirSeverity.Death, true)]
    public void SuggestsAdmission_FromModerate(SirSeverity severity, bool expected)
    {
        Assert.Equal(expected, AdverseEventClassification.SuggestsAdmission(severity));
    }
}
