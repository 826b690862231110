using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Planning;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Pages.Clinical.Internal;
using Seldinger.Server.Security;
using Seldinger.Server.Services;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical.Referrals;

/// <summary>
/// The episode page: one referral from triage to discharge. Every form posts to a handler that checks the user's
/// right for that step, calls the clinical service and redirects back here with the service's answer.
/// </summary>
[Authorize]
public sealed class EpisodeModel(
    EpisodeService episodes,
    ReferralService referrals,
    PatientService patients,
    PreparationService preparation,
    ProcedureRecordService procedures,
    AdverseEventService adverseEvents,
    RecoveryService recovery,
    FollowUpService followUps,
    CurrentUser user,
    ProcedureCatalogueSource catalogue,
    SiteTime site,
    TimeProvider time) : PageModel
{
    /// <summary>Everything of the episode, with the checklist and discharge criteria evaluated now.</summary>
    public EpisodeDto Episode { get; private set; } = null!;

    /// <summary>The procedure catalogue (triage picks from it).</summary>
    public ProcedureCatalogue Catalogue { get; private set; } = null!;

    /// <summary>The catalogue entry of the episode's procedure, when it names one.</summary>
    public ProcedureDefinition? Procedure { get; private set; }

    /// <summary>Whether the user may do <paramref name="action"/>.</summary>
    public bool Can(StaffAction action) => user.Can(action);

    /// <summary>Shows the episode (404 when it is unknown or another referrer's).</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!CanRead())
        {
            return Forbid();
        }

        try
        {
            Episode = await episodes.SummaryAsync(id, ct);
        }
        catch (ClinicalNotFoundException)
        {
            return NotFound();
        }

        Catalogue = catalogue.Load();
        var procedureId = Episode.Referral.ProcedureId ?? Episode.Referral.SuggestedProcedureId;
        Procedure = procedureId is null ? null : Catalogue.Find(procedureId);
        return Page();
    }

    /// <summary>The IR physician accepts, declines or asks the referrer.</summary>
    public Task<IActionResult> OnPostTriageAsync(
        Guid id, TriageOutcome? outcome, string? procedureId, ReferralPriority? priority, GuidanceModality? guidance, SedationLevel? sedation,
        string? note, int? version, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.TriageReferrals, () => referrals.TriageAsync(id, new TriageRequest(outcome, procedureId, priority, guidance, sedation, note, version), ct), "Triage saved.");

    /// <summary>The referrer answers the IR physician's question.</summary>
    public Task<IActionResult> OnPostInformationAsync(Guid id, string? note, int? version, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.SubmitReferrals, () => referrals.ProvideInformationAsync(id, new ReferralNoteRequest(note, version), ct), "Answer sent to IR.");

    /// <summary>Records a laboratory result of the child.</summary>
    public Task<IActionResult> OnPostLabAsync(Guid id, LabTest? test, double? value, string? collectedAt, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.EditPreparation, async () =>
        {
            var patientId = (await referrals.GetAsync(id, ct)).PatientId;
            await patients.AddLabAsync(patientId, new LabResultRequest(test, value, ClinicalPageActions.Time(collectedAt, site, "collectedAt") ?? time.GetUtcNow()), ct);
        }, "Lab result recorded.");

    /// <summary>Records a weight (and height).</summary>
    public Task<IActionResult> OnPostWeightAsync(Guid id, double? weightKg, double? heightCm, string? measuredAt, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.EditPatients, async () =>
        {
            var patientId = (await referrals.GetAsync(id, ct)).PatientId;
            await patients.AddMeasurementAsync(patientId, new MeasurementRequest(ClinicalPageActions.Time(measuredAt, site, "measuredAt") ?? time.GetUtcNow(), weightKg, heightCm), ct);
        }, "Weight recorded.");

    /// <summary>Records the last intake of one kind.</summary>
    public Task<IActionResult> OnPostIntakeAsync(Guid id, IntakeKind? kind, string? at, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.EditPreparation, () => preparation.AddIntakeAsync(id, new IntakeRequest(kind, ClinicalPageActions.Time(at, site, "at")), ct), "Intake recorded.");

    /// <summary>Records a consent or the child's assent.</summary>
    public Task<IActionResult> OnPostConsentAsync(
        Guid id, ConsentKind? kind, string? givenBy, string? relationship, bool granted, string? interpreter, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.EditPreparation, () => preparation.AddConsentAsync(id, new ConsentRequest(kind, givenBy, relationship, granted, null, interpreter), ct), "Consent recorded.");

    /// <summary>Saves the pre-procedure assessment, with when the family instructions were sent.</summary>
    public Task<IActionResult> OnPostAssessmentAsync(
        Guid id, AsaClass? asa, bool asaEmergency, SedationLevel? plannedSedation, bool childLifeSupport, string? airwayNotes,
        PregnancyScreen? pregnancyScreen, string? instructionsSentAt, string? instructionsSentAtShown, bool instructionsSentNow, string? allergyPremedication, int? version,
        CancellationToken ct) =>
        ChangeAsync(id, StaffAction.EditPreparation, () => preparation.SaveAssessmentAsync(id, new AssessmentRequest(
            asa, asaEmergency, plannedSedation, childLifeSupport, airwayNotes, pregnancyScreen, null,
            instructionsSentNow ? time.GetUtcNow() : ClinicalPageActions.Time(instructionsSentAt, site, "instructionsSentAt", instructionsSentAtShown), allergyPremedication, version), ct), "Assessment saved.");

    /// <summary>Saves the procedure record: time-out, operators, times, devices, contrast, sedation, dose, findings.</summary>
    public Task<IActionResult> OnPostProcedureAsync(Guid id, ProcedureForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ChangeAsync(id, StaffAction.RecordProcedure, () => procedures.SaveAsync(id, form.ToRequest(site, time.GetUtcNow()), ct), "Procedure record saved.");
    }

    /// <summary>The physician signs the procedure record.</summary>
    public Task<IActionResult> OnPostSignAsync(Guid id, int? version, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.SignProcedure, () => procedures.SignAsync(id, new VersionRequest(version), ct), "Procedure record signed.");

    /// <summary>Records an adverse event with its SIR and CIRSE grades.</summary>
    public Task<IActionResult> OnPostAdverseEventAsync(
        Guid id, string? onsetAt, string? description, SirSeverity? sirSeverity, CirseGrade? cirseGrade, bool sedationRelated, string? management,
        CancellationToken ct) =>
        ChangeAsync(id, StaffAction.RecordAdverseEvents, () => adverseEvents.AddAsync(id, new AdverseEventRequest(
            ClinicalPageActions.Time(onsetAt, site, "onsetAt"), description, sirSeverity, cirseGrade, sedationRelated, management), ct), "Adverse event recorded.");

    /// <summary>Records one set of recovery (or baseline) vital signs.</summary>
    public Task<IActionResult> OnPostVitalsAsync(Guid id, VitalsForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ChangeAsync(id, StaffAction.RecordRecovery, () => recovery.AddVitalsAsync(id, form.ToRequest(site, time.GetUtcNow()), ct), "Vital signs recorded.");
    }

    /// <summary>Discharges the child home or records the admission.</summary>
    public Task<IActionResult> OnPostDischargeAsync(
        Guid id, DischargeDisposition? disposition, string? releasedTo, string? admissionReason, string? overrideReason, FamilyLanguage? language,
        CancellationToken ct) =>
        ChangeAsync(id, StaffAction.RecordRecovery, () => recovery.DischargeAsync(id, new DischargeRequest(
            disposition, null, admissionReason, overrideReason, releasedTo, language), ct), "Discharge recorded.");

    /// <summary>Creates a follow-up task.</summary>
    public Task<IActionResult> OnPostFollowUpAsync(Guid id, FollowUpKind? kind, string? description, DateOnly? due, string? assignedTo, CancellationToken ct) =>
        ChangeAsync(id, StaffAction.ManageFollowUps, () => followUps.CreateAsync(id, new FollowUpRequest(kind, description, due, assignedTo), ct), "Follow-up created.");

    private bool CanRead() => user.Can(StaffAction.ReadAllReferrals) || user.Can(StaffAction.ReadOwnReferrals);

    private async Task<IActionResult> ChangeAsync(Guid id, StaffAction action, Func<Task> change, string done)
    {
        if (!user.Can(action) || !CanRead())
        {
            return Forbid();
        }

        try
        {
            await ClinicalPageActions.TryAsync(this, change, done);
        }
        catch (ClinicalNotFoundException)
        {
            return NotFound();
        }

        return Redirect($"/referrals/{id}");
    }
}
