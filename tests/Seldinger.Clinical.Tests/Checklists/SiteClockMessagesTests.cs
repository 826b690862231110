using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Clinical.Tests.Checklists;

/// <summary>
/// The rules' messages on the site's clock. The scenario is booked Thursday 3 December 2026 at 10:00Z; Madrid keeps
/// CET (UTC+1) in December (summer time ended on the last Sunday of October), so every time in a Madrid message is the
/// UTC time plus one hour, and a time after 23:00Z falls on the next Madrid day. Without a site the messages keep UTC.
/// </summary>
public class SiteClockMessagesTests
{
    private static readonly PreProcedureChecklist Checklist = new(PreProcedureRules.LoadDefault());
    private static readonly SiteTime Madrid = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"));
    private static readonly DateTimeOffset Planned = ChecklistEpisodes.Thursday10;
    private static readonly DateTimeOffset Now = ChecklistEpisodes.Thursday0915;

    private static ChecklistItem Item(ChecklistEpisodes e, string ruleId, SiteTime? site, DateTimeOffset? now = null) =>
        Checklist.Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), now ?? Now, site).Items.Single(i => i.RuleId == ruleId);

    [Fact]
    public void Fasting_Broken_MadridShowsLocalTimes_DefaultKeepsUtc()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Intakes.Add(new IntakeRecord { Kind = IntakeKind.ClearLiquid, At = Planned.AddHours(-1) });

        Assert.StartsWith("Clear liquids at 10:00 is less than 2 h before the start at 11:00", Item(e, "fasting", Madrid).Message, StringComparison.Ordinal);
        Assert.StartsWith("Clear liquids at 09:00 is less than 2 h before the start at 10:00", Item(e, "fasting", null).Message, StringComparison.Ordinal);
        Assert.StartsWith("Clear liquids at 09:00 is less than 2 h before the start at 10:00", Item(e, "fasting", SiteTime.Utc).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fasting_NotRecorded_MadridLatestIntakeTimesAreLocal()
    {
        var madrid = Item(new ChecklistEpisodes(), "fasting", Madrid, ChecklistEpisodes.Monday).Message;
        Assert.Contains("after 05:00", madrid, StringComparison.Ordinal);
        Assert.Contains("until 09:00", madrid, StringComparison.Ordinal);

        var utc = Item(new ChecklistEpisodes(), "fasting", null, ChecklistEpisodes.Monday).Message;
        Assert.Contains("after 04:00", utc, StringComparison.Ordinal);
        Assert.Contains("until 08:00", utc, StringComparison.Ordinal);
    }

    [Fact]
    public void LastAnticoagulantDose_AfterUtcMidnightInMadrid_ShownOnTheMadridDay()
    {
        // 23:30Z on Wednesday is 00:30 on Thursday in Madrid.
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "rivaroxaban", LastDoseAt = Planned.AddHours(-10.5) });

        Assert.Contains("last dose Thu 3 Dec 00:30", Item(e, "anticoagulants.rivaroxaban", Madrid).Message, StringComparison.Ordinal);
        Assert.Contains("last dose Wed 2 Dec 23:30", Item(e, "anticoagulants.rivaroxaban", null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LastAnticoagulantDose_Missing_PlannedStartOnTheMadridClock()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "rivaroxaban" });

        Assert.Contains("before Thu 3 Dec 11:00", Item(e, "anticoagulants.rivaroxaban", Madrid).Message, StringComparison.Ordinal);
        Assert.Contains("before Thu 3 Dec 10:00", Item(e, "anticoagulants.rivaroxaban", null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consent_OnTheMadridDay()
    {
        // A consent signed at 23:15Z on Wednesday was signed on Thursday in Madrid.
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Consents.RemoveAll(c => c.Kind == ConsentKind.Procedure);
        e.Consents.Add(new ConsentRecord { Kind = ConsentKind.Procedure, GivenBy = "Ana García", Relationship = "mother", At = new DateTimeOffset(2026, 12, 2, 23, 15, 0, TimeSpan.Zero) });

        Assert.Contains("on 3 Dec 2026", Item(e, "consent.procedure", Madrid).Message, StringComparison.Ordinal);
        Assert.Contains("on 2 Dec 2026", Item(e, "consent.procedure", null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discharge_ObserveUntil_OnTheMadridClock()
    {
        // Moderate sedation after a deep biopsy: two hours from the end at 10:45Z, so until 12:45Z, 13:45 in Madrid.
        var ended = new DateTimeOffset(2026, 12, 3, 10, 45, 0, TimeSpan.Zero);
        var episode = new Episode
        {
            Patient = new Patient { MedicalRecordNumber = "1", FamilyName = "García", GivenName = "Lucía", BirthDate = new DateOnly(2020, 5, 10) },
            Referral = new Referral { ReferringClinician = "onc", Reason = "mass", ProcedureId = "biopsy-deep", PlannedSedation = SedationLevel.Moderate },
            Procedure = new ProcedureRecord { ProcedureId = "biopsy-deep", StartedAt = ended.AddMinutes(-25), EndedAt = ended, SedationGiven = SedationLevel.Moderate, WeightKg = 21.3 },
        };
        var criteria = DischargeCriteria.LoadDefault();
        var at = ended.AddMinutes(30);

        var madrid = criteria.Evaluate(episode, at, Madrid);
        var utc = criteria.Evaluate(episode, at);

        Assert.Equal(ended.AddHours(2), madrid.EarliestDischargeAt);
        Assert.StartsWith("Observe until 13:45", madrid.Items.Single(i => i.RuleId == "observation").Message, StringComparison.Ordinal);
        Assert.StartsWith("Observe until 12:45", utc.Items.Single(i => i.RuleId == "observation").Message, StringComparison.Ordinal);
        Assert.StartsWith("Observed since 11:45", criteria.Evaluate(episode, ended.AddHours(3), Madrid).Items.Single(i => i.RuleId == "observation").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SedationDose_TimeOnTheMadridClock()
    {
        var record = new ProcedureRecord
        {
            ProcedureId = "biopsy-deep",
            WeightKg = 21,
            SedationDoses = [new SedationDose { Drug = "midazolam", DoseMg = 5, Route = "IV", At = new DateTimeOffset(2026, 12, 3, 10, 5, 0, TimeSpan.Zero) }],
        };
        var limits = SedationDoseLimits.LoadDefault();

        Assert.Contains("5 mg at 11:05 is", Assert.Single(limits.Check(record, Madrid)).Message, StringComparison.Ordinal);
        Assert.Contains("5 mg at 10:05 is", Assert.Single(limits.Check(record)).Message, StringComparison.Ordinal);
    }
}
