using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Demo;

/// <summary>
/// Generates a realistic, deterministic week of a pediatric IR service for demonstrations and tests:
/// three rooms, daily anaesthesia sessions, and about forty episodes over every procedure of the
/// catalogue, seen from Thursday 13:00 (earlier bookings are done and recorded, later ones are to come;
/// some referrals still wait for triage). Every person is invented.
/// </summary>
public static class DemoWeek
{
    private const string Physician = "dr.ortiz";
    private const string Nurse = "nurse.kim";
    private const string Scheduler = "sched.ames";

    private static readonly string[] GivenGirls = ["Maya", "Aria", "Isla", "Nora", "Elena", "Ivy", "Clara", "Ruby", "Ada", "Lucía", "Zoe", "Mila", "Alba", "Iris", "Noa", "Vera", "Olivia", "Carmen", "Hazel", "Luna"];
    private static readonly string[] GivenBoys = ["Leo", "Noah", "Mateo", "Theo", "Hugo", "Finn", "Diego", "Max", "Eli", "Tomás", "Jonah", "Ezra", "Pablo", "Felix", "Arlo", "Bruno", "Owen", "Iker", "Milo", "Rafael"];
    private static readonly string[] Families = ["Brightwater", "Calloway", "Fenwick", "Ashdown", "Marlowe", "Quillon", "Ravensby", "Thistlewood", "Underhill", "Winterbourne", "Yarrowfield", "Birchmont", "Pellegrand", "Corvalán", "Estrivel", "Nandoval", "Oquendra", "Valmorel", "Larkspur", "Hollingrave", "Durantel", "Sorrentel", "Ibarquín", "Mendaró", "Greystoke-Vale", "Fairbairn", "Kestrell", "Amberleigh", "Castellar", "Rosebrook"];

