using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// Referrals from submission to triage, questions and cancellation. A referring clinician sees only the referrals
/// they submitted; anyone else's is answered as if it did not exist.
/// </summary>
public sealed class ReferralService(
    ClinicalStore store, PatientService patients, CurrentUser user, AuditTrail audit, TimeProvider time, ProcedureCatalogueSource catalogue)
{
    private const string Resource = "referral";

    private SeldingerDbContext Db => store.Db;

    /// <summary>Submits a referral; the patient is found by MRN or registered from the demographics given.</summary>
    public async Task<ReferralDto> SubmitAsync(ReferralRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (patient, created) = await patients.FindOrNewAsync(request.Patient, "patient", ct);
        var referral = new Referral
        {
            Id = Guid.NewGuid(),
            PatientId = patient.Id,
            ReferringClinician = user.UserName,
            ReferringService = request.ReferringService?.Trim() ?? "",
            Reason = request.Reason?.Trim() ?? "",
            Request = request.Request?.Trim() ?? "",
            SuggestedProcedureId = string.IsNullOrWhiteSpace(request.SuggestedProcedureId) ? null : request.SuggestedProcedureId.Trim(),
            Priority = request.Priority,
            CaseId = request.CaseId,
            StudyInstanceUid = string.IsNullOrWhiteSpace(request.StudyInstanceUid) ? null : request.StudyInstanceUid.Trim(),
        };
        ReferralWorkflow.Submit(referral, user.UserName, time.GetUtcNow(), catalogue.Load());
        if (created)
        {
            Db.Patients.Add(patient);
        }

        Db.Referrals.Add(referral);
        await store.SaveChangesAsync(ct);
        if (created)
        {
            await audit.RecordAsync("create", "patient", patient.Id.ToString(), patient.Id, "registered with a referral", ct);
        }

        await audit.RecordAsync("create", Resource, referral.Id.ToString(), patient.Id, referral.Reason, ct);
        return ToDto(referral, patient);
    }

    /// <summary>
    /// Referrals, newest first, optionally of one status; <paramref name="mine"/> keeps those the user submitted. A
    /// referring clinician always gets only their own.
    /// </summary>
    public async Task<List<ReferralDto>> ListAsync(ReferralStatus? status, bool mine, CancellationToken ct = default)
    {
        var query = Db.Referrals.AsNoTracking();
        if (mine || !user.Can(StaffAction.ReadAllReferrals))
        {
            var name = user.UserName;
            query = query.Where(r => r.ReferringClinician == name);
        }

        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        var referrals = await query.ToListAsync(ct);
        var patientIds = referrals.Select(r => r.PatientId).Distinct().ToList();
        var byId = await Db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var r in referrals)
        {
            await audit.RecordAsync("read", Resource, r.Id.ToString(), r.PatientId, "list", ct);
        }

        return [.. referrals.OrderByDescending(r => r.SubmittedAt).Select(r => ToDto(r, byId[r.PatientId]))];
    }

    /// <summary>One referral (404 for another clinician's referral when the user is a referrer).</summary>
    public async Task<ReferralDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var referral = await LoadVisibleAsync(id, tracked: false, ct);
        var patient = await Db.Patients.AsNoTracking().FirstAsync(p => p.Id == referral.PatientId, ct);
        await audit.RecordAsync("read", Resource, id.ToString(), referral.PatientId, "", ct);
        return ToDto(referral, patient);
    }

    /// <summary>The referral's history, oldest first.</summary>
    public async Task<List<ReferralEvent>> HistoryAsync(Guid id, CancellationToken ct = default)
    {
        var referral = await LoadVisibleAsync(id, tracked: false, ct);
        await audit.RecordAsync("read", Resource, id.ToString(), referral.PatientId, "history", ct);
        return [.. referral.History.OrderBy(e => e.At).ThenBy(e => e.Id)];
    }

    /// <summary>The IR physician accepts, declines or asks the referrer a question.</summary>
    public async Task<ReferralDto> TriageAsync(Guid id, TriageRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await LoadVisibleAsync(id, tracked: true, ct);
        Input.ExpectVersion(referral, request.Version, Resource);
        var decision = new TriageDecision(
            Input.Required(request.Outcome, "outcome"), request.ProcedureId, request.Priority, request.Guidance, request.PlannedSedation, request.Note ?? "");
        await ChangeAsync(referral, request.Version, r => ReferralWorkflow.Triage(r, decision, user.UserName, time.GetUtcNow(), catalogue.Load()), ct);
        await audit.RecordAsync("update", Resource, id.ToString(), referral.PatientId, $"triage {decision.Outcome}", ct);
        return await GetDtoAsync(referral, ct);
    }

    /// <summary>The referrer answers the IR physician's question.</summary>
    public async Task<ReferralDto> ProvideInformationAsync(Guid id, ReferralNoteRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await LoadVisibleAsync(id, tracked: true, ct);
        Input.ExpectVersion(referral, request.Version, Resource);
        await ChangeAsync(referral, request.Version, r => ReferralWorkflow.ProvideInformation(r, request.Note ?? "", user.UserName, time.GetUtcNow()), ct);
        await audit.RecordAsync("update", Resource, id.ToString(), referral.PatientId, "information provided", ct);
        return await GetDtoAsync(referral, ct);
    }

    /// <summary>Cancels the referral and any booking it has.</summary>
    public async Task<ReferralDto> CancelAsync(Guid id, ReferralNoteRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await LoadVisibleAsync(id, tracked: true, ct);
        Input.ExpectVersion(referral, request.Version, Resource);
        var bookings = await Db.Appointments.Where(a => a.ReferralId == id && a.Status == AppointmentStatus.Booked).ToListAsync(ct);
        foreach (var booking in bookings)
        {
            booking.Status = AppointmentStatus.Cancelled;
        }

        await ChangeAsync(referral, request.Version, r => ReferralWorkflow.Cancel(r, request.Note ?? "", user.UserName, time.GetUtcNow()), ct);
        await audit.RecordAsync("update", Resource, id.ToString(), referral.PatientId, $"cancelled: {request.Note}", ct);
        return await GetDtoAsync(referral, ct);
    }

    /// <summary>
    /// The referral with its history, or <see cref="ClinicalNotFoundException"/> when it does not exist or the user is a
    /// referrer who did not submit it.
    /// </summary>
    public async Task<Referral> LoadVisibleAsync(Guid id, bool tracked, CancellationToken ct = default)
    {
        var query = Db.Referrals.Include(r => r.History);
        var referral = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null || (!user.Can(StaffAction.ReadAllReferrals) && referral.ReferringClinician != user.UserName))
        {
            throw new ClinicalNotFoundException(Resource, id);
        }

        return referral;
    }

    /// <summary>Applies a workflow step to a tracked referral and saves it with its new history rows, checking the version.</summary>
    internal async Task ChangeAsync(Referral referral, int? version, Action<Referral> step, CancellationToken ct)
    {
        var before = referral.History.Count;
        step(referral);
        foreach (var added in referral.History.Skip(before))
        {
            Db.ReferralEvents.Add(added);
        }

        store.ExpectVersion(referral, Input.Version(version));
        await store.SaveChangesAsync(ct);
    }

    /// <summary>Adds the workflow's new history rows of a tracked referral to the context (the caller saves).</summary>
    internal void Step(Referral referral, Action<Referral> step)
    {
        var before = referral.History.Count;
        step(referral);
        foreach (var added in referral.History.Skip(before))
        {
            Db.ReferralEvents.Add(added);
        }
    }

    internal static ReferralDto ToDto(Referral r, Patient p) => new(
        r.Id, r.PatientId, p.DisplayName, p.MedicalRecordNumber, r.ReferringClinician, r.ReferringService, r.Reason, r.Request,
        r.SuggestedProcedureId, r.CaseId, r.StudyInstanceUid, r.Status, r.SubmittedAt, r.ProcedureId, r.Priority, r.Guidance,
        r.PlannedSedation, r.TriagedBy, r.TriagedAt, r.TriageNote, r.PlanId, r.Version);

    private async Task<ReferralDto> GetDtoAsync(Referral referral, CancellationToken ct) =>
        ToDto(referral, await Db.Patients.AsNoTracking().FirstAsync(p => p.Id == referral.PatientId, ct));
}
