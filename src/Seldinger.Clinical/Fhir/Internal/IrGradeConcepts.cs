using Seldinger.Clinical.AdverseEvents;

namespace Seldinger.Clinical.Fhir.Internal;

// The concepts of the IR adverse-event grade CodeSystem, taken from the one list of grades the rules use
// (AdverseEventClassification: SIR 2017 and CIRSE 2017), with FHIR codes that say which classification
// they belong to ("sir-moderate", "cirse-3").
internal static class IrGradeConcepts
{
    public const string CodeSystemUrl = AdverseEventClassification.CodeSystemUrl;

    public static IReadOnlyList<(string Code, string Display, string Definition)> All { get; } =
        [.. AdverseEventClassification.Grades.Select(g => (FhirCode(g), FhirDisplay(g), $"{ClassificationName(g)}: {g.Definition}"))];

    public static string CodeOf(SirSeverity severity) => Enum.IsDefined(severity)
        ? FhirCode(AdverseEventClassification.Definition(severity))
        : throw new ClinicalValidationException("sirSeverity", $"Unknown SIR severity '{severity}'.");

    public static string CodeOf(CirseGrade grade) => Enum.IsDefined(grade)
        ? FhirCode(AdverseEventClassification.Definition(grade))
        : throw new ClinicalValidationException("cirseGrade", $"Unknown CIRSE grade '{grade}'.");

    public static string DisplayOf(string code) => All.First(c => c.Code == code).Display;

    private static bool IsSir(AdverseEventGradeDefinition grade) => grade.System == AdverseEventClassification.SirSystem;

    private static string ClassificationName(AdverseEventGradeDefinition grade) => IsSir(grade) ? "SIR 2017" : "CIRSE 2017";

    private static string FhirCode(AdverseEventGradeDefinition grade) => $"{(IsSir(grade) ? "sir" : "cirse")}-{grade.Code}";

    private static string FhirDisplay(AdverseEventGradeDefinition grade) =>
        $"{ClassificationName(grade)} {grade.Display.ToLowerInvariant()}";
}
