using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Checklists;

// The girl of the Monday-to-Thursday scenario: 6 years, 21 kg, CT-guided liver biopsy, moderate sedation,
// booked Thursday 10:00. Tests change one thing at a time from here.
internal sealed class ChecklistEpisodes
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Thursday10 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Thursday0915 = new(2026, 12, 3, 9, 15, 0, TimeSpan.Zero);

    public Patient Patient { get; } = new()
    {
        Id = Guid.NewGuid(),
        MedicalRecordNumber = "MRN-0001",
        FamilyName = "García",
        GivenName = "Lucía",
        BirthDate = new DateOnly(2020, 5, 10),
        Sex = AdministrativeSex.Female,
        PreferredLanguage = FamilyLanguage.Spanish,
        Guardians = [new Guardian { Name = "Ana García", Relationship = "mother", HasLegalAuthority = true }],
        Measurements = [new BodyMeasurement { MeasuredAt = Monday.AddHours(-1), WeightKg = 21 }],
    };

    public Referral Referral { get; } = new()
    {
        Id = Guid.NewGuid(),
        ReferringClinician = "oncologist",
        Reason = "2.4 cm mass in the right liver lobe",
        ProcedureId = "biopsy-deep",
        Guidance = GuidanceModality.Ct,
        PlannedSedation = SedationLevel.Moderate,
    };

    public Appointment? Appointment { get; set; } = new() { Start = Thursday10, DurationMinutes = 60, WithAnaesthesia = true };

    public PreProcedureAssessment? Assessment { get; set; } = new() { Asa = AsaClass.Asa2, PlannedSedation = SedationLevel.Moderate };

    public List<LabResult> Labs { get; } = [];

    public List<MedicationRecord> Medications { get; } = [];

    public List<IntakeRecord> Intakes { get; } = [];

    public List<ConsentRecord> Consents { get; } = [];

    public static ProcedureDefinition Procedure(string id) => ProcedureCatalogue.Default.Find(id) ?? throw new InvalidOperationException(id);

    public static ProcedureDefinition WithRisk(BleedingRiskClass risk) =>
        Procedure("biopsy-deep") with { BleedingRisk = new ProcedureBleedingRisk(risk, "", "sir2019", false) };

    public Episode Build() => new()
    {
        Patient = Patient,
        Referral = Referral,
        Appointment = Appointment,
        Assessment = Assessment,
        Labs = Labs,
        Medications = Medications,
        Intakes = Intakes,
        Consents = Consents,
    };

    // Everything the scenario has on Thursday at 09:15.
    public ChecklistEpisodes ReadyOnThursday()
    {
        Labs.Add(new LabResult { Test = LabTest.Inr, Value = 1.1, CollectedAt = Thursday10.AddDays(-2) });
        Labs.Add(new LabResult { Test = LabTest.Platelets, Value = 240, CollectedAt = Thursday10.AddDays(-2) });
        Consents.Add(new ConsentRecord { Kind = ConsentKind.Procedure, GivenBy = "Ana García", Relationship = "mother", At = Thursday0915.AddMinutes(-30) });
        Consents.Add(new ConsentRecord { Kind = ConsentKind.Sedation, GivenBy = "Ana García", Relationship = "mother", At = Thursday0915.AddMinutes(-30) });
        Consents.Add(new ConsentRecord { Kind = ConsentKind.Assent, GivenBy = "Lucía García", Relationship = "self", At = Thursday0915.AddMinutes(-25) });
        Intakes.Add(new IntakeRecord { Kind = IntakeKind.LightMeal, At = Thursday10.AddHours(-13) });
        Intakes.Add(new IntakeRecord { Kind = IntakeKind.ClearLiquid, At = Thursday10.AddHours(-2.5) });
        Patient.Measurements.Add(new BodyMeasurement { MeasuredAt = Thursday0915.AddMinutes(-10), WeightKg = 21.3 });
        Assessment!.InstructionsSentAt = Monday.AddHours(1);
        return this;
    }
}
