using Hl7.Fhir.Model;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Fhir;

namespace Seldinger.Clinical.Tests.Fhir;

public sealed class IrAdverseEventCodeSystemTests(FhirValidatorFixture validator) : IClassFixture<FhirValidatorFixture>
{
    [Fact]
    public void Create_CodeSystem_ValidatesAgainstBaseR4()
    {
        var codeSystem = IrAdverseEventCodeSystem.Create();
        Assert.Empty(FhirValidatorFixture.Errors(validator.Validate(codeSystem)));
    }

    [Fact]
    public void Create_CodeSystem_IsActiveCompleteAndDefinesEveryGrade()
    {
        var codeSystem = IrAdverseEventCodeSystem.Create();
        Assert.Equal(PublicationStatus.Active, codeSystem.Status);
        Assert.Equal(CodeSystemContentMode.Complete, codeSystem.Content);
        Assert.Equal("urn:seldinger:fhir:CodeSystem:ir-adverse-event-grade", codeSystem.Url);
        Assert.Equal(Enum.GetValues<SirSeverity>().Length + Enum.GetValues<CirseGrade>().Length, codeSystem.Concept.Count);
        Assert.Equal(codeSystem.Concept.Count, codeSystem.Count);
        Assert.All(codeSystem.Concept, c => Assert.False(string.IsNullOrWhiteSpace(c.Definition)));
        Assert.Equal(codeSystem.Concept.Count, codeSystem.Concept.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void Create_CodeSystem_SerializesAndParsesBack()
    {
        var json = FhirJson.Serialize(IrAdverseEventCodeSystem.Create());
        Assert.Contains("\"resourceType\": \"CodeSystem\"", json, StringComparison.Ordinal);
        Assert.Contains("\"cirse-6\"", json, StringComparison.Ordinal);
    }
}
