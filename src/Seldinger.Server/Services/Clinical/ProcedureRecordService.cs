using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// The procedure record of the day: time-out, operators, times, devices, contrast, sedation, dose, findings and
/// outcome. Starting needs a ready checklist and a complete time-out; a signed record is read-only.
/// </summary>
public sealed class ProcedureRecordService(
    ClinicalStore store, ReferralService referrals, EpisodeService episodes, CurrentUser user, AuditTrail audit, TimeProvider time)
{
    private const string Resource = "procedure";

    private SeldingerDbContext Db => store.Db;

    /// <summary>The record with mL/kg, mg/kg and dose warnings, or null when nothing is recorded yet.</summary>
    public async Task<ProcedureRecordDto?> GetAsync(Guid referralId, CancellationToken ct = default)
    {
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var record = await Db.ProcedureRecords.AsNoTracking().FirstOrDefaultAsync(p => p.ReferralId == referralId, ct);
        await audit.RecordAsync("read", Resource, referralId.ToString(), referral.PatientId, "", ct);
        return record is null ? null : EpisodeService.ToDto(record, episodes.Site);
    }

    /// <summary>Creates or changes the record; null fields keep their value, lists sent replace the stored ones.</summary>
    public async Task<ProcedureRecordDto> SaveAsync(Guid referralId, ProcedureRecordRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: true, ct);
        var now = time.GetUtcNow();
        var record = await Db.ProcedureRecords.FirstOrDefaultAsync(p => p.ReferralId == referralId, ct);
        var created = record is null;
        if (record is null)
        {
            var procedureId = referral.ProcedureId
                ?? throw new ClinicalConflictException("Not accepted", "The referral has not been accepted for a procedure yet.");
            var appointment = await Db.Appointments.AsNoTracking()
                .Where(a => a.ReferralId == referralId && a.Status != AppointmentStatus.Cancelled).ToListAsync(ct);
            record = new ProcedureRecord
            {
                Id = Guid.NewGuid(),
                ReferralId = referralId,
                ProcedureId = procedureId,
                AppointmentId = appointment.MaxBy(a => a.Start)?.Id,
                Guidance = referral.Guidance,
            };
            Db.ProcedureRecords.Add(record);
        }
        else
        {
            Input.ExpectVersion(record, request.Version, Resource);
            if (record.SignedAt is not null)
            {
                throw new ClinicalConflictException("Signed", $"The record was signed by {record.SignedBy} at {record.SignedAt:u} and is read-only.");
            }

            store.ExpectVersion(record, Input.Version(request.Version));
        }

        var wasStarted = record.StartedAt is not null;
        Apply(record, request);
        if (record.TimeOut.AllConfirmed && record.TimeOut.CompletedAt is null)
        {
            record.TimeOut.CompletedAt = now;
            record.TimeOut.CompletedBy = user.UserName;
        }

        EpisodeService.Validate(record, now);
        if (!wasStarted && record.StartedAt is not null)
        {
            await RequireReadyToStartAsync(referralId, record, ct);
            if (ReferralWorkflow.IsAllowed(referral, ReferralAction.Started))
            {
                referrals.Step(referral, r => ReferralWorkflow.Start(r, user.UserName, record.StartedAt.Value));
            }
        }

        await store.SaveChangesAsync(ct);
        await audit.RecordAsync(created ? "create" : "update", Resource, referralId.ToString(), referral.PatientId, "", ct);
        return EpisodeService.ToDto(record, episodes.Site);
    }

    /// <summary>Signs the record (start, end, outcome and an operator are needed); it is read-only afterwards.</summary>
    public async Task<ProcedureRecordDto> SignAsync(Guid referralId, VersionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var record = await Db.ProcedureRecords.FirstOrDefaultAsync(p => p.ReferralId == referralId, ct)
            ?? throw new ClinicalNotFoundException($"No procedure is recorded for referral {referralId}.");
        Input.ExpectVersion(record, request.Version, Resource);
        if (record.SignedAt is not null)
        {
            throw new ClinicalConflictException("Signed", $"The record was signed by {record.SignedBy} at {record.SignedAt:u} and is read-only.");
        }

        var missing = new List<object>();
        if (record.StartedAt is null)
        {
            missing.Add(new { field = "startedAt", message = "The start time is not recorded." });
        }

        if (record.EndedAt is null)
        {
            missing.Add(new { field = "endedAt", message = "The end time is not recorded." });
        }

        if (record.Outcome is null)
        {
            missing.Add(new { field = "outcome", message = "The technical outcome is not recorded." });
        }

        if (record.Operators.Count == 0)
        {
            missing.Add(new { field = "operators", message = "No operator is recorded." });
        }

        if (missing.Count > 0)
        {
            throw new ClinicalConflictException("Record incomplete", "The record cannot be signed until it is complete.", missing);
        }

        record.SignedBy = user.UserName;
        record.SignedAt = time.GetUtcNow();
        store.ExpectVersion(record, Input.Version(request.Version));
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("update", Resource, referralId.ToString(), referral.PatientId, "signed", ct);
        return EpisodeService.ToDto(record, episodes.Site);
    }

    private async Task RequireReadyToStartAsync(Guid referralId, ProcedureRecord record, CancellationToken ct)
    {
        var items = new List<object>();
        var timeOut = record.TimeOut;
        foreach (var (confirmed, field) in new[]
        {
            (timeOut.PatientIdentityConfirmed, "patientIdentityConfirmed"), (timeOut.ProcedureAndSiteConfirmed, "procedureAndSiteConfirmed"),
            (timeOut.SiteMarked, "siteMarked"), (timeOut.ConsentConfirmed, "consentConfirmed"), (timeOut.AllergiesReviewed, "allergiesReviewed"),
            (timeOut.ImagesDisplayed, "imagesDisplayed"), (timeOut.EquipmentAvailable, "equipmentAvailable"),
            (timeOut.AntibioticProphylaxisAddressed, "antibioticProphylaxisAddressed"),
        })
        {
            if (!confirmed)
            {
                items.Add(new { ruleId = $"timeOut.{field}", status = "pending", message = $"Time-out: {field} is not confirmed." });
            }
        }

        var episode = await episodes.LoadAsync(referralId, ct);
        var checklist = EpisodeService.Checklist(episode, episodes.ProcedureOf(episode, required: true)!, time.GetUtcNow(), episodes.Site);
        items.AddRange(checklist.Items.Where(i => i.Blocks));
        if (items.Count > 0)
        {
            throw new ClinicalConflictException(
                "Not ready to start", "The procedure cannot start while the checklist is not ready or the time-out is incomplete.", items);
        }
    }

    private static void Apply(ProcedureRecord record, ProcedureRecordRequest r)
    {
        if (r.TimeOut is { } t)
        {
            var o = record.TimeOut;
            o.PatientIdentityConfirmed = t.PatientIdentityConfirmed;
            o.ProcedureAndSiteConfirmed = t.ProcedureAndSiteConfirmed;
            o.SiteMarked = t.SiteMarked;
            o.ConsentConfirmed = t.ConsentConfirmed;
            o.AllergiesReviewed = t.AllergiesReviewed;
            o.ImagesDisplayed = t.ImagesDisplayed;
            o.EquipmentAvailable = t.EquipmentAvailable;
            o.AntibioticProphylaxisAddressed = t.AntibioticProphylaxisAddressed;
            if (!o.AllConfirmed)
            {
                o.CompletedAt = null;
                o.CompletedBy = null;
            }
        }

        if (r.Operators is { } operators)
        {
            record.Operators.Clear();
            record.Operators.AddRange(operators);
        }

        if (r.Devices is { } devices)
        {
            record.Devices.Clear();
            record.Devices.AddRange(devices);
        }

        if (r.SedationDoses is { } doses)
        {
            record.SedationDoses.Clear();
            record.SedationDoses.AddRange(doses);
        }

        record.StartedAt = r.StartedAt ?? record.StartedAt;
        record.EndedAt = r.EndedAt ?? record.EndedAt;
        record.Guidance = r.Guidance ?? record.Guidance;
        record.WeightKg = r.WeightKg ?? record.WeightKg;
        record.ContrastAgent = r.ContrastAgent ?? record.ContrastAgent;
        record.ContrastMl = r.ContrastMl ?? record.ContrastMl;
        record.SedationGiven = r.SedationGiven ?? record.SedationGiven;
        record.FluoroscopyTimeSeconds = r.FluoroscopyTimeSeconds ?? record.FluoroscopyTimeSeconds;
        record.DoseAreaProductGyCm2 = r.DoseAreaProductGyCm2 ?? record.DoseAreaProductGyCm2;
        record.ReferenceAirKermaMGy = r.ReferenceAirKermaMGy ?? record.ReferenceAirKermaMGy;
        record.CtDoseLengthProductMGyCm = r.CtDoseLengthProductMGyCm ?? record.CtDoseLengthProductMGyCm;
        record.CtAcquisitions = r.CtAcquisitions ?? record.CtAcquisitions;
        record.Findings = r.Findings ?? record.Findings;
        record.Specimens = r.Specimens ?? record.Specimens;
        record.Outcome = r.Outcome ?? record.Outcome;
        record.PlanId = r.PlanId ?? record.PlanId;
    }
}
