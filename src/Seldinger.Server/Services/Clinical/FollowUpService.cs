using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Recovery;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>Follow-up tasks after a procedure (result calls, drain checks, clinic visits) and their worklist.</summary>
public sealed class FollowUpService(ClinicalStore store, ReferralService referrals, CurrentUser user, AuditTrail audit, TimeProvider time)
{
    private const string Resource = "follow-up";

    private SeldingerDbContext Db => store.Db;

    /// <summary>The worklist: tasks due on or before <paramref name="due"/> (all when null) of a status (open when null), by due date.</summary>
    public async Task<List<FollowUpDto>> WorklistAsync(DateOnly? due, FollowUpStatus? status, CancellationToken ct = default)
    {
        var wanted = status ?? FollowUpStatus.Open;
        var query = Db.FollowUps.AsNoTracking().Where(f => f.Status == wanted);
        if (due is { } d)
        {
            query = query.Where(f => f.Due <= d);
        }

        var tasks = await query.ToListAsync(ct);
        var referralIds = tasks.Select(t => t.ReferralId).Distinct().ToList();
        var patientOf = await Db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.PatientId, ct);
        var patientIds = patientOf.Values.Distinct().ToList();
        var patients = await Db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var rows = new List<FollowUpDto>(tasks.Count);
        foreach (var t in tasks.OrderBy(t => t.Due).ThenBy(t => t.Id))
        {
            var patient = patients[patientOf[t.ReferralId]];
            rows.Add(ToDto(t, patient));
            await audit.RecordAsync("read", Resource, t.Id.ToString(), patient.Id, "worklist", ct);
        }

        return rows;
    }

    /// <summary>Creates a follow-up task for the referral.</summary>
    public async Task<FollowUpDto> CreateAsync(Guid referralId, FollowUpRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var task = new FollowUpTask
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            Kind = Input.Required(request.Kind, "kind"),
            Description = Input.Text(request.Description, "description"),
            Due = Input.Required(request.Due, "due"),
            AssignedTo = string.IsNullOrWhiteSpace(request.AssignedTo) ? null : request.AssignedTo.Trim(),
        };
        Db.FollowUps.Add(task);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", Resource, task.Id.ToString(), referral.PatientId, task.Description, ct);
        return ToDto(task, await Db.Patients.AsNoTracking().FirstAsync(p => p.Id == referral.PatientId, ct));
    }

    /// <summary>Marks a task done or cancelled, moves its due date or reassigns it (send the version you read).</summary>
    public async Task<FollowUpDto> UpdateAsync(Guid id, FollowUpUpdateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await Db.FollowUps.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new ClinicalNotFoundException(Resource, id);
        var referral = await referrals.LoadVisibleAsync(task.ReferralId, tracked: false, ct);
        Input.ExpectVersion(task, request.Version, Resource);
        if (request.Status is { } status && status != task.Status)
        {
            task.Status = status;
            task.CompletedAt = status == FollowUpStatus.Done ? time.GetUtcNow() : null;
        }

        task.Note = request.Note?.Trim() ?? task.Note;
        task.Due = request.Due ?? task.Due;
        task.AssignedTo = request.AssignedTo is null ? task.AssignedTo : request.AssignedTo.Trim() is { Length: > 0 } a ? a : null;
        store.ExpectVersion(task, Input.Version(request.Version));
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("update", Resource, id.ToString(), referral.PatientId, $"{task.Status} by {user.UserName}", ct);
        return ToDto(task, await Db.Patients.AsNoTracking().FirstAsync(p => p.Id == referral.PatientId, ct));
    }

    private static FollowUpDto ToDto(FollowUpTask t, Patient p) =>
        new(t.Id, t.ReferralId, p.Id, p.DisplayName, t.Kind, t.Description, t.Due, t.Status, t.AssignedTo, t.CompletedAt, t.Note, t.Version);
}
