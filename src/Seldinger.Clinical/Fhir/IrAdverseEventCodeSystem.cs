using Hl7.Fhir.Model;
using Seldinger.Clinical.Fhir.Internal;

namespace Seldinger.Clinical.Fhir;

/// <summary>
/// The CodeSystem of interventional-radiology adverse-event grades (SIR 2017 severity and CIRSE 2017
/// grade). FHIR R4's AdverseEvent.severity knows only mild, moderate and severe, which cannot say
/// "life-threatening" or "solved within the same procedure"; exported AdverseEvents carry these codes
/// beside the FHIR severity.
/// </summary>
public static class IrAdverseEventCodeSystem
{
    /// <summary>The canonical URL of the CodeSystem, used as Coding.system.</summary>
    public const string Url = IrGradeConcepts.CodeSystemUrl;

    /// <summary>The CodeSystem's id on the server (GET /api/fhir/CodeSystem/{id}).</summary>
    public const string Id = "ir-adverse-event-grade";

    /// <summary>Builds the CodeSystem resource: active, complete, every concept with its definition.</summary>
    public static CodeSystem Create()
    {
        var codeSystem = new CodeSystem
        {
            Id = Id,
            Url = Url,
            Version = "1",
            Name = "IrAdverseEventGrade",
            Title = "Interventional radiology adverse-event grades (SIR 2017, CIRSE 2017)",
            Status = PublicationStatus.Active,
            Experimental = false,
            Publisher = "Seldinger",
            Description = new Markdown(
                "Severity of an adverse event of an image-guided procedure: the five SIR 2017 levels "
                + "(Khalilzadeh et al., J Vasc Interv Radiol 2017;28:1432-1437) and the six CIRSE 2017 grades "
                + "(Filippiadis et al., Cardiovasc Intervent Radiol 2017;40:1141-1146)."),
            CaseSensitive = true,
            Content = CodeSystemContentMode.Complete,
            Count = IrGradeConcepts.All.Count,
        };
        foreach (var (code, display, definition) in IrGradeConcepts.All)
        {
            codeSystem.Concept.Add(new CodeSystem.ConceptDefinitionComponent
            {
                Code = code,
                Display = display,
                Definition = definition,
            });
        }

        return codeSystem;
    }
}
