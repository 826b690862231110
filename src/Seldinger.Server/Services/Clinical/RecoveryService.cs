using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Security;
using Seldinger.Clinical.Validation;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// Recovery: vital signs and discharge. Same-day discharge home needs the discharge criteria met, unless an IR
/// physician overrides them with a reason; admission needs a reason. Discharge completes the referral.
/// </summary>
public sealed class RecoveryService(
    ClinicalStore store, ReferralService referrals, EpisodeService episodes, CurrentUser user, AuditTrail audit, TimeProvider time)
{
    private SeldingerDbContext Db => store.Db;

    /// <summary>The vital signs of the episode, oldest first.</summary>
    public async Task<List<VitalSigns>> VitalsAsync(Guid referralId, CancellationToken ct = default)
    {
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var vitals = await Db.VitalSigns.AsNoTracking().Where(v => v.ReferralId == referralId).ToListAsync(ct);
        await audit.RecordAsync("read", "vitals", referralId.ToString(), referral.PatientId, "", ct);
        return [.. vitals.OrderBy(v => v.At)];
    }

    /// <summary>Records one set of observations; impossible values are refused.</summary>
    public async Task<VitalSigns> AddVitalsAsync(Guid referralId, VitalSignsRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var vitals = new VitalSigns
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            At = Input.Required(request.At, "at"),
            IsBaseline = request.IsBaseline,
            HeartRate = request.HeartRate,
            RespiratoryRate = request.RespiratoryRate,
            SystolicBp = request.SystolicBp,
            DiastolicBp = request.DiastolicBp,
            SpO2 = request.SpO2,
            OnRoomAir = request.OnRoomAir,
            TemperatureC = request.TemperatureC,
            PainScore = request.PainScore,
            Consciousness = request.Consciousness,
            MotorAtBaseline = request.MotorAtBaseline,
            ToleratingFluids = request.ToleratingFluids,
            Nausea = request.Nausea,
            SiteDry = request.SiteDry,
            RecordedBy = user.UserName,
        };
        ClinicalInputValidator.ValidateVitalSigns(vitals, time.GetUtcNow());
        Db.VitalSigns.Add(vitals);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "vitals", vitals.Id.ToString(), referral.PatientId, "", ct);
        return vitals;
    }

    /// <summary>Discharges the child (home the same day or admitted) and completes the referral.</summary>
    public async Task<DischargeRecord> DischargeAsync(Guid referralId, DischargeRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var episode = await episodes.LoadAsync(referralId, ct);
        if (episode.Discharge is not null)
        {
            throw new ClinicalConflictException("Already discharged", $"The child was discharged at {episode.Discharge.At:u}.");
        }

        var now = time.GetUtcNow();
        var disposition = Input.Required(request.Disposition, "disposition");
        var at = request.At ?? now;
        ClinicalInputValidator.ValidateNotInFuture("at", at, now);
        var criteria = DischargeCriteria.LoadDefault().Evaluate(episode, at, episodes.Site);
        var note = "";
        if (disposition == DischargeDisposition.Admitted)
        {
            if (string.IsNullOrWhiteSpace(request.AdmissionReason))
            {
                throw new ClinicalValidationException("admissionReason", "Give the reason for admission.");
            }
        }
        else if (!criteria.Met)
        {
            if (string.IsNullOrWhiteSpace(request.OverrideReason))
            {
                throw new ClinicalConflictException(
                    "Discharge criteria not met",
                    "Same-day discharge needs the discharge criteria met, or an IR physician's override with a reason.",
                    [.. criteria.Items.Where(i => i.Blocks).Cast<object>()]);
            }

            if (user.Role != StaffRole.IrPhysician)
            {
                throw new ClinicalForbiddenException("Only an IR physician may discharge against unmet criteria.");
            }

            note = $"criteria overridden: {request.OverrideReason.Trim()}";
        }

        var referral = await referrals.LoadVisibleAsync(referralId, tracked: true, ct);
        var discharge = new DischargeRecord
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            Disposition = disposition,
            At = at,
            AdmissionReason = request.AdmissionReason?.Trim() ?? "",
            CriteriaMet = criteria.Met,
            ReleasedTo = request.ReleasedTo?.Trim() ?? "",
            InstructionsLanguage = request.InstructionsLanguage ?? episode.Patient.PreferredLanguage,
            DischargedBy = user.UserName,
        };
        referrals.Step(referral, r => ReferralWorkflow.Complete(r, user.UserName, at, note.Length > 0 ? note : disposition.ToString()));
        Db.Discharges.Add(discharge);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "discharge", discharge.Id.ToString(), episode.Patient.Id, note.Length > 0 ? note : disposition.ToString(), ct);
        return discharge;
    }
}
