using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Checklists;

public class PreProcedureChecklistTests
{
    private static readonly PreProcedureChecklist Checklist = new(PreProcedureRules.LoadDefault());
    private static readonly DateTimeOffset Planned = ChecklistEpisodes.Thursday10;
    private static readonly DateTimeOffset Now = ChecklistEpisodes.Thursday0915;

    private static ChecklistItem Item(ChecklistEpisodes e, string ruleId, ProcedureDefinition? procedure = null, DateTimeOffset? now = null) =>
        Checklist.Evaluate(e.Build(), procedure ?? ChecklistEpisodes.Procedure("biopsy-deep"), now ?? Now).Items.Single(i => i.RuleId == ruleId);

    [Fact]
    public void Evaluate_ScenarioMondayBeforeLabs_RedWithTheTwoScenarioMessages()
    {
        var e = new ChecklistEpisodes();

        var result = Checklist.Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), ChecklistEpisodes.Monday);

        Assert.False(result.Ready);
        Assert.Equal(ChecklistEpisodes.Monday, result.EvaluatedAt);
        var labs = result.Items.Single(i => i.RuleId == "labs");
        Assert.Equal(ChecklistItemStatus.Pending, labs.Status);
        Assert.Equal("INR and platelets needed (high bleeding risk, SIR 2019)", labs.Message);
        Assert.Contains("Patel", labs.Source, StringComparison.Ordinal);
        var instructions = result.Items.Single(i => i.RuleId == "instructions");
        Assert.Equal(ChecklistItemStatus.Pending, instructions.Status);
        Assert.Equal("fasting instructions not yet sent", instructions.Message, ignoreCase: true);
    }

    [Fact]
    public void Evaluate_ScenarioThursdayAfterLabsAndConsent_Green()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();

        var result = Checklist.Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), Now);

        Assert.True(result.Ready, string.Join("\n", result.Items.Where(i => i.Blocks).Select(i => $"{i.RuleId}: {i.Message}")));
        Assert.Equal(ChecklistItemStatus.Passed, result.Items.Single(i => i.RuleId == "labs").Status);
        Assert.Equal(ChecklistItemStatus.Passed, result.Items.Single(i => i.RuleId == "consent.procedure").Status);
        Assert.Equal(ChecklistItemStatus.Passed, result.Items.Single(i => i.RuleId == "consent.assent").Status);
        Assert.Equal(ChecklistItemStatus.Passed, result.Items.Single(i => i.RuleId == "fasting").Status);
        Assert.Equal(ChecklistItemStatus.Passed, result.Items.Single(i => i.RuleId == "weight").Status);
        Assert.Contains("21.3 kg", result.Items.Single(i => i.RuleId == "weight").Message, StringComparison.Ordinal);
        Assert.Equal(ChecklistItemStatus.NotApplicable, result.Items.Single(i => i.RuleId == "pregnancy").Status);
    }

    [Theory]
    [InlineData(1.49, ChecklistItemStatus.Passed)]
    [InlineData(1.5, ChecklistItemStatus.Passed)]
    [InlineData(1.51, ChecklistItemStatus.Failed)]
    public void Evaluate_HighRiskInrAtLimit_PassesUpTo15(double inr, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Labs.Add(new LabResult { Test = LabTest.Inr, Value = inr, CollectedAt = Now.AddHours(-1) });

        var item = Item(e, "labs");

        Assert.Equal(expected, item.Status);
        if (expected == ChecklistItemStatus.Failed)
        {
            Assert.StartsWith($"INR {inr} is above 1.5 for a high bleeding-risk procedure", item.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(49.9, ChecklistItemStatus.Failed)]
    [InlineData(50, ChecklistItemStatus.Passed)]
    [InlineData(50.1, ChecklistItemStatus.Passed)]
    public void Evaluate_HighRiskPlateletsAtLimit_PassFrom50(double platelets, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Labs.Add(new LabResult { Test = LabTest.Platelets, Value = platelets, CollectedAt = Now.AddHours(-1) });

        Assert.Equal(expected, Item(e, "labs").Status);
    }

    [Fact]
    public void Evaluate_HighRiskPlatelets42_MessageSaysTransfuse()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Labs.Add(new LabResult { Test = LabTest.Platelets, Value = 42, CollectedAt = Now.AddHours(-1) });

        Assert.Equal("Platelets 42 ×10⁹/L are below 50 for a high bleeding-risk procedure: transfuse or discuss with the physician", Item(e, "labs").Message);
    }

    [Theory]
    [InlineData(1.99, 20.1, ChecklistItemStatus.Passed)]
    [InlineData(2.0, 20, ChecklistItemStatus.Passed)]
    [InlineData(2.01, 20, ChecklistItemStatus.Failed)]
    [InlineData(2.0, 19.9, ChecklistItemStatus.Failed)]
    public void Evaluate_LowRiskOnWarfarinAtLimits_InrUpTo2PlateletsFrom20(double inr, double platelets, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "warfarin", LastDoseAt = Planned.AddDays(-4) });
        e.Labs.Add(new LabResult { Test = LabTest.Inr, Value = inr, CollectedAt = Now.AddHours(-1) });
        e.Labs.Add(new LabResult { Test = LabTest.Platelets, Value = platelets, CollectedAt = Now.AddHours(-1) });

        Assert.Equal(expected, Item(e, "labs", ChecklistEpisodes.WithRisk(BleedingRiskClass.Low)).Status);
    }

    [Fact]
    public void Evaluate_LowRiskOnWarfarinWithoutLabs_PendingNamingTheDrug()
    {
        var e = new ChecklistEpisodes();
        e.Medications.Add(new MedicationRecord { Drug = "warfarin" });

        var item = Item(e, "labs", ChecklistEpisodes.WithRisk(BleedingRiskClass.Low));

        Assert.Equal(ChecklistItemStatus.Pending, item.Status);
        Assert.Equal("INR and platelets needed (low bleeding risk, on warfarin, SIR 2019)", item.Message);
    }

    [Fact]
    public void Evaluate_LowRiskWithoutDrugsOrLabs_LabsNotApplicable()
    {
        var item = Item(new ChecklistEpisodes(), "labs", ChecklistEpisodes.Procedure("picc"));

        Assert.Equal(ChecklistItemStatus.NotApplicable, item.Status);
    }

    [Fact]
    public void Evaluate_LowRiskWithoutDrugsButLowPlatelets_Failed()
    {
        var e = new ChecklistEpisodes();
        e.Labs.Add(new LabResult { Test = LabTest.Platelets, Value = 15, CollectedAt = Now.AddDays(-1) });

        Assert.Equal(ChecklistItemStatus.Failed, Item(e, "labs", ChecklistEpisodes.Procedure("picc")).Status);
    }

    [Theory]
    [InlineData(1.6, ChecklistItemStatus.Passed)]
    [InlineData(1.7, ChecklistItemStatus.Passed)]
    [InlineData(1.8, ChecklistItemStatus.Failed)]
    public void Evaluate_AngiographyOnWarfarin_ArterialAccessInrBelow18(double inr, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "warfarin", LastDoseAt = Planned.AddDays(-4) });
        e.Labs.Add(new LabResult { Test = LabTest.Inr, Value = inr, CollectedAt = Now.AddHours(-1) });

        var item = Item(e, "labs", ChecklistEpisodes.Procedure("angiography"));

        Assert.Equal(expected, item.Status);
        if (expected == ChecklistItemStatus.Failed)
        {
            Assert.StartsWith("INR 1.8 is above 1.7 for angiography", item.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_NotClassifiedProcedure_LabsWarningForThePhysician()
    {
        var item = Item(new ChecklistEpisodes(), "labs", ChecklistEpisodes.Procedure("sclerotherapy-venous"));

        Assert.Equal(ChecklistItemStatus.Warning, item.Status);
        Assert.Contains("physician decides", item.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29, ChecklistItemStatus.Passed)]
    [InlineData(30, ChecklistItemStatus.Passed)]
    [InlineData(30.01, ChecklistItemStatus.Pending)]
    public void Evaluate_LabAge_RecentUpTo30DaysBeforeThePlannedStart(double daysBeforePlanned, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Labs.Clear();
        e.Labs.Add(new LabResult { Test = LabTest.Inr, Value = 1.1, CollectedAt = Planned.AddDays(-daysBeforePlanned) });
        e.Labs.Add(new LabResult { Test = LabTest.Platelets, Value = 240, CollectedAt = Planned.AddDays(-daysBeforePlanned) });

        var item = Item(e, "labs");

        Assert.Equal(expected, item.Status);
        if (expected == ChecklistItemStatus.Pending)
        {
            Assert.Contains("older than 30 days", item.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_LabCollectedAfterNow_Ignored()
    {
        var e = new ChecklistEpisodes();
        e.Labs.Add(new LabResult { Test = LabTest.Inr, Value = 1.0, CollectedAt = ChecklistEpisodes.Monday.AddHours(1) });
        e.Labs.Add(new LabResult { Test = LabTest.Platelets, Value = 200, CollectedAt = ChecklistEpisodes.Monday.AddHours(1) });

        Assert.Equal(ChecklistItemStatus.Pending, Item(e, "labs", now: ChecklistEpisodes.Monday).Status);
    }

    [Theory]
    [InlineData(23.9, ChecklistItemStatus.Failed)]
    [InlineData(24, ChecklistItemStatus.Passed)]
    [InlineData(24.1, ChecklistItemStatus.Passed)]
    public void Evaluate_TherapeuticEnoxaparinHighRisk_Needs24Hours(double hoursBefore, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "enoxaparin", Dose = "1 mg/kg twice daily", LastDoseAt = Planned.AddHours(-hoursBefore) });

        var item = Item(e, "anticoagulants.enoxaparin-therapeutic");

        Assert.Equal(expected, item.Status);
        Assert.Contains("24 h needed", item.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11.9, ChecklistItemStatus.Failed)]
    [InlineData(12, ChecklistItemStatus.Passed)]
    public void Evaluate_ProphylacticEnoxaparinHighRisk_Needs12Hours(double hoursBefore, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "Enoxaparin", Dose = "0.5 mg/kg prophylactic", LastDoseAt = Planned.AddHours(-hoursBefore) });

        Assert.Equal(expected, Item(e, "anticoagulants.enoxaparin-prophylactic").Status);
    }

    [Theory]
    [InlineData("warfarin", 119, 71, 72)]
    [InlineData("heparin", 5.9, 3.9, 4)]
    [InlineData("aspirin", 71, 0, 0)]
    [InlineData("clopidogrel", 119, 0, 0)]
    [InlineData("rivaroxaban", 47, 23, 24)]
    [InlineData("apixaban", 47, 23, 24)]
    [InlineData("dabigatran", 47, 23, 24)]
    public void Evaluate_DrugHolds_FailJustBelowAndPassAtTheHoldTime(string drug, double justBelowHigh, double justBelowLow, double lowHold)
    {
        ChecklistItemStatus Status(BleedingRiskClass risk, double hoursBefore)
        {
            var e = new ChecklistEpisodes().ReadyOnThursday();
            e.Medications.Add(new MedicationRecord { Drug = drug, LastDoseAt = Planned.AddHours(-hoursBefore) });
            return Checklist.Evaluate(e.Build(), ChecklistEpisodes.WithRisk(risk), Now).Items.Single(i => i.RuleId.StartsWith("anticoagulants.", StringComparison.Ordinal)).Status;
        }

        Assert.Equal(ChecklistItemStatus.Failed, Status(BleedingRiskClass.High, justBelowHigh));
        Assert.Equal(ChecklistItemStatus.Passed, Status(BleedingRiskClass.High, justBelowHigh + 1));
        Assert.Equal(lowHold == 0 ? ChecklistItemStatus.Passed : ChecklistItemStatus.Failed, Status(BleedingRiskClass.Low, justBelowLow));
        Assert.Equal(ChecklistItemStatus.Passed, Status(BleedingRiskClass.Low, lowHold));
    }

    [Fact]
    public void Evaluate_AnticoagulantWithoutLastDose_Pending()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "rivaroxaban" });

        var item = Item(e, "anticoagulants.rivaroxaban");

        Assert.Equal(ChecklistItemStatus.Pending, item.Status);
        Assert.Contains("time of the last dose needed", item.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AnticoagulantNotBooked_PendingNotYetBooked()
    {
        var e = new ChecklistEpisodes { Appointment = null };
        e.Medications.Add(new MedicationRecord { Drug = "clopidogrel", LastDoseAt = ChecklistEpisodes.Monday });

        var item = Item(e, "anticoagulants.clopidogrel", now: ChecklistEpisodes.Monday);

        Assert.Equal(ChecklistItemStatus.Pending, item.Status);
        Assert.Contains("not yet booked", item.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NotClassifiedAndHoldTooShort_WarningNotFailure()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "apixaban", LastDoseAt = Planned.AddHours(-10) });

        Assert.Equal(ChecklistItemStatus.Warning, Item(e, "anticoagulants.apixaban", ChecklistEpisodes.Procedure("sclerotherapy-venous")).Status);
    }

    [Fact]
    public void Evaluate_UnlistedDrug_NotAnAnticoagulant()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Medications.Add(new MedicationRecord { Drug = "amoxicillin", LastDoseAt = Now.AddHours(-1) });

        var result = Checklist.Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), Now);

        Assert.Equal(ChecklistItemStatus.NotApplicable, result.Items.Single(i => i.RuleId.StartsWith("anticoagulants", StringComparison.Ordinal)).Status);
        Assert.True(result.Ready);
    }

    [Theory]
    [InlineData(IntakeKind.ClearLiquid, 2)]
    [InlineData(IntakeKind.BreastMilk, 4)]
    [InlineData(IntakeKind.InfantFormula, 6)]
    [InlineData(IntakeKind.NonHumanMilk, 6)]
    [InlineData(IntakeKind.LightMeal, 6)]
    [InlineData(IntakeKind.FattyMeal, 8)]
    public void Evaluate_FastingEachKind_AtTheLimitPassesAMinuteLaterFails(IntakeKind kind, double hours)
    {
        ChecklistItemStatus Status(double hoursBefore)
        {
            var e = new ChecklistEpisodes().ReadyOnThursday();
            e.Intakes.Clear();
            e.Intakes.Add(new IntakeRecord { Kind = kind, At = Planned.AddHours(-hoursBefore) });
            return Item(e, "fasting", now: Planned.AddMinutes(-1)).Status;
        }

        Assert.Equal(ChecklistItemStatus.Passed, Status(hours + (1 / 60.0)));
        Assert.Equal(ChecklistItemStatus.Passed, Status(hours));
        Assert.Equal(ChecklistItemStatus.Failed, Status(hours - (1 / 60.0)));
    }

    [Fact]
    public void Evaluate_FastingBroken_MessageNamesTheIntakeAndTheStart()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Intakes.Add(new IntakeRecord { Kind = IntakeKind.ClearLiquid, At = Planned.AddHours(-1) });

        var item = Item(e, "fasting");

        Assert.Equal(ChecklistItemStatus.Failed, item.Status);
        Assert.StartsWith("Clear liquids at 09:00 is less than 2 h before the start at 10:00", item.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FastingWithoutIntake_PendingWithTheTimes()
    {
        var item = Item(new ChecklistEpisodes(), "fasting", now: ChecklistEpisodes.Monday);

        Assert.Equal(ChecklistItemStatus.Pending, item.Status);
        Assert.Contains("after 04:00", item.Message, StringComparison.Ordinal);
        Assert.Contains("until 08:00", item.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SedationLevel.None, ChecklistItemStatus.NotApplicable)]
    [InlineData(SedationLevel.Minimal, ChecklistItemStatus.NotApplicable)]
    [InlineData(SedationLevel.Moderate, ChecklistItemStatus.Pending)]
    [InlineData(SedationLevel.Deep, ChecklistItemStatus.Pending)]
    [InlineData(SedationLevel.GeneralAnaesthesia, ChecklistItemStatus.Pending)]
    public void Evaluate_FastingBySedation_AppliesFromModerate(SedationLevel sedation, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Assessment!.PlannedSedation = sedation;

        Assert.Equal(expected, Item(e, "fasting", now: ChecklistEpisodes.Monday).Status);
    }

    [Fact]
    public void Evaluate_ConsentByGuardianWithoutAuthority_Pending()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Patient.Guardians.Add(new Guardian { Name = "Aunt Rosa", Relationship = "aunt", HasLegalAuthority = false });
        e.Consents.RemoveAll(c => c.Kind == ConsentKind.Procedure);
        e.Consents.Add(new ConsentRecord { Kind = ConsentKind.Procedure, GivenBy = "Aunt Rosa", Relationship = "aunt", At = Now.AddHours(-1) });

        var item = Item(e, "consent.procedure");

        Assert.Equal(ChecklistItemStatus.Pending, item.Status);
        Assert.Contains("no legal authority", item.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConsentRefusedAfterGranted_Failed()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Consents.Add(new ConsentRecord { Kind = ConsentKind.Procedure, GivenBy = "ana garcía", Granted = false, At = Now.AddMinutes(-5) });

        Assert.Equal(ChecklistItemStatus.Failed, Item(e, "consent.procedure").Status);
    }

    [Theory]
    [InlineData(17, ChecklistItemStatus.Pending)]
    [InlineData(18, ChecklistItemStatus.Passed)]
    [InlineData(19, ChecklistItemStatus.Passed)]
    public void Evaluate_PatientConsentsForThemself_From18(int age, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Patient.BirthDate = DateOnly.FromDateTime(Planned.Date).AddYears(-age);
        e.Consents.Add(new ConsentRecord { Kind = ConsentKind.Procedure, GivenBy = "Lucía García", Relationship = "self", At = Now.AddHours(-1) });

        Assert.Equal(expected, Item(e, "consent.procedure").Status);
    }

    [Theory]
    [InlineData(SedationLevel.Minimal, ChecklistItemStatus.NotApplicable)]
    [InlineData(SedationLevel.Moderate, ChecklistItemStatus.Pending)]
    public void Evaluate_SedationConsent_NeededFromModerate(SedationLevel sedation, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Assessment!.PlannedSedation = sedation;

        Assert.Equal(expected, Item(e, "consent.sedation").Status);
    }

    [Theory]
    [InlineData(6, ChecklistItemStatus.NotApplicable)]
    [InlineData(7, ChecklistItemStatus.Warning)]
    [InlineData(8, ChecklistItemStatus.Warning)]
    public void Evaluate_AssentMissing_WarningFromAge7(int age, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Patient.BirthDate = DateOnly.FromDateTime(Planned.Date).AddYears(-age);

        Assert.Equal(expected, Item(e, "consent.assent").Status);
    }

    [Fact]
    public void Evaluate_AssentRefused_Failed()
    {
        var e = new ChecklistEpisodes();
        e.Patient.BirthDate = new DateOnly(2017, 1, 1);
        e.Consents.Add(new ConsentRecord { Kind = ConsentKind.Assent, GivenBy = "Lucía", Relationship = "self", Granted = false, At = Now.AddHours(-1) });

        Assert.Equal(ChecklistItemStatus.Failed, Item(e, "consent.assent").Status);
    }

    [Theory]
    [InlineData(AsaClass.Asa2, SedationLevel.Deep, ChecklistItemStatus.Passed)]
    [InlineData(AsaClass.Asa3, SedationLevel.Deep, ChecklistItemStatus.Warning)]
    [InlineData(AsaClass.Asa4, SedationLevel.Deep, ChecklistItemStatus.Warning)]
    [InlineData(AsaClass.Asa3, SedationLevel.Moderate, ChecklistItemStatus.Passed)]
    [InlineData(AsaClass.Asa3, SedationLevel.GeneralAnaesthesia, ChecklistItemStatus.Passed)]
    public void Evaluate_AsaWithDeepSedation_AnaesthesiaReviewFromAsaIII(AsaClass asa, SedationLevel sedation, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Assessment!.Asa = asa;
        e.Assessment.PlannedSedation = sedation;

        var item = Item(e, "asa");

        Assert.Equal(expected, item.Status);
        if (expected == ChecklistItemStatus.Warning)
        {
            Assert.Contains("anaesthesia review", item.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_AsaMissingOrNoAssessment_Pending()
    {
        var e = new ChecklistEpisodes();
        e.Assessment!.Asa = null;
        Assert.Equal(ChecklistItemStatus.Pending, Item(e, "asa").Status);
        e.Assessment = null;
        Assert.Equal(ChecklistItemStatus.Pending, Item(e, "asa").Status);
    }

    [Theory]
    [InlineData(9, false, ChecklistItemStatus.NotApplicable)]
    [InlineData(9, true, ChecklistItemStatus.Pending)]
    [InlineData(10, false, ChecklistItemStatus.Pending)]
    [InlineData(11, false, ChecklistItemStatus.Pending)]
    public void Evaluate_PregnancyScreening_FromAge10OrMenarche(int age, bool postMenarche, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Patient.BirthDate = DateOnly.FromDateTime(Planned.Date).AddYears(-age);
        e.Assessment!.PostMenarche = postMenarche;

        Assert.Equal(expected, Item(e, "pregnancy").Status);
    }

    [Theory]
    [InlineData(PregnancyScreen.Negative, ChecklistItemStatus.Passed)]
    [InlineData(PregnancyScreen.Positive, ChecklistItemStatus.Failed)]
    [InlineData(PregnancyScreen.Declined, ChecklistItemStatus.Warning)]
    [InlineData(PregnancyScreen.Pending, ChecklistItemStatus.Pending)]
    public void Evaluate_PregnancyScreenResult_MapsToStatus(PregnancyScreen screen, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Patient.BirthDate = new DateOnly(2012, 1, 1);
        e.Assessment!.PregnancyScreen = screen;

        Assert.Equal(expected, Item(e, "pregnancy").Status);
    }

    [Theory]
    [InlineData(71.9, 0, ChecklistItemStatus.Passed)]
    [InlineData(72, 0, ChecklistItemStatus.Passed)]
    [InlineData(72.1, 0, ChecklistItemStatus.Pending)]
    [InlineData(24, 1, ChecklistItemStatus.Failed)]
    public void Evaluate_PregnancyLabHcg_CountsWithin72HoursOfTheStart(double hoursBefore, double value, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Patient.BirthDate = new DateOnly(2012, 1, 1);
        e.Labs.Add(new LabResult { Test = LabTest.Hcg, Value = value, CollectedAt = Planned.AddHours(-hoursBefore) });

        Assert.Equal(expected, Item(e, "pregnancy").Status);
    }

    [Fact]
    public void Evaluate_PregnancyScreenRecordedPositive_WinsOverANegativeLab()
    {
        var e = new ChecklistEpisodes();
        e.Patient.BirthDate = new DateOnly(2012, 1, 1);
        e.Assessment!.PregnancyScreen = PregnancyScreen.Positive;
        e.Labs.Add(new LabResult { Test = LabTest.Hcg, Value = 0, CollectedAt = Now.AddHours(-1) });

        Assert.Equal(ChecklistItemStatus.Failed, Item(e, "pregnancy").Status);
    }

    [Fact]
    public void Evaluate_PregnancyBoyOrUltrasoundWithoutSedation_NotApplicable()
    {
        var boy = new ChecklistEpisodes();
        boy.Patient.BirthDate = new DateOnly(2012, 1, 1);
        boy.Patient.Sex = AdministrativeSex.Male;
        Assert.Equal(ChecklistItemStatus.NotApplicable, Item(boy, "pregnancy").Status);

        var girl = new ChecklistEpisodes();
        girl.Patient.BirthDate = new DateOnly(2012, 1, 1);
        girl.Referral.Guidance = GuidanceModality.Ultrasound;
        girl.Assessment!.PlannedSedation = SedationLevel.Minimal;
        Assert.Equal(ChecklistItemStatus.NotApplicable, Item(girl, "pregnancy").Status);
    }

    [Fact]
    public void Evaluate_ContrastAllergyWithCt_PendingUntilPremedication()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Patient.Allergies.Add(new Allergy { Category = AllergyCategory.Contrast, Substance = "iohexol", Reaction = "urticaria" });
        Assert.Equal(ChecklistItemStatus.Pending, Item(e, "allergy.contrast").Status);

        e.Assessment!.AllergyPremedication = "prednisone 3 doses + diphenhydramine";
        Assert.Equal(ChecklistItemStatus.Passed, Item(e, "allergy.contrast").Status);

        e.Assessment.AllergyPremedication = "";
        e.Referral.Guidance = GuidanceModality.Ultrasound;
        Assert.Equal(ChecklistItemStatus.NotApplicable, Item(e, "allergy.contrast").Status);
    }

    [Fact]
    public void Evaluate_LatexAllergy_WarningLatexFreeRoom()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Patient.Allergies.Add(new Allergy { Category = AllergyCategory.Latex, Substance = "latex" });

        var result = Checklist.Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), Now);

        var item = result.Items.Single(i => i.RuleId == "allergy.latex");
        Assert.Equal(ChecklistItemStatus.Warning, item.Status);
        Assert.Contains("latex-free room", item.Message, StringComparison.Ordinal);
        Assert.True(result.Ready);
    }

    [Theory]
    [InlineData(29.9, ChecklistItemStatus.Passed)]
    [InlineData(30, ChecklistItemStatus.Passed)]
    [InlineData(30.1, ChecklistItemStatus.Pending)]
    public void Evaluate_WeightAge_RecentUpTo30Days(double daysBeforePlanned, ChecklistItemStatus expected)
    {
        var e = new ChecklistEpisodes();
        e.Patient.Measurements.Clear();
        e.Patient.Measurements.Add(new BodyMeasurement { MeasuredAt = Planned.AddDays(-daysBeforePlanned), WeightKg = 21 });

        var item = Item(e, "weight");

        Assert.Equal(expected, item.Status);
        if (expected == ChecklistItemStatus.Pending)
        {
            Assert.StartsWith("Weigh the child", item.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_NoWeight_PendingWeighTheChild()
    {
        var e = new ChecklistEpisodes();
        e.Patient.Measurements.Clear();

        Assert.Equal("Weigh the child (no weight recorded)", Item(e, "weight").Message);
    }

    [Fact]
    public void Evaluate_Ready_FalseWhenAnyItemPendingTrueWithWarningsOnly()
    {
        var e = new ChecklistEpisodes().ReadyOnThursday();
        e.Patient.Allergies.Add(new Allergy { Category = AllergyCategory.Latex, Substance = "latex" });
        Assert.True(Checklist.Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), Now).Ready);

        e.Assessment!.InstructionsSentAt = null;
        Assert.False(Checklist.Evaluate(e.Build(), ChecklistEpisodes.Procedure("biopsy-deep"), Now).Ready);
    }
}
