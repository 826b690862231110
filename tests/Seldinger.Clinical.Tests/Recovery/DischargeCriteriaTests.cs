using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;

// Not "Tests.Recovery": that namespace would capture the qualified name Recovery.X used by other test classes.
namespace Seldinger.Clinical.Tests.RecoveryCriteria;

public class DischargeCriteriaTests
{
    private static readonly DischargeCriteria Criteria = DischargeCriteria.LoadDefault();
    private static readonly DateTimeOffset Ended = new(2026, 12, 3, 10, 45, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At1330 = new(2026, 12, 3, 13, 30, 0, TimeSpan.Zero);

    private static VitalSigns Baseline() => new()
    {
        IsBaseline = true,
        At = Ended.AddHours(-2),
        HeartRate = 100,
        RespiratoryRate = 22,
        SystolicBp = 100,
        SpO2 = 99,
        Consciousness = ConsciousnessLevel.Awake,
        MotorAtBaseline = true,
        PainScore = 0,
    };

    // The scenario girl at 13:30: back to baseline.
    private static VitalSigns Recovered() => new()
    {
        At = At1330.AddMinutes(-5),
        HeartRate = 105,
        RespiratoryRate = 22,
        SystolicBp = 98,
        SpO2 = 98,
        Consciousness = ConsciousnessLevel.Awake,
        MotorAtBaseline = true,
        PainScore = 2,
        Nausea = false,
        SiteDry = true,
        ToleratingFluids = true,
    };

    private static Episode Episode(VitalSigns? recovery, string procedureId = "biopsy-deep", SedationLevel sedation = SedationLevel.Moderate,
        IReadOnlyList<AdverseEventRecord>? events = null, DateOnly? birth = null, bool withBaseline = true)
    {
        var vitals = new List<VitalSigns>();
        if (withBaseline)
        {
            vitals.Add(Baseline());
        }

        if (recovery is not null)
        {
            vitals.Add(recovery);
        }

        return new Episode
        {
            Patient = new Patient { MedicalRecordNumber = "1", FamilyName = "García", GivenName = "Lucía", BirthDate = birth ?? new DateOnly(2020, 5, 10) },
            Referral = new Referral { ReferringClinician = "onc", Reason = "mass", ProcedureId = procedureId, PlannedSedation = sedation },
            Procedure = new ProcedureRecord { ProcedureId = procedureId, StartedAt = Ended.AddMinutes(-25), EndedAt = Ended, SedationGiven = sedation, WeightKg = 21.3 },
            Vitals = vitals,
            AdverseEvents = events ?? [],
        };
    }

    private static ChecklistItem Item(DischargeAssessment a, string id) => a.Items.Single(i => i.RuleId == id);

    [Fact]
    public void Evaluate_ScenarioAt1330_Met()
    {
        var assessment = Criteria.Evaluate(Episode(Recovered()), At1330);

        Assert.True(assessment.Met, string.Join("\n", assessment.Items.Where(i => i.Blocks).Select(i => $"{i.RuleId}: {i.Message}")));
        Assert.Equal(Ended.AddHours(2), assessment.EarliestDischargeAt);
        Assert.Equal(10, assessment.AldreteScore);
        Assert.False(assessment.AdmissionSuggested);
    }

    [Fact]
    public void Evaluate_NoRecoveryVitals_PendingRecordThem()
    {
        var assessment = Criteria.Evaluate(Episode(null), At1330);

        Assert.False(assessment.Met);
        Assert.Equal(ChecklistItemStatus.Pending, Item(assessment, "vitals").Status);
        Assert.Null(assessment.AldreteScore);
    }

    [Theory]
    [InlineData(119, ChecklistItemStatus.Pending)]
    [InlineData(120, ChecklistItemStatus.Passed)]
    [InlineData(121, ChecklistItemStatus.Passed)]
    public void Evaluate_HighRiskBiopsyObservation_TwoHoursFromTheEnd(int minutes, ChecklistItemStatus expected)
    {
        var recovery = Recovered();
        recovery.At = Ended.AddMinutes(minutes - 1);

        var assessment = Criteria.Evaluate(Episode(recovery), Ended.AddMinutes(minutes));

        Assert.Equal(expected, Item(assessment, "observation").Status);
        Assert.Equal(expected == ChecklistItemStatus.Passed, assessment.Met);
    }

    [Theory]
    [InlineData(SedationLevel.Minimal, 60)]
    [InlineData(SedationLevel.Moderate, 60)]
    [InlineData(SedationLevel.Deep, 90)]
    [InlineData(SedationLevel.GeneralAnaesthesia, 90)]
    public void Evaluate_LowRiskProcedure_ObservationIsTheLongerOfSedationAndRisk(SedationLevel sedation, int minutes)
    {
        var assessment = Criteria.Evaluate(Episode(Recovered(), "picc", sedation), At1330);

        Assert.Equal(Ended.AddMinutes(minutes), assessment.EarliestDischargeAt);
    }

    [Fact]
    public void Evaluate_NoProcedureEnd_ObservationPending()
    {
        var episode = Episode(Recovered());
        episode.Procedure!.EndedAt = null;

        var assessment = Criteria.Evaluate(episode, At1330);

        Assert.Equal(ChecklistItemStatus.Pending, Item(assessment, "observation").Status);
        Assert.Null(assessment.EarliestDischargeAt);
    }

    [Theory]
    [InlineData(120, ChecklistItemStatus.Passed)]
    [InlineData(121, ChecklistItemStatus.Failed)]
    [InlineData(80, ChecklistItemStatus.Passed)]
    [InlineData(79, ChecklistItemStatus.Failed)]
    public void Evaluate_HeartRateWithoutBaseline_AgeNormalRangeAt6Years(int heartRate, ChecklistItemStatus expected)
    {
        // 5 years 6 months: the 36–72 month band, 80–120/min.
        var recovery = Recovered();
        recovery.HeartRate = heartRate;

        var assessment = Criteria.Evaluate(Episode(recovery, birth: new DateOnly(2021, 5, 10), withBaseline: false), At1330);

        Assert.Equal(expected, Item(assessment, "vitals.heartRate").Status);
    }

    [Theory]
    [InlineData(144, ChecklistItemStatus.Passed)]
    [InlineData(145, ChecklistItemStatus.Failed)]
    [InlineData(96, ChecklistItemStatus.Passed)]
    [InlineData(95, ChecklistItemStatus.Failed)]
    public void Evaluate_HeartRateAgainstBaseline_Within20Percent(int heartRate, ChecklistItemStatus expected)
    {
        // Baseline 120 (±20 % = 96–144) in a 2-year-old whose normal range (98–140) does not cover these values.
        var baseline = Baseline();
        baseline.HeartRate = 120;
        var recovery = Recovered();
        recovery.HeartRate = heartRate;
        var episode = new Episode
        {
            Patient = new Patient { MedicalRecordNumber = "1", FamilyName = "A", GivenName = "B", BirthDate = new DateOnly(2024, 6, 1) },
            Referral = new Referral { ReferringClinician = "x", Reason = "y", ProcedureId = "picc" },
            Procedure = new ProcedureRecord { ProcedureId = "picc", EndedAt = Ended, SedationGiven = SedationLevel.Moderate },
            Vitals = [baseline, recovery],
        };

        var status = Item(Criteria.Evaluate(episode, At1330), "vitals.heartRate").Status;

        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData(26, ChecklistItemStatus.Passed)]
    [InlineData(27, ChecklistItemStatus.Failed)]
    [InlineData(17, ChecklistItemStatus.Failed)]
    [InlineData(18, ChecklistItemStatus.Passed)]
    public void Evaluate_RespiratoryRateAgainstBaseline22_Within20PercentOrNormal(int rate, ChecklistItemStatus expected)
    {
        // Baseline 22 ± 20 % = 17.6–26.4; normal at 6 years 18–25.
        var recovery = Recovered();
        recovery.RespiratoryRate = rate;

        Assert.Equal(expected, Item(Criteria.Evaluate(Episode(recovery), At1330), "vitals.respiratoryRate").Status);
    }

    [Theory]
    [InlineData(94, true, ChecklistItemStatus.Failed)]
    [InlineData(95, true, ChecklistItemStatus.Passed)]
    [InlineData(96, true, ChecklistItemStatus.Passed)]
    [InlineData(99, false, ChecklistItemStatus.Failed)]
    public void Evaluate_SpO2_AtLeast95OnRoomAir(int spo2, bool roomAir, ChecklistItemStatus expected)
    {
        var recovery = Recovered();
        recovery.SpO2 = spo2;
        recovery.OnRoomAir = roomAir;

        Assert.Equal(expected, Item(Criteria.Evaluate(Episode(recovery), At1330), "vitals.spO2").Status);
    }

    [Theory]
    [InlineData(87, ChecklistItemStatus.Failed)]
    [InlineData(88, ChecklistItemStatus.Passed)]
    public void Evaluate_SpO2BelowNormalButAtTheChildsBaseline_Passed(int spo2, ChecklistItemStatus expected)
    {
        var episode = Episode(Recovered());
        var vitals = episode.Vitals.ToList();
        vitals[0].SpO2 = 88;
        vitals[1].SpO2 = spo2;

        Assert.Equal(expected, Item(Criteria.Evaluate(episode, At1330), "vitals.spO2").Status);
    }

    [Theory]
    [InlineData(2, ChecklistItemStatus.Passed)]
    [InlineData(3, ChecklistItemStatus.Passed)]
    [InlineData(4, ChecklistItemStatus.Failed)]
    public void Evaluate_Pain_AtMost3(int pain, ChecklistItemStatus expected)
    {
        var recovery = Recovered();
        recovery.PainScore = pain;

        Assert.Equal(expected, Item(Criteria.Evaluate(Episode(recovery), At1330), "recovery.pain").Status);
    }

    [Fact]
    public void Evaluate_RecoveryFlags_FailWhenNotBackAndPendWhenMissing()
    {
        var recovery = Recovered();
        recovery.Consciousness = ConsciousnessLevel.RousableToVoice;
        recovery.Nausea = true;
        recovery.SiteDry = false;
        recovery.MotorAtBaseline = null;

        var assessment = Criteria.Evaluate(Episode(recovery), At1330);

        Assert.Equal(ChecklistItemStatus.Failed, Item(assessment, "recovery.consciousness").Status);
        Assert.Equal(ChecklistItemStatus.Failed, Item(assessment, "recovery.nausea").Status);
        Assert.Equal(ChecklistItemStatus.Failed, Item(assessment, "recovery.site").Status);
        Assert.Equal(ChecklistItemStatus.Pending, Item(assessment, "recovery.motor").Status);
        Assert.False(assessment.Met);
    }

    [Theory]
    [InlineData(SedationLevel.Moderate, ChecklistItemStatus.NotApplicable)]
    [InlineData(SedationLevel.Deep, ChecklistItemStatus.Failed)]
    public void Evaluate_FluidsRefused_RequiredFromDeepSedation(SedationLevel sedation, ChecklistItemStatus expected)
    {
        var recovery = Recovered();
        recovery.ToleratingFluids = false;

        Assert.Equal(expected, Item(Criteria.Evaluate(Episode(recovery, sedation: sedation), At1330), "recovery.fluids").Status);
    }

    [Theory]
    [InlineData(SirSeverity.Mild, ChecklistItemStatus.Warning, false)]
    [InlineData(SirSeverity.Moderate, ChecklistItemStatus.Failed, true)]
    [InlineData(SirSeverity.Severe, ChecklistItemStatus.Failed, true)]
    public void Evaluate_AdverseEvent_AdmissionFromSirModerate(SirSeverity severity, ChecklistItemStatus expected, bool admission)
    {
        var ae = new AdverseEventRecord { Description = "subcapsular haematoma 2 cm", SirSeverity = severity, CirseGrade = CirseGrade.Grade2 };

        var assessment = Criteria.Evaluate(Episode(Recovered(), events: [ae]), At1330);

        Assert.Equal(expected, Item(assessment, "adverseEvents").Status);
        Assert.Equal(admission, assessment.AdmissionSuggested);
        Assert.Equal(!admission, assessment.Met);
    }

    [Theory]
    [InlineData(80, 10)]
    [InlineData(79, 9)]
    [InlineData(51, 9)]
    [InlineData(50, 8)]
    public void Evaluate_Aldrete_BloodPressureBands(int systolic, int score)
    {
        // Baseline 100: within 20 % scores 2, 20–49 % scores 1, 50 % or more scores 0.
        var recovery = Recovered();
        recovery.SystolicBp = systolic;

        var assessment = Criteria.Evaluate(Episode(recovery), At1330);

        Assert.Equal(score, assessment.AldreteScore);
        Assert.Equal(score >= 9 ? ChecklistItemStatus.Passed : ChecklistItemStatus.Warning, Item(assessment, "aldrete").Status);
    }

    [Fact]
    public void Evaluate_AldreteOnOxygenAndDrowsy_LowerScore()
    {
        var recovery = Recovered();
        recovery.OnRoomAir = false;
        recovery.Consciousness = ConsciousnessLevel.RousableToVoice;

        Assert.Equal(8, Criteria.Evaluate(Episode(recovery), At1330).AldreteScore);
    }

    [Fact]
    public void Parse_ToleranceOutOfRange_ErrorNamesFileRuleAndField()
    {
        using var stream = typeof(DischargeCriteria).Assembly.GetManifestResourceStream("Seldinger.Clinical.Data.discharge-criteria.json")!;
        var node = System.Text.Json.Nodes.JsonNode.Parse(new StreamReader(stream).ReadToEnd())!;
        node["vitals"]!["minSpO2"] = 120;

        var ex = Assert.Throws<ClinicalValidationException>(() => DischargeCriteria.Parse(node.ToJsonString(), "site-discharge.json"));

        Assert.Contains("vitals.minSpO2", ex.Errors.Keys);
        Assert.Contains("site-discharge.json", ex.Message, StringComparison.Ordinal);
    }
}
