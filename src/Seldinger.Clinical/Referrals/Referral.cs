using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Referrals;

/// <summary>
/// A request from a referring clinician to the IR service, and the episode of care that follows it:
/// everything from triage to follow-up hangs off the referral's <see cref="Id"/>.
/// </summary>
public sealed class Referral : IVersionedRecord
{
    /// <summary>Identifier; also the episode identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The child.</summary>
    public Guid PatientId { get; set; }

    /// <summary>User name of the referring clinician (they see only their own referrals).</summary>
    public required string ReferringClinician { get; set; }

    /// <summary>The referrer's service, e.g. "Oncology".</summary>
    public string ReferringService { get; set; } = "";

    /// <summary>Why the child is referred, e.g. "2.4 cm mass in the right liver lobe".</summary>
    public required string Reason { get; set; }

    /// <summary>What the referrer asks for, in their words, e.g. "biopsy please".</summary>
    public string Request { get; set; } = "";

    /// <summary>Catalogue procedure the referrer suggests, when they name one.</summary>
    public string? SuggestedProcedureId { get; set; }

    /// <summary>Imaging case with the child's images, when attached.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>Study instance UID of attached images, when they are in the PACS rather than a case.</summary>
    public string? StudyInstanceUid { get; set; }

    /// <summary>Current status.</summary>
    public ReferralStatus Status { get; set; } = ReferralStatus.AwaitingReview;

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Catalogue procedure chosen at triage.</summary>
    public string? ProcedureId { get; set; }

    /// <summary>Priority chosen at triage.</summary>
    public ReferralPriority? Priority { get; set; }

    /// <summary>Guidance modality chosen at triage.</summary>
    public GuidanceModality? Guidance { get; set; }

    /// <summary>Sedation planned at triage (the assessment may change it).</summary>
    public SedationLevel? PlannedSedation { get; set; }

    /// <summary>User name of the IR physician who triaged it.</summary>
    public string? TriagedBy { get; set; }

    /// <summary>When it was triaged.</summary>
    public DateTimeOffset? TriagedAt { get; set; }

    /// <summary>Triage note, decline reason or the question put to the referrer.</summary>
    public string TriageNote { get; set; } = "";

    /// <summary>The stored plan used for the procedure, when one was made.</summary>
    public Guid? PlanId { get; set; }

    /// <inheritdoc />
    public int Version { get; set; } = 1;

    /// <summary>Who did what, oldest first.</summary>
    public List<ReferralEvent> History { get; set; } = [];
}
