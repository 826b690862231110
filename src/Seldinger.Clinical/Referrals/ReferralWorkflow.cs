using System.Collections.Frozen;
using Seldinger.Planning;

namespace Seldinger.Clinical.Referrals;

/// <summary>
/// The referral's state machine: which step is allowed in which status, what each step records, and
/// the history event it appends. The transitions are a closed table (<see cref="IsAllowed"/>), not
/// data: a site cannot add a status.
/// </summary>
/// <remarks>
/// There is no "in progress" status: a started procedure is a <see cref="ReferralStatus.Scheduled"/>
/// referral whose history holds a <see cref="ReferralAction.Started"/> event after its last booking.
/// Once started it can only be completed, not moved or cancelled.
/// </remarks>
public static class ReferralWorkflow
{
    private const int MaxReasonLength = 4000;

    // Steps allowed per stage; a stage is the status, with "started" split out of Scheduled.
    private static readonly FrozenDictionary<Stage, FrozenSet<ReferralAction>> Allowed = new Dictionary<Stage, FrozenSet<ReferralAction>>
    {
        [Stage.Draft] = FrozenSet.ToFrozenSet([ReferralAction.Submitted]),
        [Stage.AwaitingReview] = FrozenSet.ToFrozenSet(
            [ReferralAction.Accepted, ReferralAction.Declined, ReferralAction.InformationRequested, ReferralAction.Cancelled]),
        [Stage.MoreInformationRequested] = FrozenSet.ToFrozenSet(
            [ReferralAction.InformationProvided, ReferralAction.Accepted, ReferralAction.Declined, ReferralAction.Cancelled]),
        [Stage.Accepted] = FrozenSet.ToFrozenSet([ReferralAction.Scheduled, ReferralAction.Cancelled]),
        [Stage.Declined] = FrozenSet<ReferralAction>.Empty,
        [Stage.Scheduled] = FrozenSet.ToFrozenSet(
            [ReferralAction.Rescheduled, ReferralAction.Started, ReferralAction.Completed, ReferralAction.Cancelled]),
        [Stage.Started] = FrozenSet.ToFrozenSet([ReferralAction.Completed]),
        [Stage.Completed] = FrozenSet<ReferralAction>.Empty,
        [Stage.Cancelled] = FrozenSet<ReferralAction>.Empty,
    }.ToFrozenDictionary();

    private enum Stage
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

