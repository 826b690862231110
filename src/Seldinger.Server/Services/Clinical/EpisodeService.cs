using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Validation;
using Seldinger.Planning;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// Reads a whole episode (one referral with everything around it) and evaluates the rules on it: the pre-procedure
/// checklist, the sedation-dose limits and the discharge criteria.
/// </summary>
public sealed class EpisodeService(ClinicalStore store, ReferralService referrals, AuditTrail audit, TimeProvider time, ProcedureCatalogueSource catalogue, SiteTime site)
{
    /// <summary>The site's clock: the rules' messages (fasting, last doses, observation, sedation doses) read on it.</summary>
    internal SiteTime Site => site;

    /// <summary>The episode of <paramref name="referralId"/> (404 when the referral is unknown or hidden from the user).</summary>
    public async Task<Episode> LoadAsync(Guid referralId, CancellationToken ct = default)
    {
        await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        return await store.LoadEpisodeAsync(referralId, ct) ?? throw new ClinicalNotFoundException("referral", referralId);
    }

    /// <summary>Everything of the episode for a screen, with the rules evaluated now.</summary>
    public async Task<EpisodeDto> SummaryAsync(Guid referralId, CancellationToken ct = default)
    {
        var e = await LoadAsync(referralId, ct);
        var now = time.GetUtcNow();
        var procedure = ProcedureOf(e, required: false);
        await audit.RecordAsync("read", "episode", referralId.ToString(), e.Patient.Id, "", ct);
        return new EpisodeDto(
            e.Patient, ReferralService.ToDto(e.Referral, e.Patient), e.Referral.History, e.Appointment, e.Room, e.Assessment, e.Labs,
            e.Medications, e.Intakes, e.Consents, procedure is null ? null : Checklist(e, procedure, now, site),
            e.Procedure is null ? null : ToDto(e.Procedure, site), e.AdverseEvents, e.Vitals,
            e.Procedure is null ? null : DischargeCriteria.LoadDefault().Evaluate(e, now, site), e.Discharge, e.FollowUps);
    }

    /// <summary>The pre-procedure checklist of the episode now.</summary>
    public async Task<ChecklistResult> ChecklistAsync(Guid referralId, CancellationToken ct = default)
    {
        var e = await LoadAsync(referralId, ct);
        await audit.RecordAsync("read", "checklist", referralId.ToString(), e.Patient.Id, "", ct);
        return Checklist(e, ProcedureOf(e, required: true)!, time.GetUtcNow(), site);
    }

    /// <summary>The discharge criteria of the episode now.</summary>
    public async Task<DischargeAssessment> DischargeCriteriaAsync(Guid referralId, CancellationToken ct = default)
    {
        var e = await LoadAsync(referralId, ct);
        await audit.RecordAsync("read", "discharge-criteria", referralId.ToString(), e.Patient.Id, "", ct);
        return DischargeCriteria.LoadDefault().Evaluate(e, time.GetUtcNow(), site);
    }

    /// <summary>The catalogue procedure of the episode: the accepted one, else the suggested one.</summary>
    internal ProcedureDefinition? ProcedureOf(Episode episode, bool required)
    {
        var id = episode.Referral.ProcedureId ?? episode.Referral.SuggestedProcedureId;
        if (id is null)
        {
            return required
                ? throw new ClinicalConflictException("No procedure yet", "The referral names no procedure yet; triage it first.")
                : null;
        }

        return catalogue.Load().Find(id)
            ?? throw new Seldinger.Clinical.ClinicalValidationException("procedureId", $"'{id}' is not a procedure of the catalogue.");
    }

    internal static ChecklistResult Checklist(Episode episode, ProcedureDefinition procedure, DateTimeOffset now, SiteTime site) =>
        new PreProcedureChecklist(PreProcedureRules.LoadDefault()).Evaluate(episode, procedure, now, site);

    internal static ProcedureRecordDto ToDto(ProcedureRecord record, SiteTime site)
    {
        var doses = record.SedationDoses
            .Select(d => new SedationDoseDto(d.Drug, d.DoseMg, record.WeightKg is > 0 and var kg ? d.DoseMg / kg : null, d.Route, d.At))
            .ToList();
        return new ProcedureRecordDto(record, record.ContrastMlPerKg, doses, SedationDoseLimits.LoadDefault().Check(record, site), record.SignedAt is not null);
    }

    /// <summary>Runs the library's plausibility check of a procedure record.</summary>
    internal static void Validate(ProcedureRecord record, DateTimeOffset now) => ClinicalInputValidator.ValidateProcedureRecord(record, now);
}
