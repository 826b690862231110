using System.Reflection;
using System.Text.Json.Nodes;
using Seldinger.Clinical.Checklists;

namespace Seldinger.Clinical.Tests.Checklists;

public class PreProcedureRulesTests
{
    private static string DefaultJson()
    {
        using var stream = typeof(PreProcedureRules).Assembly.GetManifestResourceStream("Seldinger.Clinical.Data.preprocedure-rules.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ClinicalValidationException ParseEdited(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(DefaultJson())!;
        edit(node);
        return Assert.Throws<ClinicalValidationException>(() => PreProcedureRules.Parse(node.ToJsonString(), "site-rules.json"));
    }

    [Fact]
    public void LoadDefault_ShippedFile_ValidWithSourcesAndDigest()
    {
        var rules = PreProcedureRules.LoadDefault();

        Assert.Equal("preprocedure-rules.json", rules.SourceName);
        Assert.Equal(64, rules.Digest.Length);
        Assert.Contains("sir2019", rules.Sources.Keys);
        Assert.Contains("1168", rules.SourceText("sir2019"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InrOutOfRange_ErrorNamesFileRuleAndField()
    {
        var ex = ParseEdited(n => n["labs"]!["high"]!["maxInr"] = 9.0);

        var (field, messages) = Assert.Single(ex.Errors);
        Assert.Equal("labs.high.maxInr", field);
        Assert.Contains("site-rules.json", messages[0], StringComparison.Ordinal);
        Assert.Contains("rule 'labs.high'", messages[0], StringComparison.Ordinal);
        Assert.Contains("field 'maxInr'", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSourceKey_ErrorNamesTheDrug()
    {
        var ex = ParseEdited(n => n["anticoagulants"]!["drugs"]![0]!["source"] = "nowhere");

        Assert.Contains("anticoagulants.drugs[0].source", ex.Errors.Keys);
        Assert.Contains("'nowhere'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingFastingKind_Error()
    {
        var ex = ParseEdited(n => n["fasting"]!["hours"]!.AsObject().Remove("breastMilk"));

        Assert.Contains("breastMilk", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fasting.hours", ex.Errors.Keys);
    }

    [Fact]
    public void Parse_MisspelledField_ErrorWithPath()
    {
        var ex = ParseEdited(n => n["weight"]!["maxAgeDayz"] = 3);

        Assert.Contains("site-rules.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("maxAgeDayz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ErrorNamesTheFile()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => PreProcedureRules.Parse("{ not json", "site-rules.json"));

        Assert.StartsWith("site-rules.json", ex.Errors.Values.Single()[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedVersion_Error()
    {
        var ex = ParseEdited(n => n["version"] = 2);

        Assert.Contains("file.version", ex.Errors.Keys);
    }

    [Fact]
    public void Parse_AssentStatusPassed_RefusedBecauseOnlyWarningOrPendingMakeSense()
    {
        var ex = ParseEdited(n => n["consent"]!["missingAssentStatus"] = "passed");

        Assert.Contains("consent.missingAssentStatus", ex.Errors.Keys);
    }

    [Fact]
    public void Parse_SiteChangesInrLimit_ChecklistUsesIt()
    {
        var node = JsonNode.Parse(DefaultJson())!;
        node["labs"]!["high"]!["maxInr"] = 1.8;
        var rules = PreProcedureRules.Parse(node.ToJsonString(), "site-rules.json");
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Labs.Add(new Preparation.LabResult { Test = Preparation.LabTest.Inr, Value = 1.7, CollectedAt = ChecklistEpisodes.Thursday0915.AddHours(-1) });

        var item = new PreProcedureChecklist(rules).Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), ChecklistEpisodes.Thursday0915)
            .Items.Single(i => i.RuleId == "labs");

        Assert.Equal(ChecklistItemStatus.Passed, item.Status);
        Assert.NotEqual(PreProcedureRules.LoadDefault().Digest, rules.Digest);
    }

    [Fact]
    public void ChecklistItemStatus_Json_CamelCaseNames()
    {
        Assert.Equal("\"notApplicable\"", System.Text.Json.JsonSerializer.Serialize(ChecklistItemStatus.NotApplicable));
        Assert.NotNull(typeof(ChecklistItemStatus).GetCustomAttribute<System.Text.Json.Serialization.JsonConverterAttribute>());
    }
}
