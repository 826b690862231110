using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Referrals;

public class ReferralWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly ProcedureCatalogue Catalogue = ProcedureCatalogue.Default;

    public enum Stage
    {
        Draft,
        AwaitingReview,
        MoreInformationRequested,
        Accepted,
        Declined,
        Scheduled,
        Started,
        Completed,
        Cancelled,
    }

    // The expected table, written out independently of the implementation's.
    private static readonly Dictionary<Stage, ReferralAction[]> Expected = new()
    {
        [Stage.Draft] = [ReferralAction.Submitted],
        [Stage.AwaitingReview] = [ReferralAction.Accepted, ReferralAction.Declined, ReferralAction.InformationRequested, ReferralAction.Cancelled],
        [Stage.MoreInformationRequested] = [ReferralAction.Accepted, ReferralAction.Declined, ReferralAction.InformationProvided, ReferralAction.Cancelled],
        [Stage.Accepted] = [ReferralAction.Scheduled, ReferralAction.Cancelled],
        [Stage.Declined] = [],
        [Stage.Scheduled] = [ReferralAction.Rescheduled, ReferralAction.Started, ReferralAction.Completed, ReferralAction.Cancelled],
        [Stage.Started] = [ReferralAction.Completed],
        [Stage.Completed] = [],
        [Stage.Cancelled] = [],
    };

    public static TheoryData<Stage, ReferralAction> EveryStageAndAction()
    {
        var data = new TheoryData<Stage, ReferralAction>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            foreach (var action in Enum.GetValues<ReferralAction>())
            {
                data.Add(stage, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStageAndAction))]
    public void Step_EveryStatusAndAction_AllowedOnlyByTheTable(Stage stage, ReferralAction action)
    {
        var referral = InStage(stage);
        var before = referral.History.Count;
        var statusBefore = referral.Status;
        var allowed = Expected[stage].Contains(action);

        Assert.Equal(allowed, ReferralWorkflow.IsAllowed(referral, action));
        if (allowed)
        {
            Do(referral, action);
            Assert.Equal(ExpectedStatus(action), referral.Status);
            Assert.Equal(before + 1, referral.History.Count);
            Assert.Equal(action, referral.History[^1].Action);
            Assert.Equal("user.b", referral.History[^1].Actor);
            Assert.Equal(T0.AddDays(30), referral.History[^1].At);
        }
        else
        {
            var ex = Assert.Throws<ClinicalValidationException>(() => Do(referral, action));
            Assert.True(ex.Errors.ContainsKey("status"), ex.Message);
            Assert.Equal(before, referral.History.Count);
            Assert.Equal(statusBefore, referral.Status);
        }
    }

    [Fact]
    public void AllowedActions_EveryStage_MatchesTheTable()
    {
        foreach (var stage in Enum.GetValues<Stage>())
        {
            Assert.Equal(Expected[stage].Order(), ReferralWorkflow.AllowedActions(InStage(stage)));
        }
    }

    [Fact]
    public void MarkScheduled_Declined_SaysADeclinedReferralCannotBeScheduled()
    {
        var referral = InStage(Stage.Declined);
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.MarkScheduled(referral, "sched", T0));
        Assert.StartsWith("A declined referral cannot be scheduled", ex.Errors["status"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_NewReferral_SetsStatusTimeAndHistory()
    {
        var referral = NewReferral();
        ReferralWorkflow.Submit(referral, "dr.a", T0, Catalogue);
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
        Assert.Equal(T0, referral.SubmittedAt);
        var e = Assert.Single(referral.History);
        Assert.Equal((ReferralAction.Submitted, "dr.a", T0, referral.Id), (e.Action, e.Actor, e.At, e.ReferralId));
    }

    [Theory]
    [InlineData("", "reason")]
    [InlineData("   ", "reason")]
    public void Submit_BlankReason_NamesReason(string reason, string field)
    {
        var referral = NewReferral();
        referral.Reason = reason;
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.Submit(referral, "dr.a", T0));
        Assert.True(ex.Errors.ContainsKey(field));
        Assert.Empty(referral.History);
    }

    [Fact]
    public void Submit_NoActorOrPatientOrUnknownSuggestion_NamesEachField()
    {
        var referral = NewReferral();
        referral.PatientId = Guid.Empty;
        referral.SuggestedProcedureId = "liver-transplant";
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.Submit(referral, " ", T0, Catalogue));
        Assert.Equal(["actor", "patientId", "suggestedProcedureId"], ex.Errors.Keys.Order());
    }

    [Fact]
    public void Triage_Accept_RecordsProcedurePriorityGuidanceAndSedation()
    {
        var referral = InStage(Stage.AwaitingReview);
        ReferralWorkflow.Triage(referral, new TriageDecision(TriageOutcome.Accept, "biopsy-deep", ReferralPriority.Routine, GuidanceModality.Ct, SedationLevel.Moderate, "CT-guided"), "dr.ir", T0.AddHours(1), Catalogue);
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
        Assert.Equal(("biopsy-deep", ReferralPriority.Routine, GuidanceModality.Ct, SedationLevel.Moderate), (referral.ProcedureId, referral.Priority!.Value, referral.Guidance!.Value, referral.PlannedSedation!.Value));
        Assert.Equal(("dr.ir", T0.AddHours(1), "CT-guided"), (referral.TriagedBy, referral.TriagedAt!.Value, referral.TriageNote));
        Assert.Equal(ReferralAction.Accepted, referral.History[^1].Action);
    }

    [Fact]
    public void Triage_AcceptWithGuidanceTheProcedureDoesNotList_NamesGuidance()
    {
        var referral = InStage(Stage.AwaitingReview);
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.Triage(referral,
            new TriageDecision(TriageOutcome.Accept, "biopsy-superficial", ReferralPriority.Routine, GuidanceModality.Dsa), "dr.ir", T0, Catalogue));
        Assert.Equal(["guidance"], ex.Errors.Keys);
        Assert.Equal(ReferralStatus.AwaitingReview, referral.Status);
    }

    [Fact]
    public void Triage_AcceptWithoutProcedurePriorityOrGuidance_NamesAllThree()
    {
        var referral = InStage(Stage.AwaitingReview);
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.Triage(referral, new TriageDecision(TriageOutcome.Accept), "dr.ir", T0, Catalogue));
        Assert.Equal(["guidance", "priority", "procedureId"], ex.Errors.Keys.Order());
    }

    [Fact]
    public void Triage_AcceptUnknownProcedure_NamesProcedureId()
    {
        var referral = InStage(Stage.AwaitingReview);
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.Triage(referral,
            new TriageDecision(TriageOutcome.Accept, "heart-transplant", ReferralPriority.Urgent, GuidanceModality.Ct), "dr.ir", T0, Catalogue));
        Assert.Equal(["procedureId"], ex.Errors.Keys);
    }

    [Theory]
    [InlineData(TriageOutcome.Decline)]
    [InlineData(TriageOutcome.RequestInformation)]
    public void Triage_DeclineOrQuestionWithoutNote_NamesNote(TriageOutcome outcome)
    {
        var referral = InStage(Stage.AwaitingReview);
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.Triage(referral, new TriageDecision(outcome, Note: " "), "dr.ir", T0, Catalogue));
        Assert.Equal(["note"], ex.Errors.Keys);
        Assert.Single(referral.History);
    }

    [Fact]
    public void ProvideInformation_BlankAnswer_NamesNote()
    {
        var referral = InStage(Stage.MoreInformationRequested);
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.ProvideInformation(referral, "", "dr.a", T0));
        Assert.Equal(["note"], ex.Errors.Keys);
    }

    [Fact]
    public void Cancel_BlankReason_NamesNote()
    {
        var referral = InStage(Stage.Accepted);
        var ex = Assert.Throws<ClinicalValidationException>(() => ReferralWorkflow.Cancel(referral, "", "dr.a", T0));
        Assert.Equal(["note"], ex.Errors.Keys);
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
    }

    [Fact]
    public void HasStarted_RescheduledAfterAStart_IsFalseAgain()
    {
        var referral = InStage(Stage.Started);
        Assert.True(ReferralWorkflow.HasStarted(referral));
        referral.History.Add(new ReferralEvent { Actor = "x", Action = ReferralAction.Rescheduled, At = T0 });
        Assert.False(ReferralWorkflow.HasStarted(referral));
    }

    private static ReferralStatus ExpectedStatus(ReferralAction action) => action switch
    {
        ReferralAction.Submitted or ReferralAction.InformationProvided => ReferralStatus.AwaitingReview,
        ReferralAction.Accepted => ReferralStatus.Accepted,
        ReferralAction.Declined => ReferralStatus.Declined,
        ReferralAction.InformationRequested => ReferralStatus.MoreInformationRequested,
        ReferralAction.Scheduled or ReferralAction.Rescheduled or ReferralAction.Started => ReferralStatus.Scheduled,
        ReferralAction.Completed => ReferralStatus.Completed,
        _ => ReferralStatus.Cancelled,
    };

    private static void Do(Referral r, ReferralAction action)
    {
        var at = T0.AddDays(30);
        const string Actor = "user.b";
        switch (action)
        {
            case ReferralAction.Submitted: ReferralWorkflow.Submit(r, Actor, at, Catalogue); break;
            case ReferralAction.Accepted: ReferralWorkflow.Triage(r, new TriageDecision(TriageOutcome.Accept, "picc", ReferralPriority.Urgent, GuidanceModality.Ultrasound), Actor, at, Catalogue); break;
            case ReferralAction.Declined: ReferralWorkflow.Triage(r, new TriageDecision(TriageOutcome.Decline, Note: "Not indicated."), Actor, at, Catalogue); break;
            case ReferralAction.InformationRequested: ReferralWorkflow.Triage(r, new TriageDecision(TriageOutcome.RequestInformation, Note: "Send the CT."), Actor, at, Catalogue); break;
            case ReferralAction.InformationProvided: ReferralWorkflow.ProvideInformation(r, "CT attached.", Actor, at); break;
            case ReferralAction.Scheduled: ReferralWorkflow.MarkScheduled(r, Actor, at); break;
            case ReferralAction.Rescheduled: ReferralWorkflow.MarkRescheduled(r, Actor, at); break;
            case ReferralAction.Started: ReferralWorkflow.Start(r, Actor, at); break;
            case ReferralAction.Completed: ReferralWorkflow.Complete(r, Actor, at); break;
            case ReferralAction.Cancelled: ReferralWorkflow.Cancel(r, "Family declined.", Actor, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    private static Referral NewReferral() => new()
    {
        Id = Guid.NewGuid(),
        PatientId = Guid.NewGuid(),
        ReferringClinician = "dr.a",
        Reason = "2.4 cm liver mass; biopsy please.",
    };

    private static Referral InStage(Stage stage)
    {
        var r = NewReferral();
        if (stage == Stage.Draft)
        {
            return r;
        }

        ReferralWorkflow.Submit(r, "dr.a", T0, Catalogue);
        switch (stage)
        {
            case Stage.MoreInformationRequested:
                ReferralWorkflow.Triage(r, new TriageDecision(TriageOutcome.RequestInformation, Note: "Which side?"), "dr.ir", T0, Catalogue);
                break;
            case Stage.Declined:
                ReferralWorkflow.Triage(r, new TriageDecision(TriageOutcome.Decline, Note: "Not indicated."), "dr.ir", T0, Catalogue);
                break;
            case Stage.Cancelled:
                ReferralWorkflow.Cancel(r, "Withdrawn.", "dr.a", T0);
                break;
            case Stage.Accepted or Stage.Scheduled or Stage.Started or Stage.Completed:
                ReferralWorkflow.Triage(r, new TriageDecision(TriageOutcome.Accept, "biopsy-deep", ReferralPriority.Routine, GuidanceModality.Ct), "dr.ir", T0, Catalogue);
                if (stage != Stage.Accepted)
                {
                    ReferralWorkflow.MarkScheduled(r, "sched", T0);
                }

                if (stage is Stage.Started or Stage.Completed)
                {
                    ReferralWorkflow.Start(r, "dr.ir", T0);
                }

                if (stage == Stage.Completed)
                {
                    ReferralWorkflow.Complete(r, "nurse", T0);
                }

                break;
            default:
                break;
        }

        return r;
    }
}
