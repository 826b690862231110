using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Instructions;

// The Monday-to-Thursday liver biopsy of the scenarios: a girl of 6, 21 kg at referral, 21.3 kg on the day.
internal static class SampleEpisodes
{
    public static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    // Thursday 3 December 2026, 10:00 in Madrid (UTC+1).
    public static readonly DateTimeOffset ThursdayTen = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(1));

    public static Episode LiverBiopsy(
        SedationLevel? sedation = SedationLevel.Moderate,
        DateTimeOffset? start = null,
        bool booked = true,
        DateOnly? birthDate = null,
        AdministrativeSex sex = AdministrativeSex.Female,
        double? weightKg = 21.3,
        bool withRecord = true,
        bool signed = true)
    {
        var referralId = Guid.Parse("6f1c2d7e-0000-4000-8000-000000000001");
        var patient = new Patient
        {
            Id = Guid.Parse("6f1c2d7e-0000-4000-8000-000000000002"),
            MedicalRecordNumber = "MRN-004711",
            FamilyName = "Núñez Peña",
            GivenName = "Lucía",
            BirthDate = birthDate ?? new DateOnly(2020, 5, 14),
            Sex = sex,
            PreferredLanguage = FamilyLanguage.Spanish,
        };
        if (weightKg is { } kg)
        {
            patient.Measurements.Add(new BodyMeasurement { MeasuredAt = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(1)), WeightKg = 21.0 });
            patient.Measurements.Add(new BodyMeasurement { MeasuredAt = new DateTimeOffset(2026, 12, 3, 9, 15, 0, TimeSpan.FromHours(1)), WeightKg = kg });
        }

        var when = start ?? ThursdayTen;
        var referral = new Referral
        {
            Id = referralId,
            PatientId = patient.Id,
            ReferringClinician = "dr.oncology",
            ReferringService = "Oncología",
            Reason = "Masa de 2,4 cm en el lóbulo hepático derecho",
            Request = "biopsy please",
            ProcedureId = "biopsy-deep",
            PlannedSedation = sedation,
            Guidance = GuidanceModality.Ct,
            SubmittedAt = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(1)),
            Status = ReferralStatus.Scheduled,
        };
        var record = !withRecord ? null : new ProcedureRecord
        {
            ReferralId = referralId,
            ProcedureId = "biopsy-deep",
            StartedAt = when.AddMinutes(20),
            EndedAt = when.AddMinutes(45),
            Guidance = GuidanceModality.Ct,
            WeightKg = weightKg,
            Operators = [new ProcedureOperator { Name = "Dra. Inés Ibáñez", Role = "primary operator" }, new ProcedureOperator { Name = "Dr. Tomás Muñoz", Role = "assistant" }],
            Devices = [new DeviceUse { Description = "Coaxial core biopsy needle 18 G × 15 cm", Manufacturer = "Acme Medical", Lot = "LOT-2291A", Udi = "(01)00812345678901(17)271231(10)LOT-2291A" }],
            ContrastAgent = "Iohexol 300",
            ContrastMl = 42,
            SedationGiven = sedation,
            SedationDoses =
            [
                new SedationDose { Drug = "Midazolam", DoseMg = 1.5, At = when.AddMinutes(10) },
                new SedationDose { Drug = "Ketamine", DoseMg = 21.3, At = when.AddMinutes(12) },
            ],
            CtDoseLengthProductMGyCm = 187.4,
            CtAcquisitions = 4,
            FluoroscopyTimeSeconds = 0,
            Findings = "2,4 cm hypoechoic mass, segment VI; three 18 G cores through a right intercostal route above the 9th rib.",
            Specimens = "3 cores in formalin to pathology (µ-histology, immunohistochemistry).",
            Outcome = TechnicalOutcome.Success,
            SignedBy = signed ? "Dra. Inés Ibáñez" : null,
            SignedAt = signed ? when.AddMinutes(60) : null,
        };
        return new Episode
        {
            Patient = patient,
            Referral = referral,
            Appointment = !booked ? null : new Appointment
            {
                ReferralId = referralId,
                PatientId = patient.Id,
                Start = when,
                DurationMinutes = 90,
                WithAnaesthesia = true,
            },
            Room = new ProcedureRoom { Name = "CT 2" },
            Procedure = record,
            AdverseEvents = [],
            Discharge = !withRecord ? null : new DischargeRecord
            {
                ReferralId = referralId,
                Disposition = DischargeDisposition.SameDayHome,
                At = when.AddHours(3.5),
                CriteriaMet = true,
                ReleasedTo = "mother",
                InstructionsLanguage = FamilyLanguage.Spanish,
                DischargedBy = "nurse.ana",
            },
            FollowUps = !withRecord ? [] :
            [
                new FollowUpTask { ReferralId = referralId, Kind = FollowUpKind.ResultCall, Description = "Pathology result call", Due = new DateOnly(2026, 12, 7) },
            ],
        };
    }

    public static AdverseEventRecord MinorBleed(Guid referralId) => new()
    {
        ReferralId = referralId,
        OnsetAt = ThursdayTen.AddMinutes(50),
        Description = "Small perihepatic haematoma, observed ≤ 2 h",
        SirSeverity = SirSeverity.Mild,
        CirseGrade = CirseGrade.Grade1,
        Management = "Observation",
    };
}
