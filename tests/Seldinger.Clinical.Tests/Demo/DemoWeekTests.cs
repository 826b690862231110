using System.Text.Json;
using Seldinger.Clinical.Demo;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Validation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Demo;

public class DemoWeekTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly DemoWeekData Week = DemoWeek.Generate(Monday, 42, ProcedureCatalogue.Default);

    [Fact]
    public void Generate_Week_HasBetween35And45Episodes()
    {
        Assert.InRange(Week.Episodes.Count, 35, 45);
        Assert.Equal(3, Week.Rooms.Count);
        Assert.Equal(5, Week.AnaesthesiaSessions.Count);
    }

    [Fact]
    public void Generate_Week_EveryCatalogueProcedureIsBookedAtLeastOnce()
    {
        var booked = Week.Episodes.Where(e => e.Appointment is not null).Select(e => e.Referral.ProcedureId).ToHashSet();
        var missing = ProcedureCatalogue.Default.Procedures.Select(p => p.Id).Where(id => !booked.Contains(id)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void Generate_Week_HasEveryStatusFromAwaitingReviewToCompleted()
    {
        var statuses = Week.Episodes.Select(e => e.Referral.Status).ToHashSet();
        Assert.Equal(Enum.GetValues<ReferralStatus>().Order(), statuses.Order());
        Assert.All(Week.Episodes.Where(e => e.Referral.Status == ReferralStatus.Completed), e =>
        {
            Assert.NotNull(e.Procedure);
            Assert.NotNull(e.Discharge);
            Assert.NotEmpty(e.Vitals);
            Assert.NotEmpty(e.FollowUps);
        });
        Assert.InRange(Week.Episodes.Count(e => e.AdverseEvents.Count > 0), 1, 10);
        var discharges = Week.Episodes.Where(e => e.Discharge is not null).ToList();
        Assert.True(discharges.Count(e => e.Discharge!.Disposition == Recovery.DischargeDisposition.SameDayHome) * 2 > discharges.Count);
    }

    [Fact]
    public void Generate_Week_NoBookingConflictsWithAnother()
    {
        var timing = new[]
        {
            ScheduleConflict.RoomDoubleBooked, ScheduleConflict.PatientDoubleBooked, ScheduleConflict.RoomLacksGuidance,
            ScheduleConflict.RoomNotAnaesthesiaCapable, ScheduleConflict.NoAnaesthesiaSession, ScheduleConflict.AnaesthesiaTeamsExhausted,
            ScheduleConflict.AnaesthesiaNotBooked, ScheduleConflict.OutsideHours,
        };
        var booked = Week.Episodes.Where(e => e.Appointment is not null).ToList();
        Assert.True(booked.Count >= 23);
        foreach (var e in booked)
        {
            var conflicts = ScheduleRules.Check(e.Appointment!, e.Room!, e.Referral, Week.Appointments, Week.AnaesthesiaSessions);
            Assert.DoesNotContain(conflicts, c => timing.Contains(c.Code));
            Assert.True(e.Referral.Guidance == GuidanceModality.DirectVision || e.Room!.Modalities.Contains(e.Referral.Guidance!.Value));
        }
    }

    [Fact]
    public void Generate_Week_EveryPatientAndWeightIsValid()
    {
        foreach (var patient in Week.Patients)
        {
            ClinicalInputValidator.ValidatePatient(patient, Monday);
            var m = Assert.Single(patient.Measurements);
            ClinicalInputValidator.ValidateMeasurement(m, patient, Week.Now);
        }

        foreach (var e in Week.Episodes.Where(e => e.Procedure is not null))
        {
            ClinicalInputValidator.ValidateProcedureRecord(e.Procedure!, Week.Now);
            Assert.All(e.Vitals, v => ClinicalInputValidator.ValidateVitalSigns(v, Week.Now));
            Assert.All(e.Labs, l => ClinicalInputValidator.ValidateLab(l, Week.Now));
        }
    }

    [Fact]
    public void Generate_Week_IncludesTheScenarioGirlAwaitingReview()
    {
        var girl = Assert.Single(Week.Episodes, e => e.Referral.Reason.Contains("biopsy please", StringComparison.Ordinal));
        Assert.Equal(6, girl.Patient.AgeYearsOn(Monday));
        Assert.Equal(21, girl.Patient.Measurements[0].WeightKg);
        Assert.Equal(AdministrativeSex.Female, girl.Patient.Sex);
        Assert.Equal(FamilyLanguage.Spanish, girl.Patient.PreferredLanguage);
        Assert.Equal("Oncology", girl.Referral.ReferringService);
        Assert.Equal(ReferralStatus.AwaitingReview, girl.Referral.Status);
        Assert.Contains("liver", girl.Referral.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameWeek()
    {
        var again = DemoWeek.Generate(Monday, 42, ProcedureCatalogue.Default);
        Assert.Equal(Serialize(Week), Serialize(again));
        var other = DemoWeek.Generate(Monday, 43, ProcedureCatalogue.Default);
        Assert.NotEqual(Serialize(Week), Serialize(other));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2024)]
    public void Generate_OtherSeeds_StillCoverEveryProcedureWithoutConflicts(int seed)
    {
        var week = DemoWeek.Generate(Monday, seed, ProcedureCatalogue.Default);
        var booked = week.Episodes.Where(e => e.Appointment is not null).ToList();
        Assert.Equal(ProcedureCatalogue.Default.Procedures.Count, booked.Select(e => e.Referral.ProcedureId).Distinct().Count());
        foreach (var e in booked)
        {
            Assert.DoesNotContain(ScheduleRules.Check(e.Appointment!, e.Room!, e.Referral, week.Appointments, week.AnaesthesiaSessions),
                c => c.Code is ScheduleConflict.RoomDoubleBooked or ScheduleConflict.PatientDoubleBooked or ScheduleConflict.AnaesthesiaTeamsExhausted or ScheduleConflict.NoAnaesthesiaSession);
        }
    }

    [Fact]
    public void Generate_NotAMonday_NamesMonday()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => DemoWeek.Generate(Monday.AddDays(1), 1, ProcedureCatalogue.Default));
        Assert.True(ex.Errors.ContainsKey("monday"));
    }

    private static string Serialize(DemoWeekData week) => JsonSerializer.Serialize(week);
}