    // One entry per procedure of the catalogue, then the common ones again; the last seven are not booked.
    private static readonly Template[] Templates =
    [
        new("angiography", 8, 16, "Renal artery stenosis suspected on Doppler; hypertension on three drugs.", "Nephrology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Dsa, ReferralPriority.Routine),
        new("rf-ablation", 10, 17, "Single 1.8 cm liver metastasis after chemotherapy; ablation discussed at tumour board.", "Oncology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ct, ReferralPriority.Routine),
        new("mw-ablation", 12, 17, "Recurrent 2.2 cm renal lesion, not a surgical candidate.", "Oncology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ct, ReferralPriority.Routine),
        new("cryoablation", 9, 17, "Progressive desmoid tumour of the thigh, painful.", "Oncology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ct, ReferralPriority.Routine),
        new("osteoid-osteoma-rfa", 8, 17, "Night pain relieved by ibuprofen; nidus in the femoral neck on CT.", "Orthopaedics", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ct, ReferralPriority.Routine),
        new("pleural-drain", 1, 12, "Parapneumonic effusion, still febrile on day 4 of antibiotics.", "General paediatrics", SedationLevel.Deep, GuidanceModality.Ultrasound, ReferralPriority.Urgent),
        new("ascites-drain", 2, 16, "Tense ascites with breathlessness.", "Hepatology", SedationLevel.Moderate, GuidanceModality.Ultrasound, ReferralPriority.Urgent),
        new("joint-aspiration", 1, 12, "Hot swollen knee, septic arthritis to exclude.", "Emergency medicine", SedationLevel.Moderate, GuidanceModality.Ultrasound, ReferralPriority.Emergent),
        new("joint-injection", 3, 16, "Oligoarticular arthritis; steroid injection of the right knee.", "Rheumatology", SedationLevel.Deep, GuidanceModality.Ultrasound, ReferralPriority.Routine),
        new("picc", 0.2, 10, "Six weeks of intravenous antibiotics for osteomyelitis.", "Infectious diseases", SedationLevel.Deep, GuidanceModality.Fluoroscopy, ReferralPriority.Urgent),
        new("port", 2, 16, "Newly diagnosed leukaemia; port for chemotherapy.", "Oncology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Fluoroscopy, ReferralPriority.Urgent),
        new("tunneled-dialysis-catheter", 6, 17, "End-stage kidney disease; haemodialysis access.", "Nephrology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Fluoroscopy, ReferralPriority.Urgent),
        new("abscess-drainage-superficial", 1, 15, "3 cm neck abscess not settling on antibiotics.", "ENT", SedationLevel.Moderate, GuidanceModality.Ultrasound, ReferralPriority.Urgent),
        new("abscess-drainage-deep", 5, 16, "Pelvic abscess after perforated appendicitis.", "Paediatric surgery", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ultrasound, ReferralPriority.Urgent),
        new("nasojejunal-tube", 0.3, 10, "Feeding intolerance; needs post-pyloric feeds.", "Gastroenterology", SedationLevel.None, GuidanceModality.Fluoroscopy, ReferralPriority.Routine),
        new("gastrostomy", 0.5, 10, "Unsafe swallow; long-term enteral feeding.", "Gastroenterology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Fluoroscopy, ReferralPriority.Routine),
        new("chest-tube", 1, 16, "Large pneumothorax, 30 %, after a fall.", "Respiratory medicine", SedationLevel.Deep, GuidanceModality.Ultrasound, ReferralPriority.Emergent),
        new("biopsy-superficial", 2, 17, "Enlarging 2.5 cm cervical lymph node; lymphoma to exclude.", "Oncology", SedationLevel.Moderate, GuidanceModality.Ultrasound, ReferralPriority.Urgent),
        new("biopsy-deep", 1, 15, "Renal mass; tissue before treatment.", "Oncology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ct, ReferralPriority.Urgent),
        new("sclerotherapy-venous", 4, 17, "Painful venous malformation of the calf.", "Vascular anomalies", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ultrasound, ReferralPriority.Routine),
        new("sclerotherapy-lymphatic", 1, 12, "Macrocystic lymphatic malformation of the neck, second session.", "Vascular anomalies", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ultrasound, ReferralPriority.Routine),
        new("avm-embolization", 8, 17, "Arteriovenous malformation of the hand with bleeding.", "Vascular anomalies", SedationLevel.GeneralAnaesthesia, GuidanceModality.Dsa, ReferralPriority.Urgent),
        new("laser-photoevaporation", 3, 16, "Bleeding lymphatic vesicles of the flank.", "Dermatology", SedationLevel.Moderate, GuidanceModality.DirectVision, ReferralPriority.Routine),
        new("picc", 0.1, 6, "Parenteral nutrition for short bowel syndrome.", "Gastroenterology", SedationLevel.Deep, GuidanceModality.Fluoroscopy, ReferralPriority.Routine),
        new("picc", 4, 16, "Cystic fibrosis exacerbation; two weeks of IV antibiotics.", "Respiratory medicine", SedationLevel.Moderate, GuidanceModality.Fluoroscopy, ReferralPriority.Urgent),
        new("biopsy-deep", 2, 14, "Liver lesion on ultrasound; tissue diagnosis.", "Hepatology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ultrasound, ReferralPriority.Routine),
        new("joint-injection", 5, 16, "Arthritis of both ankles; steroid injections.", "Rheumatology", SedationLevel.Deep, GuidanceModality.Ultrasound, ReferralPriority.Routine),
        new("sclerotherapy-lymphatic", 0.5, 8, "Lymphatic malformation of the axilla.", "Vascular anomalies", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ultrasound, ReferralPriority.Routine),
        new("pleural-drain", 2, 14, "Recurrent effusion after cardiac surgery.", "Cardiology", SedationLevel.Deep, GuidanceModality.Ultrasound, ReferralPriority.Urgent),
        new("port", 5, 17, "Port for long-term enzyme replacement therapy.", "Metabolic medicine", SedationLevel.GeneralAnaesthesia, GuidanceModality.Fluoroscopy, ReferralPriority.Routine),
        new("gastrostomy", 1, 8, "Faltering growth with neurological impairment.", "Neurology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Fluoroscopy, ReferralPriority.Routine),
        new("biopsy-superficial", 8, 17, "Thyroid nodule, indeterminate on ultrasound.", "Endocrinology", SedationLevel.Minimal, GuidanceModality.Ultrasound, ReferralPriority.Routine),
        new("abscess-drainage-superficial", 3, 14, "Buttock abscess, 4 cm, fluctuant.", "Paediatric surgery", SedationLevel.Moderate, GuidanceModality.Ultrasound, ReferralPriority.Urgent),
        new("nasojejunal-tube", 0.5, 6, "Gastro-oesophageal reflux with aspiration.", "Gastroenterology", SedationLevel.None, GuidanceModality.Fluoroscopy, ReferralPriority.Routine, Target.AwaitingReview),
        new("osteoid-osteoma-rfa", 10, 17, "Tibial pain at night, small lucent lesion on X-ray.", "Orthopaedics", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ct, ReferralPriority.Routine, Target.MoreInformation),
        new("sclerotherapy-venous", 6, 17, "Venous malformation of the lip.", "Vascular anomalies", SedationLevel.GeneralAnaesthesia, GuidanceModality.Ultrasound, ReferralPriority.Routine, Target.Accepted),
        new("angiography", 3, 12, "Moyamoya follow-up.", "Neurology", SedationLevel.GeneralAnaesthesia, GuidanceModality.Dsa, ReferralPriority.Routine, Target.Accepted),
        new("joint-aspiration", 6, 16, "Knee effusion after minor trauma, afebrile.", "Emergency medicine", SedationLevel.Minimal, GuidanceModality.Ultrasound, ReferralPriority.Routine, Target.Declined),
        new("laser-photoevaporation", 5, 16, "Lymphatic vesicles of the thigh, occasional bleeding.", "Dermatology", SedationLevel.Moderate, GuidanceModality.DirectVision, ReferralPriority.Routine, Target.Cancelled),
        new("chest-tube", 4, 16, "Pleural effusion with septations.", "General paediatrics", SedationLevel.Deep, GuidanceModality.Ultrasound, ReferralPriority.Urgent, Target.AwaitingReview),
    ];

    private enum Target
    {
        Booked,
        AwaitingReview,
        MoreInformation,
        Accepted,
        Declined,
        Cancelled,
    }

    /// <summary>The week starting <paramref name="monday"/>; the same seed and catalogue give the same week.</summary>
    /// <param name="monday">The Monday of the week.</param>
    /// <param name="seed">Seed of the random choices (names, ages, weights, times).</param>
    /// <param name="catalogue">The procedure catalogue; every procedure of it must be known to the generator.</param>
    /// <param name="site">
    /// The site's clock: the week's days are its days and every time (sessions from 08:00, bookings from 07:00, the
    /// Thursday 13:00 it is seen from) is its wall-clock time, stored as the UTC instant. UTC when null.
    /// </param>
    /// <exception cref="ClinicalValidationException"><paramref name="monday"/> is not a Monday.</exception>
    public static DemoWeekData Generate(DateOnly monday, int seed, ProcedureCatalogue catalogue, SiteTime? site = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (monday.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ClinicalValidationException("monday", $"{monday:yyyy-MM-dd} is a {monday.DayOfWeek}, not a Monday.");
        }

        return new Builder(monday, seed, catalogue, site ?? SiteTime.Utc).Build();
    }

    private sealed record Template(string ProcedureId, double MinAge, double MaxAge, string Reason, string Service, SedationLevel Sedation, GuidanceModality Guidance, ReferralPriority Priority, Target Target = Target.Booked);

    private sealed class Builder(DateOnly monday, int seed, ProcedureCatalogue catalogue, SiteTime site)
    {
        private readonly ScheduleRulesOptions _hours = ScheduleRulesOptions.For(site);
        private readonly Random _random = new(seed);
        private readonly ProcedureDurations _durations = ProcedureDurations.LoadDefault();
        private readonly List<Appointment> _appointments = [];
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private int _mrn = 100_000;
        private List<ProcedureRoom> _rooms = [];
        private List<AnaesthesiaSession> _sessions = [];

        private DateTimeOffset Now => At(3, 13, 0);

        public DemoWeekData Build()
        {
            _mrn += _random.Next(0, 800_000);
            _rooms =
            [
                new ProcedureRoom { Id = NewId(), Name = "IR suite", Modalities = [GuidanceModality.Fluoroscopy, GuidanceModality.ConeBeamCt, GuidanceModality.Dsa, GuidanceModality.Ultrasound], AnaesthesiaCapable = true },
                new ProcedureRoom { Id = NewId(), Name = "Ultrasound room", Modalities = [GuidanceModality.Ultrasound], AnaesthesiaCapable = false },
                new ProcedureRoom { Id = NewId(), Name = "CT room", Modalities = [GuidanceModality.Ct], AnaesthesiaCapable = true },
            ];
            _sessions = [.. Enumerable.Range(0, 5).Select(d => new AnaesthesiaSession { Id = NewId(), Start = At(d, 8, 0), End = At(d, 17, 30), Teams = 2, Note = "Paediatric anaesthesia list" })];

            var episodes = new List<Episode> { ScenarioGirl() };
            var order = Templates.Select((t, i) => (t, i)).OrderBy(x => x.t.Priority == ReferralPriority.Emergent ? 0 : 1).ThenBy(_ => _random.Next()).ToList();
            var slotIndex = 0;
            foreach (var (template, _) in order)
            {
                if (catalogue.Find(template.ProcedureId) is null)
                {
                    continue;
                }

                episodes.Add(Make(template, slotIndex++));
            }

            // The workflow gives history events fresh random ids; the demo's must follow the seed.
            foreach (var e in episodes.SelectMany(e => e.Referral.History))
            {
                e.Id = NewId();
            }

            return new DemoWeekData(monday, Now, _rooms, _sessions, episodes) { ScenarioReferralId = episodes[0].Referral.Id };
        }

        // The girl of the scenarios: 6 years, 21 kg, a liver mass, "biopsy please", Spanish-speaking family.
        private Episode ScenarioGirl()
        {
            var birth = monday.AddYears(-6).AddDays(-_random.Next(30, 300));
            var patient = NewPatient("Valentina", "Quiroga Estrivel", birth, AdministrativeSex.Female, FamilyLanguage.Spanish);
            patient.Notes = "Likes drawing; needs the interpreter for consent.";
            patient.Guardians.Add(new Guardian { Id = NewId(), PatientId = patient.Id, Name = "Marisol Estrivel", Relationship = "mother", Phone = "+34 600 000 111", Language = FamilyLanguage.Spanish });
            patient.Measurements.Add(new BodyMeasurement { Id = NewId(), PatientId = patient.Id, MeasuredAt = At(0, 7, 40), WeightKg = 21, HeightCm = 116, RecordedBy = "dr.navarro" });
            var referral = new Referral
            {
                Id = NewId(),
                PatientId = patient.Id,
                ReferringClinician = "dr.navarro",
                ReferringService = "Oncology",
                Reason = "2.4 cm mass in the right liver lobe on CT; biopsy please.",
                Request = "Biopsy please.",
                SuggestedProcedureId = catalogue.Find("biopsy-deep")?.Id,
            };
            ReferralWorkflow.Submit(referral, "dr.navarro", At(0, 8, 0), catalogue);
            return new Episode { Patient = patient, Referral = referral };
        }

        private Episode Make(Template t, int index)
        {
            var patient = RandomPatient(t);
            var referral = new Referral
            {
                Id = NewId(),
                PatientId = patient.Id,
                ReferringClinician = $"dr.{Families[_random.Next(Families.Length)].ToLowerInvariant().Replace(' ', '-')}",
                ReferringService = t.Service,
                Reason = t.Reason,
                SuggestedProcedureId = t.ProcedureId,
            };
            var leadDays = t.Priority switch
            {
                ReferralPriority.Emergent => 0,
                ReferralPriority.Urgent => _random.Next(1, 5),
                _ => _random.Next(7, 43),
            };
            var day = index % 5;
            var submitted = At(day, 9, 0).AddDays(-leadDays).AddMinutes(_random.Next(0, 240));
            if (t.Target is Target.AwaitingReview or Target.MoreInformation or Target.Declined)
            {
                submitted = At(_random.Next(0, 3), 8, 0).AddMinutes(_random.Next(0, 480));
            }

            ReferralWorkflow.Submit(referral, referral.ReferringClinician, submitted, catalogue);
            var triaged = submitted.AddMinutes(t.Priority == ReferralPriority.Emergent ? 20 : 90);
            switch (t.Target)
            {
                case Target.AwaitingReview:
                    return new Episode { Patient = patient, Referral = referral };
                case Target.MoreInformation:
                    ReferralWorkflow.Triage(referral, new TriageDecision(TriageOutcome.RequestInformation, Note: "Please send the MRI and say how long the pain has lasted."), Physician, triaged, catalogue);
                    return new Episode { Patient = patient, Referral = referral };
                case Target.Declined:
                    ReferralWorkflow.Triage(referral, new TriageDecision(TriageOutcome.Decline, Note: "Small effusion without fever; aspiration not needed. Clinical review advised."), Physician, triaged, catalogue);
                    return new Episode { Patient = patient, Referral = referral };
                default:
                    break;
            }

            ReferralWorkflow.Triage(referral, new TriageDecision(TriageOutcome.Accept, t.ProcedureId, t.Priority, t.Guidance, t.Sedation, "Accepted."), Physician, triaged, catalogue);
            if (t.Target == Target.Accepted)
            {
                return new Episode { Patient = patient, Referral = referral };
            }

            if (t.Target == Target.Cancelled)
            {
                ReferralWorkflow.Cancel(referral, "Family moved to another hospital.", referral.ReferringClinician, triaged.AddDays(1));
                return new Episode { Patient = patient, Referral = referral };
            }

            var (appointment, room) = Book(t, patient, referral, day, triaged);
            if (appointment is null || room is null)
            {
                return new Episode { Patient = patient, Referral = referral };
            }

            ReferralWorkflow.MarkScheduled(referral, Scheduler, Max(triaged.AddMinutes(30), appointment.Start.AddDays(-1)).AddMinutes(-_random.Next(0, 60)) is var s && s < appointment.Start ? s : appointment.Start.AddMinutes(-30));
            var assessment = new PreProcedureAssessment
            {
                Id = NewId(),
                ReferralId = referral.Id,
                Asa = _random.NextDouble() < 0.6 ? AsaClass.Asa2 : AsaClass.Asa1,
                PlannedSedation = t.Sedation,
                ChildLifeSupport = patient.AgeYearsOn(monday) is >= 3 and <= 12,
                PregnancyScreen = patient.Sex == AdministrativeSex.Female && patient.AgeYearsOn(monday) >= 12 ? PregnancyScreen.Negative : PregnancyScreen.NotRequired,
                InstructionsSentAt = appointment.Start.AddDays(-1).AddHours(-2),
                AssessedBy = Nurse,
                AssessedAt = appointment.Start.AddMinutes(-75),
            };
            var weight = patient.Measurements[0].WeightKg;
            var labs = Labs(patient, appointment.Start);
            var consents = Consents(patient, referral, t, appointment.Start);
            var intakes = new List<IntakeRecord>
            {
                new() { Id = NewId(), ReferralId = referral.Id, Kind = IntakeKind.ClearLiquid, At = appointment.Start.AddHours(-2.5), RecordedBy = Nurse },
                new() { Id = NewId(), ReferralId = referral.Id, Kind = IntakeKind.LightMeal, At = appointment.Start.AddHours(-7), RecordedBy = Nurse },
            };
            if (appointment.End > Now)
            {
                return new Episode
                {
                    Patient = patient,
                    Referral = referral,
                    Appointment = appointment,
                    Room = room,
                    Assessment = appointment.Start < Now.AddDays(1) ? assessment : null,
                    Labs = labs,
                    Consents = appointment.Start < Now.AddDays(1) ? consents : [],
                };
            }

            return Completed(t, patient, referral, appointment, room, assessment, labs, consents, intakes, weight);
        }

        private Episode Completed(Template t, Patient patient, Referral referral, Appointment appointment, ProcedureRoom room, PreProcedureAssessment assessment,
            List<LabResult> labs, List<ConsentRecord> consents, List<IntakeRecord> intakes, double weight)
        {
            var ga = appointment.WithAnaesthesia;
            var started = appointment.Start.AddMinutes(ga ? 20 : 10);
            var ended = started.AddMinutes(_durations.RoomMinutes(t.ProcedureId) - (ga ? 25 : 15) - _random.Next(0, 10));
            ReferralWorkflow.Start(referral, Physician, started);
            appointment.Status = AppointmentStatus.Completed;
            var record = new ProcedureRecord
            {
                Id = NewId(),
                ReferralId = referral.Id,
                AppointmentId = appointment.Id,
                ProcedureId = t.ProcedureId,
                TimeOut = new TimeOutChecklist
                {
                    PatientIdentityConfirmed = true,
                    ProcedureAndSiteConfirmed = true,
                    SiteMarked = true,
                    ConsentConfirmed = true,
                    AllergiesReviewed = true,
                    ImagesDisplayed = true,
                    EquipmentAvailable = true,
                    AntibioticProphylaxisAddressed = true,
                    CompletedAt = started.AddMinutes(-3),
                    CompletedBy = Nurse,
                },
                Operators = [new ProcedureOperator { Name = "Dr. Inés Ortiz", Role = "primary operator" }, new ProcedureOperator { Name = "Sam Kim, RN", Role = "sedation nurse" }],
                StartedAt = started,
                EndedAt = ended,
                Guidance = t.Guidance,
                WeightKg = weight,
                Devices = Devices(t.ProcedureId),
                SedationGiven = t.Sedation,
                Outcome = _random.NextDouble() < 0.93 ? TechnicalOutcome.Success : TechnicalOutcome.PartialSuccess,
                Findings = "Procedure as planned.",
                SignedBy = Physician,
                SignedAt = ended.AddMinutes(20),
            };
            if (t.Sedation is SedationLevel.Moderate or SedationLevel.Deep)
            {
                record.SedationDoses.Add(new SedationDose { Drug = "midazolam", DoseMg = Math.Round(Math.Min(0.1 * weight, 5), 1), At = started.AddMinutes(-5) });
                record.SedationDoses.Add(new SedationDose { Drug = "fentanyl", DoseMg = Math.Round(Math.Min(0.001 * weight, 0.05), 3), At = started.AddMinutes(-4) });
            }

            if (t.Guidance is GuidanceModality.Fluoroscopy or GuidanceModality.Dsa)
            {
                var fluoroSeconds = _random.Next(20, t.Guidance == GuidanceModality.Dsa ? 900 : 240);
                record.FluoroscopyTimeSeconds = fluoroSeconds;
                record.DoseAreaProductGyCm2 = Math.Round((0.001 + (weight * 0.0002)) * fluoroSeconds * (t.Guidance == GuidanceModality.Dsa ? 3 : 1), 3);
                record.ReferenceAirKermaMGy = Math.Round(record.DoseAreaProductGyCm2.Value * 12, 1);
            }

            if (t.Guidance == GuidanceModality.Ct)
            {
                record.CtAcquisitions = _random.Next(3, 7);
                record.CtDoseLengthProductMGyCm = Math.Round(record.CtAcquisitions.Value * (20 + weight), 1);
            }

            if (t.Guidance == GuidanceModality.Dsa)
            {
                record.ContrastAgent = "iohexol 300";
                record.ContrastMl = Math.Round(Math.Min(3 * weight, 150), 0);
            }

            if (t.ProcedureId.StartsWith("biopsy", StringComparison.Ordinal))
            {
                record.Specimens = "3 cores, 18 G, to histopathology.";
            }

            var events = AdverseEvents(t, referral, started, ended);
            var admitted = events.Any(e => e.SirSeverity >= SirSeverity.Moderate) || t.ProcedureId is "gastrostomy" or "cryoablation" or "tunneled-dialysis-catheter";
            var vitals = Vitals(referral, started, ended);
            var dischargeAt = ended.AddMinutes(admitted ? 180 : 90 + _random.Next(0, 90));
            ReferralWorkflow.Complete(referral, Nurse, dischargeAt);
            var discharge = new DischargeRecord
            {
                Id = NewId(),
                ReferralId = referral.Id,
                Disposition = admitted ? DischargeDisposition.Admitted : DischargeDisposition.SameDayHome,
                At = dischargeAt,
                AdmissionReason = admitted ? "Overnight observation and pain control." : "",
                CriteriaMet = !admitted,
                ReleasedTo = admitted ? "" : patient.Guardians[0].Name,
                InstructionsLanguage = patient.PreferredLanguage,
                DischargedBy = Nurse,
            };
            var followUps = new List<FollowUpTask> { FollowUp(t.ProcedureId, referral, site.DayOf(ended)) };
            return new Episode
            {
                Patient = patient,
                Referral = referral,
                Appointment = appointment,
                Room = room,
                Assessment = assessment,
                Labs = labs,
                Consents = consents,
                Intakes = intakes,
                Procedure = record,
                AdverseEvents = events,
                Vitals = vitals,
                Discharge = discharge,
                FollowUps = followUps,
            };
        }

        private (Appointment? Appointment, ProcedureRoom? Room) Book(Template t, Patient patient, Referral referral, int preferredDay, DateTimeOffset notBefore)
        {
            var ga = t.Sedation == SedationLevel.GeneralAnaesthesia;
            var duration = _durations.MinutesFor(t.ProcedureId, ga);
            for (var k = 0; k < 5; k++)
            {
                var day = (preferredDay + k) % 5;
                var date = monday.AddDays(day);
                DateTimeOffset? best = null;
                ProcedureRoom? bestRoom = null;
                foreach (var room in _rooms.Where(r => (t.Guidance == GuidanceModality.DirectVision || r.Modalities.Contains(t.Guidance)) && (!ga || r.AnaesthesiaCapable)))
                {
                    var proposed = new Appointment
                    {
                        Id = NewIdFixed(),
                        ReferralId = referral.Id,
                        PatientId = patient.Id,
                        RoomId = room.Id,
                        Start = At(day, 7, 0),
                        DurationMinutes = duration,
                        WithAnaesthesia = ga,
                        BookedBy = Scheduler,
                    };
                    var earliest = notBefore.AddHours(1);
                    var slot = ScheduleRules.FirstFreeSlot(proposed, room, referral, date, _appointments, _sessions, earliest > At(day, 7, 0) ? Round(earliest) : null, _hours);
                    if (slot is { } s && (best is null || s < best))
                    {
                        best = s;
                        bestRoom = room;
                    }
                }

                if (best is { } start && bestRoom is not null)
                {
                    var appointment = new Appointment
                    {
                        Id = NewId(),
                        ReferralId = referral.Id,
                        PatientId = patient.Id,
                        RoomId = bestRoom.Id,
                        Start = start.ToUniversalTime(),
                        DurationMinutes = duration,
                        WithAnaesthesia = ga,
                        BookedBy = Scheduler,
                    };
                    _appointments.Add(appointment);
                    return (appointment, bestRoom);
                }
            }

            return (null, null);
        }

        private Patient RandomPatient(Template t)
        {
            var ageDays = (int)Math.Round(((t.MinAge + (_random.NextDouble() * (t.MaxAge - t.MinAge))) * 365.25));
            var birth = monday.AddDays(-Math.Max(ageDays, 20));
            var female = _random.Next(2) == 0;
            var spanish = _random.NextDouble() < 0.25;
            string given, family;
            do
            {
                given = female ? GivenGirls[_random.Next(GivenGirls.Length)] : GivenBoys[_random.Next(GivenBoys.Length)];
                family = Families[_random.Next(Families.Length)];
            }
            while (!_names.Add(given + " " + family));
            var patient = NewPatient(given, family, birth, female ? AdministrativeSex.Female : AdministrativeSex.Male, spanish ? FamilyLanguage.Spanish : FamilyLanguage.English);
            var guardianGiven = _random.Next(2) == 0 ? (spanish ? "Rocío" : "Hannah") : (spanish ? "Andrés" : "Daniel");
            patient.Guardians.Add(new Guardian
            {
                Id = NewId(),
                PatientId = patient.Id,
                Name = $"{guardianGiven} {family}",
                Relationship = guardianGiven is "Rocío" or "Hannah" ? "mother" : "father",
                Phone = $"+44 7700 9{_random.Next(10_000, 99_999)}",
                Language = patient.PreferredLanguage,
            });
            var months = patient.AgeMonthsOn(monday);
            var factor = 0.85 + (_random.NextDouble() * 0.3);
            patient.Measurements.Add(new BodyMeasurement
            {
                Id = NewId(),
                PatientId = patient.Id,
                MeasuredAt = At(0, 7, 0).AddDays(-_random.Next(1, 10)),
                WeightKg = Math.Round(TypicalWeightKg(months) * factor, 1),
                HeightCm = Math.Round(TypicalHeightCm(months) * (0.97 + (_random.NextDouble() * 0.06)), 0),
                RecordedBy = Nurse,
            });
            if (_random.NextDouble() < 0.12)
            {
                patient.Allergies.Add(new Allergy { Id = NewId(), PatientId = patient.Id, Category = AllergyCategory.Drug, Substance = "amoxicillin", Reaction = "rash", Severity = AllergySeverity.Mild });
            }

            return patient;
        }

        private Patient NewPatient(string given, string family, DateOnly birth, AdministrativeSex sex, FamilyLanguage language) => new()
        {
            Id = NewId(),
            MedicalRecordNumber = $"DEMO-{_mrn++:D7}",
            GivenName = given,
            FamilyName = family,
            BirthDate = birth,
            Sex = sex,
            PreferredLanguage = language,
            CreatedAt = At(0, 7, 0).AddDays(-60),
        };

        // Rough medians (APLS-style formulas): good enough for invented children, far inside the plausibility limits.
        private static double TypicalWeightKg(int months) => months switch
        {
            <= 3 => 3.3 + (0.9 * months),
            <= 12 => 6.0 + (0.45 * (months - 3)),
            <= 120 => (2 * (months / 12.0)) + 8,
            _ => 3.3 * (months / 12.0),
        };

        private static double TypicalHeightCm(int months) => months switch
        {
            <= 12 => 50 + (2.1 * months),
            <= 144 => 77 + (6 * (months / 12.0)),
            _ => Math.Min(149 + (4.5 * ((months / 12.0) - 12)), 176),
        };

        private List<LabResult> Labs(Patient patient, DateTimeOffset start)
        {
            var at = start.AddDays(-1).AddHours(-1);
            return
            [
                new() { Id = NewId(), PatientId = patient.Id, Test = LabTest.Inr, Value = Math.Round(1.0 + (_random.NextDouble() * 0.25), 2), CollectedAt = at, RecordedBy = Nurse },
                new() { Id = NewId(), PatientId = patient.Id, Test = LabTest.Platelets, Value = _random.Next(150, 420), CollectedAt = at, RecordedBy = Nurse },
                new() { Id = NewId(), PatientId = patient.Id, Test = LabTest.Hemoglobin, Value = _random.Next(105, 140), CollectedAt = at, RecordedBy = Nurse },
            ];
        }

        private List<ConsentRecord> Consents(Patient patient, Referral referral, Template t, DateTimeOffset start)
        {
            var guardian = patient.Guardians[0];
            var interpreter = patient.PreferredLanguage == FamilyLanguage.Spanish ? "hospital Spanish interpreter" : "";
            var list = new List<ConsentRecord>
            {
                new() { Id = NewId(), ReferralId = referral.Id, Kind = ConsentKind.Procedure, GivenBy = guardian.Name, Relationship = guardian.Relationship, At = start.AddMinutes(-60), Interpreter = interpreter, RecordedBy = Physician },
            };
            if (t.Sedation != SedationLevel.None)
            {
                list.Add(new() { Id = NewId(), ReferralId = referral.Id, Kind = ConsentKind.Sedation, GivenBy = guardian.Name, Relationship = guardian.Relationship, At = start.AddMinutes(-55), Interpreter = interpreter, RecordedBy = Nurse });
            }

            if (patient.AgeYearsOn(site.DayOf(start)) >= 7)
            {
                list.Add(new() { Id = NewId(), ReferralId = referral.Id, Kind = ConsentKind.Assent, GivenBy = patient.DisplayName, Relationship = "patient", At = start.AddMinutes(-55), Interpreter = interpreter, RecordedBy = Physician });
            }

            return list;
        }

        private List<AdverseEventRecord> AdverseEvents(Template t, Referral referral, DateTimeOffset started, DateTimeOffset ended)
        {
            var roll = _random.NextDouble();
            AdverseEventRecord? e = null;
            if (t.Sedation is SedationLevel.Deep or SedationLevel.Moderate && roll < 0.12)
            {
                e = Event(referral, started.AddMinutes(10), "Desaturation to 88 % during sedation, resolved with jaw thrust and oxygen.", SirSeverity.Mild, CirseGrade.Grade1, sedation: true, "Airway manoeuvre, oxygen for 10 minutes.");
            }
            else if (t.ProcedureId is "biopsy-deep" or "rf-ablation" or "mw-ablation" && roll < 0.35)
            {
                e = Event(referral, ended.AddMinutes(40), "Subcapsular haematoma 2 cm on the check ultrasound, stable.", SirSeverity.Moderate, CirseGrade.Grade2, sedation: false, "Overnight observation, repeat haemoglobin stable.");
            }
            else if (t.ProcedureId is "gastrostomy" or "sclerotherapy-lymphatic" && roll < 0.3)
            {
                e = Event(referral, ended.AddMinutes(120), "Pain needing intravenous morphine.", SirSeverity.Mild, CirseGrade.Grade1, sedation: false, "Morphine 0.1 mg/kg once.");
            }
            else if (roll > 0.97)
            {
                e = Event(referral, ended.AddMinutes(30), "Post-procedure vomiting.", SirSeverity.Mild, CirseGrade.Grade1, sedation: true, "Ondansetron once.");
            }

            return e is null ? [] : [e];
        }

        private AdverseEventRecord Event(Referral referral, DateTimeOffset at, string description, SirSeverity sir, CirseGrade cirse, bool sedation, string management) => new()
        {
            Id = NewId(),
            ReferralId = referral.Id,
            OnsetAt = at,
            Description = description,
            SirSeverity = sir,
            CirseGrade = cirse,
            SedationRelated = sedation,
            Management = management,
            RecordedBy = Nurse,
            RecordedAt = at.AddMinutes(15),
        };

        private List<VitalSigns> Vitals(Referral referral, DateTimeOffset started, DateTimeOffset ended)
        {
            var hr = _random.Next(80, 120);
            return
            [
                new() { Id = NewId(), ReferralId = referral.Id, At = started.AddMinutes(-40), IsBaseline = true, HeartRate = hr, RespiratoryRate = _random.Next(16, 28), SystolicBp = _random.Next(90, 115), DiastolicBp = _random.Next(50, 70), SpO2 = 99, TemperatureC = 36.8, PainScore = 0, Consciousness = ConsciousnessLevel.Awake, MotorAtBaseline = true, RecordedBy = Nurse },
                new() { Id = NewId(), ReferralId = referral.Id, At = ended.AddMinutes(15), HeartRate = hr + 10, RespiratoryRate = _random.Next(16, 28), SystolicBp = _random.Next(90, 115), DiastolicBp = _random.Next(50, 70), SpO2 = 97, TemperatureC = 36.6, PainScore = 3, Consciousness = ConsciousnessLevel.RousableToVoice, MotorAtBaseline = false, Nausea = false, SiteDry = true, RecordedBy = Nurse },
                new() { Id = NewId(), ReferralId = referral.Id, At = ended.AddMinutes(75), HeartRate = hr + 2, RespiratoryRate = _random.Next(16, 28), SystolicBp = _random.Next(90, 115), DiastolicBp = _random.Next(50, 70), SpO2 = 99, TemperatureC = 36.7, PainScore = 1, Consciousness = ConsciousnessLevel.Awake, MotorAtBaseline = true, ToleratingFluids = true, Nausea = false, SiteDry = true, RecordedBy = Nurse },
            ];
        }

        private FollowUpTask FollowUp(string procedureId, Referral referral, DateOnly day)
        {
            var (kind, text, days) = procedureId switch
            {
                var p when p.StartsWith("biopsy", StringComparison.Ordinal) => (FollowUpKind.ResultCall, "Call the family with the pathology result.", 4),
                var p when p.Contains("drain", StringComparison.Ordinal) || p == "chest-tube" => (FollowUpKind.DrainCheck, "Check drain output and decide on removal.", 2),
                "picc" or "port" or "tunneled-dialysis-catheter" => (FollowUpKind.LineCare, "Line dressing change and flush.", 7),
                var p when p.EndsWith("ablation", StringComparison.Ordinal) || p == "osteoid-osteoma-rfa" => (FollowUpKind.Imaging, "Follow-up imaging of the ablation zone.", 42),
                _ => (FollowUpKind.ClinicVisit, "IR clinic review.", 42),
            };
            return new FollowUpTask { Id = NewId(), ReferralId = referral.Id, Kind = kind, Description = text, Due = day.AddDays(days), AssignedTo = Nurse };
        }

        private static List<DeviceUse> Devices(string procedureId) => procedureId switch
        {
            "picc" => [new DeviceUse { Description = "PICC 4 Fr single lumen", Manufacturer = "Demo Medical", Lot = "PC2401", Implanted = true }],
            "port" => [new DeviceUse { Description = "Implantable port, 6 Fr catheter", Manufacturer = "Demo Medical", Lot = "PT1187", Implanted = true }],
            "gastrostomy" => [new DeviceUse { Description = "Gastrostomy tube 14 Fr", Manufacturer = "Demo Medical", Lot = "GT0932", Implanted = true }],
            var p when p.Contains("drain", StringComparison.Ordinal) || p == "chest-tube" => [new DeviceUse { Description = "Locking pigtail drain 8 Fr", Manufacturer = "Demo Medical", Lot = "DR5520", Implanted = true }],
            var p when p.StartsWith("biopsy", StringComparison.Ordinal) => [new DeviceUse { Description = "Coaxial core biopsy needle 18 G", Manufacturer = "Demo Medical", Lot = "BN7713" }],
            _ => [new DeviceUse { Description = "Micropuncture access set 21 G", Manufacturer = "Demo Medical", Lot = "MP3001" }],
        };

        // A wall-clock time of the week at the site, as the UTC instant (a time the clocks skip moves to the jump).
        private DateTimeOffset At(int day, int hour, int minute) => site.At(monday.AddDays(day), new TimeOnly(hour, minute));

        // Up to the next quarter hour of the site's clock, as the UTC instant.
        private DateTimeOffset Round(DateTimeOffset instant)
        {
            var t = site.ToSite(instant);
            var minutes = ((t.Minute / 15) + (t.Second > 0 || t.Minute % 15 != 0 ? 1 : 0)) * 15;
            return new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, t.Offset).AddMinutes(minutes).ToUniversalTime();
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private Guid NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            _random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }

        // Trial bookings are never stored; an empty id keeps them from consuming random numbers.
        private static Guid NewIdFixed() => Guid.Empty;
    }
}
