using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Storage.Tests.Clinical;

/// <summary>A complete episode of one child, with every kind of clinical row filled in.</summary>
internal sealed class EpisodeData
{
    // Whole seconds: PostgreSQL keeps microseconds, SQLite ticks; both keep seconds exactly.
    public static readonly DateTimeOffset T0 = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    public EpisodeData(string mrn = "MRN-0001", DateTimeOffset? submittedAt = null)
    {
        var patientId = Guid.NewGuid();
        var referralId = Guid.NewGuid();
        var at = submittedAt ?? T0;
        Patient = new Patient
        {
            Id = patientId,
            MedicalRecordNumber = mrn,
            FamilyName = "Okafor",
            GivenName = "Ada",
            BirthDate = new DateOnly(2019, 5, 17),
            Sex = AdministrativeSex.Female,
            PreferredLanguage = FamilyLanguage.Spanish,
            Notes = "Needle-phobic; child life present.",
            CreatedAt = at.AddDays(-30),
            Guardians =
            [
                new Guardian { Id = Guid.NewGuid(), PatientId = patientId, Name = "Maria Okafor", Relationship = "mother", Phone = "+1 555 0100", Language = FamilyLanguage.Spanish },
                new Guardian { Id = Guid.NewGuid(), PatientId = patientId, Name = "John Okafor", Relationship = "father", HasLegalAuthority = false },
            ],
            Measurements =
            [
                new BodyMeasurement { Id = Guid.NewGuid(), PatientId = patientId, MeasuredAt = at.AddDays(-20), WeightKg = 18.4, HeightCm = 109.5, RecordedBy = "nurse.lee" },
                new BodyMeasurement { Id = Guid.NewGuid(), PatientId = patientId, MeasuredAt = at.AddDays(-2), WeightKg = 18.9, RecordedBy = "nurse.lee" },
            ],
            Allergies =
            [
                new Allergy { Id = Guid.NewGuid(), PatientId = patientId, Category = AllergyCategory.Latex, Substance = "Latex", Reaction = "urticaria", Severity = AllergySeverity.Moderate },
            ],
        };
        Referral = new Referral
        {
            Id = referralId,
            PatientId = patientId,
            ReferringClinician = "Dr Chen",
            ReferringService = "Oncology",
            Reason = "Long-term venous access for chemotherapy",
            Request = "Tunnelled central venous catheter",
            SuggestedProcedureId = "tunnelled-cvc",
            StudyInstanceUid = "1.2.826.0.1.3680043.8.498.1",
            Status = ReferralStatus.Scheduled,
            SubmittedAt = at,
            ProcedureId = "tunnelled-cvc",
            Priority = ReferralPriority.Urgent,
            Guidance = GuidanceModality.Fluoroscopy,
            PlannedSedation = SedationLevel.GeneralAnaesthesia,
            TriagedBy = "dr.ir",
            TriagedAt = at.AddHours(2),
            TriageNote = "Accept; GA slot.",
            History =
            [
                // Stored out of order on purpose: the store returns the history by time.
                new ReferralEvent { Id = Guid.NewGuid(), ReferralId = referralId, At = at.AddHours(3), Actor = "scheduler.kim", Action = ReferralAction.Scheduled },
                new ReferralEvent { Id = Guid.NewGuid(), ReferralId = referralId, At = at, Actor = "Dr Chen", Action = ReferralAction.Submitted },
                new ReferralEvent { Id = Guid.NewGuid(), ReferralId = referralId, At = at.AddHours(2), Actor = "dr.ir", Action = ReferralAction.Accepted, Note = "GA" },
            ],
        };
        Room = new ProcedureRoom { Id = Guid.NewGuid(), Name = $"IR suite {mrn}", Modalities = [GuidanceModality.Fluoroscopy, GuidanceModality.Ultrasound], AnaesthesiaCapable = true };
        var procedureDay = at.AddDays(7);
        Cancelled = new Appointment { Id = Guid.NewGuid(), ReferralId = referralId, PatientId = patientId, RoomId = Room.Id, Start = procedureDay.AddDays(1), DurationMinutes = 60, Status = AppointmentStatus.Cancelled, BookedBy = "scheduler.kim" };
        Appointment = new Appointment { Id = Guid.NewGuid(), ReferralId = referralId, PatientId = patientId, RoomId = Room.Id, Start = procedureDay, DurationMinutes = 90, WithAnaesthesia = true, Status = AppointmentStatus.Completed, BookedBy = "scheduler.kim" };
        Assessment = new PreProcedureAssessment
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            Asa = AsaClass.Asa3,
            PlannedSedation = SedationLevel.GeneralAnaesthesia,
            ChildLifeSupport = true,
            AirwayNotes = "Mallampati 1",
            PregnancyScreen = PregnancyScreen.NotRequired,
            PostMenarche = false,
            InstructionsSentAt = at.AddDays(1),
            AllergyPremedication = "Latex-free room",
            AssessedBy = "dr.anaes",
            AssessedAt = at.AddDays(5),
        };
        Labs =
        [
            new LabResult { Id = Guid.NewGuid(), PatientId = patientId, Test = LabTest.Platelets, Value = 142, CollectedAt = at.AddDays(5), RecordedBy = "lab" },
            new LabResult { Id = Guid.NewGuid(), PatientId = patientId, Test = LabTest.Inr, Value = 1.1, CollectedAt = at.AddDays(5), RecordedBy = "lab" },
        ];
        Medications = [new MedicationRecord { Id = Guid.NewGuid(), PatientId = patientId, Drug = "Enoxaparin", Dose = "1 mg/kg", LastDoseAt = procedureDay.AddHours(-26) }];
        Intakes =
        [
            new IntakeRecord { Id = Guid.NewGuid(), ReferralId = referralId, Kind = IntakeKind.LightMeal, At = procedureDay.AddHours(-8), RecordedBy = "nurse.lee" },
            new IntakeRecord { Id = Guid.NewGuid(), ReferralId = referralId, Kind = IntakeKind.ClearLiquid, At = procedureDay.AddHours(-1), RecordedBy = "nurse.lee" },
        ];
        Consents =
        [
            new ConsentRecord { Id = Guid.NewGuid(), ReferralId = referralId, Kind = ConsentKind.Procedure, GivenBy = "Maria Okafor", Relationship = "mother", At = procedureDay.AddHours(-2), Interpreter = "Spanish interpreter #42", RecordedBy = "dr.ir" },
            new ConsentRecord { Id = Guid.NewGuid(), ReferralId = referralId, Kind = ConsentKind.Assent, GivenBy = "Ada Okafor", At = procedureDay.AddHours(-2), RecordedBy = "dr.ir" },
        ];
        Procedure = new ProcedureRecord
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            AppointmentId = Appointment.Id,
            ProcedureId = "tunnelled-cvc",
            TimeOut = new TimeOutChecklist
            {
                PatientIdentityConfirmed = true,
                ProcedureAndSiteConfirmed = true,
                SiteMarked = true,
                ConsentConfirmed = true,
                AllergiesReviewed = true,
                ImagesDisplayed = true,
                EquipmentAvailable = true,
                AntibioticProphylaxisAddressed = false,
                CompletedAt = procedureDay.AddMinutes(10),
                CompletedBy = "nurse.lee",
            },
            Operators = [new ProcedureOperator { Name = "Dr Ir", Role = "primary" }, new ProcedureOperator { Name = "Dr Fellow", Role = "assistant" }],
            StartedAt = procedureDay.AddMinutes(15),
            EndedAt = procedureDay.AddMinutes(70),
            Guidance = GuidanceModality.Fluoroscopy,
            WeightKg = 18.9,
            Devices = [new DeviceUse { Description = "6 Fr tunnelled CVC", Manufacturer = "Acme", Lot = "L123", Udi = "(01)0123", Implanted = true }, new DeviceUse { Description = "Micropuncture set", Quantity = 2 }],
            ContrastAgent = "Iohexol 300",
            ContrastMl = 12.5,
            SedationDoses = [new SedationDose { Drug = "Propofol", DoseMg = 55.5, At = procedureDay.AddMinutes(12) }],
            SedationGiven = SedationLevel.GeneralAnaesthesia,
            FluoroscopyTimeSeconds = 42.3,
            DoseAreaProductGyCm2 = 0.8,
            ReferenceAirKermaMGy = 3.1,
            Findings = "Tip at cavo-atrial junction",
            Specimens = "",
            Outcome = TechnicalOutcome.Success,
            SignedBy = "dr.ir",
            SignedAt = procedureDay.AddMinutes(90),
        };
        AdverseEvents = [new AdverseEventRecord { Id = Guid.NewGuid(), ReferralId = referralId, OnsetAt = procedureDay.AddMinutes(80), Description = "Minor oozing at the exit site", SirSeverity = SirSeverity.Mild, CirseGrade = CirseGrade.Grade1, Management = "Pressure", RecordedBy = "nurse.lee", RecordedAt = procedureDay.AddMinutes(85) }];
        Vitals =
        [
            new VitalSigns { Id = Guid.NewGuid(), ReferralId = referralId, At = procedureDay.AddMinutes(100), HeartRate = 98, SpO2 = 99, Consciousness = ConsciousnessLevel.Awake, PainScore = 2, ToleratingFluids = true, RecordedBy = "nurse.lee" },
            new VitalSigns { Id = Guid.NewGuid(), ReferralId = referralId, At = procedureDay.AddMinutes(-30), IsBaseline = true, HeartRate = 92, RespiratoryRate = 20, SystolicBp = 100, DiastolicBp = 60, SpO2 = 100, TemperatureC = 36.8, MotorAtBaseline = true, RecordedBy = "nurse.lee" },
        ];
        Discharge = new DischargeRecord { Id = Guid.NewGuid(), ReferralId = referralId, Disposition = DischargeDisposition.SameDayHome, At = procedureDay.AddHours(4), CriteriaMet = true, ReleasedTo = "Maria Okafor", InstructionsLanguage = FamilyLanguage.Spanish, DischargedBy = "nurse.lee" };
        FollowUps = [new FollowUpTask { Id = Guid.NewGuid(), ReferralId = referralId, Kind = FollowUpKind.LineCare, Description = "Dressing change", Due = DateOnly.FromDateTime(procedureDay.AddDays(7).UtcDateTime), AssignedTo = "nurse.lee" }];
    }

    public Patient Patient { get; }

    public Referral Referral { get; }

    public ProcedureRoom Room { get; }

    public Appointment Appointment { get; }

    public Appointment Cancelled { get; }

    public PreProcedureAssessment Assessment { get; }

    public List<LabResult> Labs { get; }

    public List<MedicationRecord> Medications { get; }

    public List<IntakeRecord> Intakes { get; }

    public List<ConsentRecord> Consents { get; }

    public ProcedureRecord Procedure { get; }

    public List<AdverseEventRecord> AdverseEvents { get; }

    public List<VitalSigns> Vitals { get; }

    public DischargeRecord Discharge { get; }

    public List<FollowUpTask> FollowUps { get; }

    public async Task SaveAsync(SeldingerDbContext db)
    {
        db.Patients.Add(Patient);
        db.Referrals.Add(Referral);
        db.Rooms.Add(Room);
        db.Appointments.AddRange(Appointment, Cancelled);
        db.Assessments.Add(Assessment);
        db.LabResults.AddRange(Labs);
        db.Medications.AddRange(Medications);
        db.Intakes.AddRange(Intakes);
        db.Consents.AddRange(Consents);
        db.ProcedureRecords.Add(Procedure);
        db.AdverseEvents.AddRange(AdverseEvents);
        db.VitalSigns.AddRange(Vitals);
        db.Discharges.Add(Discharge);
        db.FollowUps.AddRange(FollowUps);
        await db.SaveChangesAsync();
    }
}
