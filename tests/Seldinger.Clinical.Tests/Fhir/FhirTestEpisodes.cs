using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Fhir;

// Two episodes for the FHIR export tests: one with every part filled, one that is a referral only.
internal static class FhirTestEpisodes
{
    public static readonly DateTimeOffset Day = new(2026, 3, 10, 8, 0, 0, TimeSpan.FromHours(1));

    public static ProcedureDefinition Procedure(string id) =>
        ProcedureCatalogue.Default.Find(id) ?? throw new InvalidOperationException(id);

    public static Patient Patient() => new()
    {
        Id = new Guid("11111111-1111-4111-8111-111111111111"),
        MedicalRecordNumber = "MRN-004211",
        FamilyName = "García",
        GivenName = "Lucía",
        BirthDate = new DateOnly(2019, 5, 17),
        Sex = AdministrativeSex.Female,
        PreferredLanguage = FamilyLanguage.Spanish,
        Guardians =
        [
            new Guardian
            {
                Id = new Guid("11111111-1111-4111-8111-000000000002"), Name = "Marta García", Relationship = "mother",
                Phone = "+34 600 000 000", Language = FamilyLanguage.Spanish,
            },
        ],
        Measurements =
        [
            new BodyMeasurement { Id = new Guid("11111111-1111-4111-8111-000000000003"), MeasuredAt = Day.AddHours(-1), WeightKg = 18.4, HeightCm = 108 },
        ],
        Allergies =
        [
            new Allergy { Id = new Guid("11111111-1111-4111-8111-000000000004"), Category = AllergyCategory.Latex, Substance = "Latex", Reaction = "urticaria", Severity = AllergySeverity.Moderate },
            new Allergy { Id = new Guid("11111111-1111-4111-8111-000000000005"), Category = AllergyCategory.Contrast, Substance = "Iodinated contrast", Severity = AllergySeverity.Severe },
        ],
    };

    public static Referral Referral(Guid patientId) => new()
    {
        Id = new Guid("22222222-2222-4222-8222-222222222222"),
        PatientId = patientId,
        ReferringClinician = "Dr. Ana Ruiz",
        ReferringService = "Paediatric oncology",
        Reason = "Long-term venous access for chemotherapy",
        Request = "Please place a PICC",
        SuggestedProcedureId = "picc",
        Status = ReferralStatus.AwaitingReview,
        SubmittedAt = Day.AddDays(-7),
    };

    public static Episode Minimal()
    {
        var patient = Patient();
        patient.Measurements = [];
        patient.Allergies = [];
        patient.Guardians = [];
        return new Episode { Patient = patient, Referral = Referral(patient.Id) };
    }

