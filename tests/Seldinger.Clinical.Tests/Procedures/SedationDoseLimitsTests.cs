using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Procedures;

namespace Seldinger.Clinical.Tests.Procedures;

public class SedationDoseLimitsTests
{
    private static readonly SedationDoseLimits Limits = SedationDoseLimits.LoadDefault();
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 5, 0, TimeSpan.Zero);

    private static ProcedureRecord Record(double? weightKg, params (string Drug, double Mg, string Route)[] doses) => new()
    {
        ProcedureId = "biopsy-deep",
        WeightKg = weightKg,
        SedationDoses = doses.Select((d, i) => new SedationDose { Drug = d.Drug, DoseMg = d.Mg, Route = d.Route, At = Start.AddMinutes(5 * i) }).ToList(),
    };

    [Fact]
    public void LoadDefault_EveryBriefDrugHasLimitsAndASource()
    {
        foreach (var drug in new[] { "midazolam", "fentanyl", "ketamine", "propofol", "dexmedetomidine", "morphine", "lidocaine" })
        {
            var entries = Limits.Drugs.Where(d => d.Drug == drug).ToList();
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Source)));
        }
    }

    [Theory]
    [InlineData(2.1, 0)]
    [InlineData(2.09, 0)]
    [InlineData(2.11, 1)]
    public void Check_MidazolamSingleDoseAt21Kg_WarnsAbove01MgPerKg(double mg, int warnings)
    {
        var result = Limits.Check(Record(21, ("midazolam", mg, "IV")));

        Assert.Equal(warnings, result.Count);
        Assert.All(result, w => Assert.Equal(ChecklistItemStatus.Warning, w.Status));
        if (warnings > 0)
        {
            Assert.Equal("sedation.midazolam-iv.single", result[0].RuleId);
            Assert.Contains("0.1 mg/kg", result[0].Message, StringComparison.Ordinal);
            Assert.Contains(" is 0.1", result[0].Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.1, 1)]
    public void Check_MidazolamTotalAt10Kg_WarnsAbove06MgPerKg(double extraMg, int warnings)
    {
        // Six doses of 1 mg (0.1 mg/kg each, at the single limit) make 0.6 mg/kg; an extra 0.1 mg breaks only the total.
        var doses = Enumerable.Repeat(("midazolam", 1.0, "iv"), 6).ToList();
        if (extraMg > 0)
        {
            doses.Add(("midazolam", extraMg, "iv"));
        }

        var result = Limits.Check(Record(10, [.. doses]));

        Assert.Equal(warnings, result.Count);
        if (warnings > 0)
        {
            Assert.Equal("sedation.midazolam-iv.total", result[0].RuleId);
            Assert.Contains("0.61 mg/kg", result[0].Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10.5, 1)]
    public void Check_MidazolamAbsoluteAt120Kg_WarnsAbove10Mg(double total, int warnings)
    {
        var result = Limits.Check(Record(120, ("midazolam", total / 2, "IV"), ("midazolam", total / 2, "IV")));

        Assert.Equal(warnings, result.Count);
        if (warnings > 0)
        {
            Assert.Contains("absolute limit of 10 mg", result[0].Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0.042, 0)]
    [InlineData(0.043, 1)]
    public void Check_FentanylAt21Kg_WarnsAbove2MicrogramsPerKg(double mg, int warnings)
    {
        Assert.Equal(warnings, Limits.Check(Record(21, ("fentanyl", mg, "IV"))).Count);
    }

    [Theory]
    [InlineData("ketamine", "IV", 42, 42.5)]
    [InlineData("propofol", "IV", 42, 42.5)]
    [InlineData("morphine", "IV", 2.1, 2.15)]
    [InlineData("lidocaine", "local", 94.5, 95)]
    [InlineData("dexmedetomidine", "intranasal", 0.063, 0.064)]
    public void Check_SingleDoseAtAndAboveTheLimitAt21Kg(string drug, string route, double atLimit, double above)
    {
        Assert.Empty(Limits.Check(Record(21, (drug, atLimit, route))));
        Assert.Single(Limits.Check(Record(21, (drug, above, route))));
    }

    [Fact]
    public void Check_IntranasalMidazolam_UsesTheIntranasalLimits()
    {
        Assert.Empty(Limits.Check(Record(20, ("midazolam", 10, "intranasal"))));
        Assert.Single(Limits.Check(Record(20, ("midazolam", 10, "IV"))));
    }

    [Fact]
    public void Check_KnownDrugByUnknownRoute_WarnsNoLimitOnFile()
    {
        var result = Limits.Check(Record(20, ("midazolam", 1, "rectal")));

        Assert.Contains("No limit on file", Assert.Single(result).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownDrug_NoWarning()
    {
        Assert.Empty(Limits.Check(Record(20, ("ondansetron", 2, "IV"))));
    }

    [Fact]
    public void Check_NoWeight_SingleWarning()
    {
        var result = Limits.Check(Record(null, ("midazolam", 1, "IV")));

        Assert.Equal("sedation.weight", Assert.Single(result).RuleId);
        Assert.Empty(Limits.Check(Record(null)));
    }

    [Fact]
    public void Parse_TotalBelowSingle_ErrorNamesFileEntryAndField()
    {
        using var stream = typeof(SedationDoseLimits).Assembly.GetManifestResourceStream("Seldinger.Clinical.Data.sedation-drugs.json")!;
        var node = System.Text.Json.Nodes.JsonNode.Parse(new StreamReader(stream).ReadToEnd())!;
        node["drugs"]![0]!["maxTotalMgPerKg"] = 0.01;

        var ex = Assert.Throws<ClinicalValidationException>(() => SedationDoseLimits.Parse(node.ToJsonString(), "site-drugs.json"));

        Assert.Contains("drugs[0].maxTotalMgPerKg", ex.Errors.Keys);
        Assert.Contains("site-drugs.json", ex.Message, StringComparison.Ordinal);
    }
}
