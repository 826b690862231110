using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Scheduling;

public class ProcedureDurationsTests
{
    [Fact]
    public void LoadDefault_EveryCatalogueProcedure_HasADuration()
    {
        var durations = ProcedureDurations.LoadDefault();
        foreach (var p in ProcedureCatalogue.Default.Procedures)
        {
            Assert.InRange(durations.MinutesFor(p.Id, anaesthesia: false), 15, 600);
        }

        Assert.Equal(ProcedureCatalogue.Default.Procedures.Select(p => p.Id).Order(), durations.ProcedureIds.Order());
    }

    [Fact]
    public void MinutesFor_WithAnaesthesia_AddsTheExtraAndTurnover()
    {
        var durations = ProcedureDurations.Parse("""
            { "turnoverMinutes": { "value": 15 }, "procedures": { "picc": { "roomMinutes": 60, "anaesthesiaExtraMinutes": 30 } } }
            """);
        Assert.Equal(75, durations.MinutesFor("picc", anaesthesia: false));
        Assert.Equal(105, durations.MinutesFor("picc", anaesthesia: true));
    }

    [Fact]
    public void MinutesFor_UnknownProcedure_NamesProcedureId()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => ProcedureDurations.LoadDefault().MinutesFor("heart-transplant", false));
        Assert.True(ex.Errors.ContainsKey("procedureId"));
    }

    [Theory]
    [InlineData("""{ "turnoverMinutes": { "value": -1 }, "procedures": {} }""")]
    [InlineData("""{ "turnoverMinutes": { "value": 10 }, "procedures": { "picc": { "roomMinutes": 0, "anaesthesiaExtraMinutes": 0 } } }""")]
    [InlineData("""{ "procedures": {} }""")]
    [InlineData("not json")]
    public void Parse_InvalidFile_Throws(string json) =>
        Assert.Throws<ClinicalValidationException>(() => ProcedureDurations.Parse(json));
}