    public static Episode Full()
    {
        var patient = Patient();
        var referral = Referral(patient.Id);
        referral.Status = ReferralStatus.Completed;
        referral.ProcedureId = "picc";
        referral.Priority = ReferralPriority.Urgent;
        referral.TriagedBy = "dr.lopez";
        referral.TriagedAt = Day.AddDays(-6);
        referral.TriageNote = "Accepted; ultrasound and fluoroscopy.";
        var room = new ProcedureRoom { Id = new Guid("33333333-3333-4333-8333-333333333333"), Name = "IR suite 1", Modalities = [GuidanceModality.Ultrasound, GuidanceModality.Fluoroscopy] };
        var appointment = new Appointment
        {
            Id = new Guid("44444444-4444-4444-8444-444444444444"),
            ReferralId = referral.Id,
            PatientId = patient.Id,
            RoomId = room.Id,
            Start = Day.AddHours(1),
            DurationMinutes = 60,
            WithAnaesthesia = true,
            Status = AppointmentStatus.Completed,
            BookedBy = "scheduler",
        };
        var procedure = new ProcedureRecord
        {
            Id = new Guid("55555555-5555-4555-8555-555555555555"),
            ReferralId = referral.Id,
            AppointmentId = appointment.Id,
            ProcedureId = "picc",
            Operators = [new ProcedureOperator { Name = "Dr. Pablo López", Role = "operator" }, new ProcedureOperator { Name = "Nurse Eva Sanz", Role = "assistant" }],
            StartedAt = Day.AddHours(1.25),
            EndedAt = Day.AddHours(1.75),
            Guidance = GuidanceModality.Fluoroscopy,
            WeightKg = 18.4,
            Devices =
            [
                new DeviceUse { Description = "PICC 4 Fr single lumen", Manufacturer = "Acme Vascular", Lot = "LOT-2291", Udi = "(01)00812345678901(17)280101(10)LOT-2291", Implanted = true },
                new DeviceUse { Description = "Micropuncture set 21 G", Lot = "MP-77", Quantity = 2 },
            ],
            ContrastAgent = "iohexol 300 mgI/mL",
            ContrastMl = 3,
            SedationDoses =
            [
                new SedationDose { Drug = "propofol", DoseMg = 36, At = Day.AddHours(1.2) },
                new SedationDose { Drug = "fentanyl", DoseMg = 0.018, At = Day.AddHours(1.22) },
            ],
            SedationGiven = SedationLevel.Deep,
            FluoroscopyTimeSeconds = 42,
            DoseAreaProductGyCm2 = 0.35,
            ReferenceAirKermaMGy = 1.9,
            CtDoseLengthProductMGyCm = 12.5,
            CtAcquisitions = 1,
            Findings = "Right basilic vein, tip at the cavo-atrial junction.",
            Outcome = TechnicalOutcome.Success,
            SignedBy = "Dr. Pablo López",
            SignedAt = Day.AddHours(2),
        };
        return new Episode
        {
            Patient = patient,
            Referral = referral,
            Appointment = appointment,
            Room = room,
            Labs =
            [
                Lab(1, LabTest.Inr, 1.1), Lab(2, LabTest.Platelets, 212), Lab(3, LabTest.Hemoglobin, 118), Lab(4, LabTest.Aptt, 31),
                Lab(5, LabTest.Fibrinogen, 2.6), Lab(6, LabTest.Creatinine, 35), Lab(7, LabTest.Potassium, 4.1), Lab(8, LabTest.Hcg, 0),
            ],
            Consents =
            [
                new ConsentRecord { Id = new Guid("66666666-6666-4666-8666-000000000001"), ReferralId = referral.Id, Kind = ConsentKind.Procedure, GivenBy = "Marta García", Relationship = "mother", At = Day.AddHours(0.5), Interpreter = "J. Pérez" },
                new ConsentRecord { Id = new Guid("66666666-6666-4666-8666-000000000002"), ReferralId = referral.Id, Kind = ConsentKind.Blood, GivenBy = "Marta García", Relationship = "mother", Granted = false, At = Day.AddHours(0.5) },
            ],
            Procedure = procedure,
            AdverseEvents =
            [
                new AdverseEventRecord
                {
                    Id = new Guid("77777777-7777-4777-8777-000000000001"), ReferralId = referral.Id, OnsetAt = Day.AddHours(1.5),
                    Description = "Transient desaturation to 88 %.", SirSeverity = SirSeverity.Mild, CirseGrade = CirseGrade.Grade1,
                    SedationRelated = true, Management = "Jaw thrust and oxygen.", RecordedBy = "nurse.sanz", RecordedAt = Day.AddHours(2),
                },
                new AdverseEventRecord
                {
                    Id = new Guid("77777777-7777-4777-8777-000000000002"), ReferralId = referral.Id, OnsetAt = Day.AddHours(3),
                    Description = "Bleeding at the puncture site needing admission.", SirSeverity = SirSeverity.LifeThreatening, CirseGrade = CirseGrade.Grade3,
                    RecordedBy = "dr.lopez", RecordedAt = Day.AddHours(4),
                },
            ],
            Vitals =
            [
                new VitalSigns
                {
                    Id = new Guid("88888888-8888-4888-8888-000000000001"), ReferralId = referral.Id, At = Day.AddHours(0.9), IsBaseline = true,
                    HeartRate = 98, RespiratoryRate = 22, SystolicBp = 102, DiastolicBp = 64, SpO2 = 99, TemperatureC = 36.8, PainScore = 0,
                },
                new VitalSigns
                {
                    Id = new Guid("88888888-8888-4888-8888-000000000002"), ReferralId = referral.Id, At = Day.AddHours(2.5),
                    HeartRate = 104, SystolicBp = 98, SpO2 = 97, OnRoomAir = false,
                },
            ],
            Discharge = new DischargeRecord { Id = new Guid("99999999-9999-4999-8999-999999999999"), ReferralId = referral.Id, Disposition = DischargeDisposition.Admitted, At = Day.AddHours(5), AdmissionReason = "Observation after bleeding" },
            FollowUps =
            [
                new FollowUpTask { Id = new Guid("aaaaaaaa-aaaa-4aaa-8aaa-000000000001"), ReferralId = referral.Id, Kind = FollowUpKind.LineCare, Description = "PICC dressing change", Due = new DateOnly(2026, 3, 17), AssignedTo = "home care nurse" },
                new FollowUpTask { Id = new Guid("aaaaaaaa-aaaa-4aaa-8aaa-000000000002"), ReferralId = referral.Id, Kind = FollowUpKind.ResultCall, Description = "Call family", Due = new DateOnly(2026, 3, 11), Status = FollowUpStatus.Done, CompletedAt = Day.AddDays(1), Note = "Family reached." },
            ],
        };

        LabResult Lab(int n, LabTest test, double value) => new()
        {
            Id = new Guid($"bbbbbbbb-bbbb-4bbb-8bbb-{n:D12}"),
            PatientId = patient.Id,
            Test = test,
            Value = value,
            CollectedAt = Day.AddDays(-1).AddMinutes(n),
        };
    }
}
