namespace Seldinger.Clinical.AdverseEvents;

/// <summary>
/// The IR adverse-event classifications Seldinger records: SIR 2017 severity (Khalilzadeh et al.,
/// JVIR 2017;28:1432–1437) and CIRSE 2017 grades (Filippiadis et al., CVIR 2017;40:1141–1146), as codes of
/// the product's own code system (FHIR's AdverseEvent severity has only mild/moderate/severe), plus the
/// legacy SIR A–F classes of older registries.
/// </summary>
public static class AdverseEventClassification
{
    /// <summary>Canonical URL of the code system that holds both classifications (a URN: no web host is implied).</summary>
    public const string CodeSystemUrl = "urn:seldinger:fhir:CodeSystem:ir-adverse-event-grade";

    /// <summary>The <see cref="AdverseEventGradeDefinition.System"/> of SIR 2017 grades.</summary>
    public const string SirSystem = "sir-2017";

    /// <summary>The <see cref="AdverseEventGradeDefinition.System"/> of CIRSE 2017 grades.</summary>
    public const string CirseSystem = "cirse-2017";

    private static readonly AdverseEventGradeDefinition[] SirGrades =
    [
        new(SirSystem, "mild", "Mild",
            "No therapy or only nominal therapy (e.g. a dose of analgesic, a short observation); no lasting consequence.", 1),
        new(SirSystem, "moderate", "Moderate",
            "Moderate escalation of care with substantial treatment, e.g. intravenous drugs, blood products, an intervention under sedation, or an overnight admission.", 2),
        new(SirSystem, "severe", "Severe",
            "Marked escalation of care: admission or a longer admission beyond a day, transfer to intensive care, or a complex intervention under general anaesthesia.", 3),
        new(SirSystem, "life-threatening", "Life-threatening or disabling",
            "A life-threatening or disabling event, e.g. cardiopulmonary arrest, shock, organ failure, loss of a limb or organ.", 4),
        new(SirSystem, "death", "Death", "The patient died of the adverse event.", 5),
    ];

    private static readonly AdverseEventGradeDefinition[] CirseGrades =
    [
        new(CirseSystem, "1", "Grade 1", "Complication solved within the same procedure; no further therapy, no sequelae, no deviation from the normal course after the procedure.", 1),
        new(CirseSystem, "2", "Grade 2", "Unplanned overnight admission or prolonged stay under 48 h for observation, without additional therapy.", 2),
        new(CirseSystem, "3", "Grade 3", "Additional therapy needed, or a hospital stay beyond 48 h, but no permanent sequelae.", 3),
        new(CirseSystem, "4", "Grade 4", "Permanent mild sequelae beyond the hospital stay.", 4),
        new(CirseSystem, "5", "Grade 5", "Permanent severe sequelae that need help in daily life.", 5),
        new(CirseSystem, "6", "Grade 6", "Death.", 6),
    ];

    /// <summary>Every grade of both classifications: SIR 2017 first, then CIRSE 2017, each from mildest to worst.</summary>
    public static IReadOnlyList<AdverseEventGradeDefinition> Grades { get; } = Array.AsReadOnly([.. SirGrades, .. CirseGrades]);

    /// <summary>The definition of a SIR 2017 severity.</summary>
    public static AdverseEventGradeDefinition Definition(SirSeverity severity) =>
        Enum.IsDefined(severity) ? SirGrades[(int)severity] : throw new ClinicalValidationException("sirSeverity", $"{(int)severity} is not a SIR 2017 severity.");

    /// <summary>The definition of a CIRSE 2017 grade.</summary>
    public static AdverseEventGradeDefinition Definition(CirseGrade grade) =>
        Enum.IsDefined(grade) ? CirseGrades[(int)grade] : throw new ClinicalValidationException("cirseGrade", $"{(int)grade} is not a CIRSE 2017 grade.");

    /// <summary>The grade with this system and code, or <see langword="null"/>.</summary>
    public static AdverseEventGradeDefinition? Find(string system, string code) =>
        Grades.FirstOrDefault(g => string.Equals(g.System, system, StringComparison.Ordinal) && string.Equals(g.Code, code, StringComparison.Ordinal));

    /// <summary>Whether a legacy SIR class counts as a major complication (C to F; A and B are minor).</summary>
    public static bool IsMajor(LegacySirClass legacy) => legacy switch
    {
        LegacySirClass.A or LegacySirClass.B => false,
        LegacySirClass.C or LegacySirClass.D or LegacySirClass.E or LegacySirClass.F => true,
        _ => throw new ClinicalValidationException("legacySirClass", $"{(int)legacy} is not a legacy SIR class."),
    };

    /// <summary>
    /// Whether an event needs the discharge team's attention: SIR moderate or worse (the escalation of care
    /// that makes an admission the default).
    /// </summary>
    public static bool SuggestsAdmission(SirSeverity severity) => severity >= SirSeverity.Moderate;

    /// <summary>
    /// Refuses an adverse event whose description is empty, whose grades are unknown values, or whose two
    /// grades contradict each other: SIR death with a CIRSE grade other than 6, CIRSE 6 with a SIR severity
    /// other than death, or a mild SIR event with permanent sequelae (CIRSE 4 or 5).
    /// </summary>
    /// <exception cref="ClinicalValidationException">The record is inconsistent; the fields are named.</exception>
    public static void Validate(AdverseEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(record.Description))
        {
            errors["description"] = ["Describe what happened, e.g. \"subcapsular haematoma 2 cm\"."];
        }

        if (!Enum.IsDefined(record.SirSeverity))
        {
            errors["sirSeverity"] = [$"{(int)record.SirSeverity} is not a SIR 2017 severity."];
        }

        if (!Enum.IsDefined(record.CirseGrade))
        {
            errors["cirseGrade"] = [$"{(int)record.CirseGrade} is not a CIRSE 2017 grade."];
        }

        if (errors.Count == 0)
        {
            if (record.SirSeverity == SirSeverity.Death && record.CirseGrade != CirseGrade.Grade6)
            {
                errors["cirseGrade"] = [$"SIR severity is death, so the CIRSE grade must be 6 (death), not {Definition(record.CirseGrade).Code}."];
            }
            else if (record.CirseGrade == CirseGrade.Grade6 && record.SirSeverity != SirSeverity.Death)
            {
                errors["sirSeverity"] = [$"CIRSE grade 6 is death, so the SIR severity must be death, not {Definition(record.SirSeverity).Display.ToLowerInvariant()}."];
            }
            else if (record.SirSeverity == SirSeverity.Mild && record.CirseGrade is CirseGrade.Grade4 or CirseGrade.Grade5)
            {
                errors["sirSeverity"] = [$"CIRSE grade {Definition(record.CirseGrade).Code} means permanent sequelae, which a mild SIR event cannot have."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ClinicalValidationException(errors);
        }
    }
}
