using Seldinger.Clinical.AdverseEvents;

namespace Seldinger.Clinical.Fhir.Internal;

// The concepts of the IR adverse-event grade CodeSystem. Definitions paraphrase the published
// classifications: SIR 2017 (Khalilzadeh et al., J Vasc Interv Radiol 2017;28:1432-1437) and
// CIRSE 2017 (Filippiadis et al., Cardiovasc Intervent Radiol 2017;40:1141-1146).
internal static class IrGradeConcepts
{
    public const string CodeSystemUrl = "urn:seldinger:fhir:CodeSystem:ir-adverse-event-grade";

    public static IReadOnlyList<(string Code, string Display, string Definition)> All { get; } =
    [
        ("sir-mild", "SIR 2017 mild", "SIR 2017: no or minimal therapy; at most a nominal observation after the procedure, such as one night."),
        ("sir-moderate", "SIR 2017 moderate", "SIR 2017: a moderate escalation of care, such as treatment under conscious sedation, a blood transfusion or a longer stay."),
        ("sir-severe", "SIR 2017 severe", "SIR 2017: a marked escalation of care, such as admission or a stay prolonged beyond 24 hours, intensive care, or treatment under general anaesthesia."),
        ("sir-life-threatening", "SIR 2017 life-threatening or disabling", "SIR 2017: an event that threatened life or left a lasting disability."),
        ("sir-death", "SIR 2017 death", "SIR 2017: the patient died of the event."),
        ("cirse-1", "CIRSE 2017 grade 1", "CIRSE 2017: solved within the same procedure; no further therapy, no sequelae, no change to the usual course after it."),
        ("cirse-2", "CIRSE 2017 grade 2", "CIRSE 2017: longer observation, up to an overnight stay (under 48 hours); no further therapy and no sequelae."),
        ("cirse-3", "CIRSE 2017 grade 3", "CIRSE 2017: further therapy after the procedure or a stay prolonged beyond 48 hours; no sequelae."),
        ("cirse-4", "CIRSE 2017 grade 4", "CIRSE 2017: a lasting mild sequela; the patient returns to work or school and lives independently."),
        ("cirse-5", "CIRSE 2017 grade 5", "CIRSE 2017: a lasting severe sequela; the patient needs ongoing help in daily life."),
        ("cirse-6", "CIRSE 2017 grade 6", "CIRSE 2017: the patient died of the event."),
    ];

    public static string CodeOf(SirSeverity severity) => severity switch
    {
        SirSeverity.Mild => "sir-mild",
        SirSeverity.Moderate => "sir-moderate",
        SirSeverity.Severe => "sir-severe",
        SirSeverity.LifeThreatening => "sir-life-threatening",
        SirSeverity.Death => "sir-death",
        _ => throw new ClinicalValidationException("sirSeverity", $"Unknown SIR severity '{severity}'."),
    };

    public static string CodeOf(CirseGrade grade) => grade switch
    {
        CirseGrade.Grade1 => "cirse-1",
        CirseGrade.Grade2 => "cirse-2",
        CirseGrade.Grade3 => "cirse-3",
        CirseGrade.Grade4 => "cirse-4",
        CirseGrade.Grade5 => "cirse-5",
        CirseGrade.Grade6 => "cirse-6",
        _ => throw new ClinicalValidationException("cirseGrade", $"Unknown CIRSE grade '{grade}'."),
    };

    public static string DisplayOf(string code) => All.First(c => c.Code == code).Display;
}