    /// <summary>Whether <paramref name="action"/> may be done to <paramref name="referral"/> now.</summary>
    public static bool IsAllowed(Referral referral, ReferralAction action)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return Allowed[StageOf(referral)].Contains(action);
    }

    /// <summary>Every step that may be done to <paramref name="referral"/> now, in enum order.</summary>
    public static IReadOnlyList<ReferralAction> AllowedActions(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var set = Allowed[StageOf(referral)];
        return [.. Enum.GetValues<ReferralAction>().Where(set.Contains)];
    }

    /// <summary>Whether the procedure of a scheduled referral has started (a Started event after the last booking).</summary>
    public static bool HasStarted(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var started = false;
        foreach (var e in referral.History)
        {
            if (e.Action == ReferralAction.Started)
            {
                started = true;
            }
            else if (e.Action is ReferralAction.Scheduled or ReferralAction.Rescheduled)
            {
                started = false;
            }
        }

        return started;
    }

    /// <summary>
    /// Submits a new referral: checks it is complete, sets <see cref="ReferralStatus.AwaitingReview"/> and
    /// <see cref="Referral.SubmittedAt"/>, and records who submitted it.
    /// </summary>
    /// <param name="referral">The referral, not yet submitted.</param>
    /// <param name="actor">User name of the submitter.</param>
    /// <param name="at">When.</param>
    /// <param name="catalogue">When given, a suggested procedure must be one of its ids.</param>
    /// <exception cref="ClinicalValidationException">A field is missing or wrong, or the referral was already submitted.</exception>
    public static void Submit(Referral referral, string actor, DateTimeOffset at, ProcedureCatalogue? catalogue = null)
    {
        Require(referral, ReferralAction.Submitted);
        var errors = new Dictionary<string, string[]>();
        RequireActor(actor, errors);
        if (string.IsNullOrWhiteSpace(referral.Reason))
        {
            errors["reason"] = ["Say why the child is referred (e.g. \"2.4 cm mass in the right liver lobe, biopsy please\")."];
        }
        else if (referral.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"The reason is {referral.Reason.Length} characters; at most {MaxReasonLength} are kept."];
        }

        if (string.IsNullOrWhiteSpace(referral.ReferringClinician))
        {
            errors["referringClinician"] = ["Name the referring clinician."];
        }

        if (referral.PatientId == Guid.Empty)
        {
            errors["patientId"] = ["The referral names no patient."];
        }

        if (catalogue is not null && !string.IsNullOrWhiteSpace(referral.SuggestedProcedureId) && catalogue.Find(referral.SuggestedProcedureId) is null)
        {
            errors["suggestedProcedureId"] = [$"'{referral.SuggestedProcedureId}' is not a procedure of the catalogue."];
        }

        ThrowIfAny(errors);
        referral.Status = ReferralStatus.AwaitingReview;
        referral.SubmittedAt = at;
        Append(referral, ReferralAction.Submitted, actor, at, "");
    }

    /// <summary>
    /// Triages a referral awaiting review (or waiting for information): accepts it with a catalogue
    /// procedure, priority and a guidance modality the procedure lists; declines it with a reason; or asks
    /// the referrer a question.
    /// </summary>
    /// <exception cref="ClinicalValidationException">The decision is incomplete or the status does not allow triage.</exception>
    public static void Triage(Referral referral, TriageDecision decision, string actor, DateTimeOffset at, ProcedureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(catalogue);
        var action = decision.Outcome switch
        {
            TriageOutcome.Accept => ReferralAction.Accepted,
            TriageOutcome.Decline => ReferralAction.Declined,
            TriageOutcome.RequestInformation => ReferralAction.InformationRequested,
            _ => throw new ClinicalValidationException("outcome", $"Unknown triage outcome {(int)decision.Outcome}; use accept, decline or requestInformation."),
        };
        Require(referral, action);
        var errors = new Dictionary<string, string[]>();
        RequireActor(actor, errors);
        if (decision.Outcome == TriageOutcome.Accept)
        {
            var procedure = string.IsNullOrWhiteSpace(decision.ProcedureId) ? null : catalogue.Find(decision.ProcedureId);
            if (string.IsNullOrWhiteSpace(decision.ProcedureId))
            {
                errors["procedureId"] = ["Choose the procedure to accept the referral for."];
            }
            else if (procedure is null)
            {
                errors["procedureId"] = [$"'{decision.ProcedureId}' is not a procedure of the catalogue."];
            }

            if (decision.Priority is null)
            {
                errors["priority"] = ["Choose a priority (routine, urgent or emergent)."];
            }
            else if (!Enum.IsDefined(decision.Priority.Value))
            {
                errors["priority"] = [$"Unknown priority {(int)decision.Priority.Value}."];
            }

            if (decision.Guidance is null)
            {
                errors["guidance"] = ["Choose the guidance modality."];
            }
            else if (procedure is not null && !procedure.Guidance.Contains(decision.Guidance.Value))
            {
                errors["guidance"] = [$"{procedure.Name} is guided by {string.Join(", ", procedure.Guidance)}, not {decision.Guidance.Value}."];
            }
        }
        else if (string.IsNullOrWhiteSpace(decision.Note))
        {
            errors["note"] = [decision.Outcome == TriageOutcome.Decline
                ? "Give the reason for declining; the referrer reads it."
                : "Write the question for the referrer."];
        }

        ThrowIfAny(errors);
        if (decision.Outcome == TriageOutcome.Accept)
        {
            referral.ProcedureId = decision.ProcedureId;
            referral.Priority = decision.Priority;
            referral.Guidance = decision.Guidance;
            referral.PlannedSedation = decision.Sedation;
            referral.Status = ReferralStatus.Accepted;
        }
        else
        {
            referral.Status = decision.Outcome == TriageOutcome.Decline ? ReferralStatus.Declined : ReferralStatus.MoreInformationRequested;
        }

        referral.TriagedBy = actor;
        referral.TriagedAt = at;
        referral.TriageNote = decision.Note ?? "";
        Append(referral, action, actor, at, decision.Note ?? "");
    }

    /// <summary>The referrer answers the IR physician's question; the referral goes back to review.</summary>
    /// <exception cref="ClinicalValidationException">No answer, or no question is open.</exception>
    public static void ProvideInformation(Referral referral, string answer, string actor, DateTimeOffset at)
    {
        Require(referral, ReferralAction.InformationProvided);
        var errors = new Dictionary<string, string[]>();
        RequireActor(actor, errors);
        if (string.IsNullOrWhiteSpace(answer))
        {
            errors["note"] = ["Write the answer to the IR physician's question."];
        }

        ThrowIfAny(errors);
        referral.Status = ReferralStatus.AwaitingReview;
        Append(referral, ReferralAction.InformationProvided, actor, at, answer);
    }

    /// <summary>An accepted referral has been booked.</summary>
    /// <exception cref="ClinicalValidationException">The referral is not accepted.</exception>
    public static void MarkScheduled(Referral referral, string actor, DateTimeOffset at, string note = "") =>
        Step(referral, ReferralAction.Scheduled, ReferralStatus.Scheduled, actor, at, note);

    /// <summary>The booking of a scheduled referral was moved (before the procedure started).</summary>
    /// <exception cref="ClinicalValidationException">The referral is not scheduled, or its procedure has started.</exception>
    public static void MarkRescheduled(Referral referral, string actor, DateTimeOffset at, string note = "") =>
        Step(referral, ReferralAction.Rescheduled, ReferralStatus.Scheduled, actor, at, note);

    /// <summary>The procedure of a scheduled referral started (the status stays scheduled).</summary>
    /// <exception cref="ClinicalValidationException">The referral is not scheduled, or has already started.</exception>
    public static void Start(Referral referral, string actor, DateTimeOffset at, string note = "") =>
        Step(referral, ReferralAction.Started, ReferralStatus.Scheduled, actor, at, note);

    /// <summary>The episode is complete: the procedure is done and the child discharged or admitted.</summary>
    /// <exception cref="ClinicalValidationException">The referral is not scheduled.</exception>
    public static void Complete(Referral referral, string actor, DateTimeOffset at, string note = "") =>
        Step(referral, ReferralAction.Completed, ReferralStatus.Completed, actor, at, note);

    /// <summary>Withdraws a referral before its procedure started; the reason is required.</summary>
    /// <exception cref="ClinicalValidationException">No reason, or the referral is declined, completed, cancelled or started.</exception>
    public static void Cancel(Referral referral, string reason, string actor, DateTimeOffset at)
    {
        Require(referral, ReferralAction.Cancelled);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ClinicalValidationException("note", "Give the reason for cancelling.");
        }

        Step(referral, ReferralAction.Cancelled, ReferralStatus.Cancelled, actor, at, reason);
    }

    private static void Step(Referral referral, ReferralAction action, ReferralStatus next, string actor, DateTimeOffset at, string note)
    {
        Require(referral, action);
        var errors = new Dictionary<string, string[]>();
        RequireActor(actor, errors);
        ThrowIfAny(errors);
        referral.Status = next;
        Append(referral, action, actor, at, note ?? "");
    }

    private static void Require(Referral referral, ReferralAction action)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var stage = StageOf(referral);
        if (!Allowed[stage].Contains(action))
        {
            var allowed = Allowed[stage].Count == 0 ? "no further step is allowed" : $"allowed now: {string.Join(", ", Allowed[stage].Order().Select(Verb))}";
            throw new ClinicalValidationException("status", $"{Describe(stage)} cannot be {Verb(action)} ({allowed}).");
        }
    }

    private static void RequireActor(string actor, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            errors["actor"] = ["The user doing the step must be named."];
        }
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ClinicalValidationException(errors);
        }
    }

    private static void Append(Referral referral, ReferralAction action, string actor, DateTimeOffset at, string note) =>
        referral.History.Add(new ReferralEvent { Id = Guid.NewGuid(), ReferralId = referral.Id, At = at, Actor = actor, Action = action, Note = note });

    private static Stage StageOf(Referral referral) => referral.Status switch
    {
        ReferralStatus.AwaitingReview => referral.History.Any(e => e.Action == ReferralAction.Submitted) ? Stage.AwaitingReview : Stage.Draft,
        ReferralStatus.MoreInformationRequested => Stage.MoreInformationRequested,
        ReferralStatus.Accepted => Stage.Accepted,
        ReferralStatus.Declined => Stage.Declined,
        ReferralStatus.Scheduled => HasStarted(referral) ? Stage.Started : Stage.Scheduled,
        ReferralStatus.Completed => Stage.Completed,
        ReferralStatus.Cancelled => Stage.Cancelled,
        _ => throw new ClinicalValidationException("status", $"Unknown referral status {(int)referral.Status}."),
    };

    private static string Describe(Stage stage) => stage switch
    {
        Stage.Draft => "A referral not yet submitted",
        Stage.AwaitingReview => "A referral awaiting review",
        Stage.MoreInformationRequested => "A referral waiting for information from the referrer",
        Stage.Accepted => "An accepted referral",
        Stage.Declined => "A declined referral",
        Stage.Scheduled => "A scheduled referral",
        Stage.Started => "A referral whose procedure has started",
        Stage.Completed => "A completed referral",
        _ => "A cancelled referral",
    };

    private static string Verb(ReferralAction action) => action switch
    {
        ReferralAction.Submitted => "submitted",
        ReferralAction.Accepted => "accepted",
        ReferralAction.Declined => "declined",
        ReferralAction.InformationRequested => "sent back with a question",
        ReferralAction.InformationProvided => "answered",
        ReferralAction.Scheduled => "scheduled",
        ReferralAction.Rescheduled => "rescheduled",
        ReferralAction.Started => "started",
        ReferralAction.Completed => "completed",
        _ => "cancelled",
    };
}
