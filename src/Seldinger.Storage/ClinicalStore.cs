using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Storage;

/// <summary>
/// Reads whole episodes and saves clinical edits with optimistic concurrency. Register it scoped,
/// beside the context it wraps.
/// </summary>
public sealed class ClinicalStore
{
    /// <summary>Creates the store over a context.</summary>
    public ClinicalStore(SeldingerDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        Db = db;
    }

    /// <summary>The context, for queries and changes the store has no method for.</summary>
    public SeldingerDbContext Db { get; }

    /// <summary>
    /// Reads everything about one referral; null when there is no such referral. The episode is a
    /// snapshot: its objects are not tracked, so changing them saves nothing.
    /// </summary>
    public async Task<Episode?> LoadEpisodeAsync(Guid referralId, CancellationToken ct = default)
    {
        var episodes = await LoadAsync(Db.Referrals.Where(r => r.Id == referralId).Select(r => r.Id), ct).ConfigureAwait(false);
        return episodes.Count == 0 ? null : episodes[0];
    }

    /// <summary>
    /// Reads the episodes whose referral was submitted, or whose procedure started, between
    /// <paramref name="from"/> and <paramref name="to"/> (whole UTC days, both included), oldest
    /// referral first. A fixed number of queries, whatever the number of episodes.
    /// </summary>
    public async Task<IReadOnlyList<Episode>> LoadEpisodesAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from)
        {
            throw new ClinicalValidationException("to", $"The end of the period ({to:yyyy-MM-dd}) is before its start ({from:yyyy-MM-dd}).");
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var ids = Db.Referrals.Where(r => r.SubmittedAt >= start && r.SubmittedAt < end).Select(r => r.Id)
            .Union(Db.ProcedureRecords.Where(p => p.StartedAt >= start && p.StartedAt < end).Select(p => p.ReferralId));
        return await LoadAsync(ids, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Declares the version the user edited, so that the save fails with
    /// <see cref="ConcurrencyConflictException"/> when the stored record has moved on since.
    /// </summary>
    public void ExpectVersion<T>(T entity, int expectedVersion)
        where T : class, IVersionedRecord
    {
        ArgumentNullException.ThrowIfNull(entity);
        var entry = Db.Entry(entity);
        if (entry.State == EntityState.Detached)
        {
            throw new InvalidOperationException($"The {typeof(T).Name} is not tracked by this store; read it through the store before editing it.");
        }

        entry.Property(e => e.Version).OriginalValue = expectedVersion;
    }

    /// <summary>
    /// Saves every change in one transaction. Throws <see cref="ConcurrencyConflictException"/>
    /// when a record was changed or removed by someone else since it was read; nothing is written then.
    /// </summary>
    public async Task SaveChangesAsync(CancellationToken ct = default)
    {
        try
        {
            await Db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var entry = ex.Entries.FirstOrDefault(e => e.Entity is IVersionedRecord) ?? (ex.Entries.Count > 0 ? ex.Entries[0] : null);
            if (entry is null)
            {
                throw new ConcurrencyConflictException("", null, null, ex);
            }

            var id = entry.Metadata.FindPrimaryKey()?.Properties is [var key] && entry.Property(key.Name).CurrentValue is Guid g ? g : (Guid?)null;
            int? current = null;
            if (entry.Entity is IVersionedRecord)
            {
                var values = await entry.GetDatabaseValuesAsync(ct).ConfigureAwait(false);
                current = values?.GetValue<int>(nameof(IVersionedRecord.Version));
            }

            throw new ConcurrencyConflictException(entry.Metadata.ClrType.Name, id, current, ex);
        }
    }

    // Each kind of row is read once for all the referrals, so the quality dashboard costs the same
    // dozen queries for one episode as for a year of them.
    private async Task<List<Episode>> LoadAsync(IQueryable<Guid> referralIds, CancellationToken ct)
    {
        var referrals = await Db.Referrals.AsNoTracking().Include(r => r.History)
            .Where(r => referralIds.Contains(r.Id)).ToListAsync(ct).ConfigureAwait(false);
        if (referrals.Count == 0)
        {
            return [];
        }

        var ids = referrals.Select(r => r.Id).ToList();
        var patientIds = referrals.Select(r => r.PatientId).Distinct().ToList();
        var patients = (await Db.Patients.AsNoTracking().AsSplitQuery()
            .Include(p => p.Guardians).Include(p => p.Measurements).Include(p => p.Allergies)
            .Where(p => patientIds.Contains(p.Id)).ToListAsync(ct).ConfigureAwait(false)).ToDictionary(p => p.Id);
        var appointments = (await Db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.ReferralId) && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow)
            .ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(a => a.ReferralId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Start)!);
        var roomIds = appointments.Values.Select(a => a.RoomId).Distinct().ToList();
        var rooms = (await Db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToListAsync(ct).ConfigureAwait(false)).ToDictionary(r => r.Id);
        var assessments = (await Db.Assessments.AsNoTracking().Where(a => ids.Contains(a.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(a => a.ReferralId);
        var labs = (await Db.LabResults.AsNoTracking().Where(l => patientIds.Contains(l.PatientId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(l => l.PatientId);
        var medications = (await Db.Medications.AsNoTracking().Where(m => patientIds.Contains(m.PatientId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(m => m.PatientId);
        var intakes = (await Db.Intakes.AsNoTracking().Where(i => ids.Contains(i.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(i => i.ReferralId);
        var consents = (await Db.Consents.AsNoTracking().Where(c => ids.Contains(c.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(c => c.ReferralId);
        var procedures = (await Db.ProcedureRecords.AsNoTracking().Where(p => ids.Contains(p.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(p => p.ReferralId);
        var adverseEvents = (await Db.AdverseEvents.AsNoTracking().Where(a => ids.Contains(a.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(a => a.ReferralId);
        var vitals = (await Db.VitalSigns.AsNoTracking().Where(v => ids.Contains(v.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(v => v.ReferralId);
        var discharges = (await Db.Discharges.AsNoTracking().Where(d => ids.Contains(d.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(d => d.ReferralId);
        var followUps = (await Db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.ReferralId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(f => f.ReferralId);

        var episodes = new List<Episode>(referrals.Count);
        foreach (var referral in referrals.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id))
        {
            referral.History = [.. referral.History.OrderBy(h => h.At).ThenBy(h => h.Id)];
            var patient = patients[referral.PatientId];
            patient.Measurements = [.. patient.Measurements.OrderBy(m => m.MeasuredAt)];
            var appointment = appointments.GetValueOrDefault(referral.Id);
            episodes.Add(new Episode
            {
                Patient = patient,
                Referral = referral,
                Appointment = appointment,
                Room = appointment is null ? null : rooms.GetValueOrDefault(appointment.RoomId),
                Assessment = assessments.GetValueOrDefault(referral.Id),
                Labs = [.. labs[referral.PatientId].OrderBy(l => l.CollectedAt)],
                Medications = [.. medications[referral.PatientId]],
                Intakes = [.. intakes[referral.Id].GroupBy(i => i.Kind).Select(g => g.MaxBy(i => i.At)!).OrderBy(i => i.At)],
                Consents = [.. consents[referral.Id].OrderBy(c => c.At)],
                Procedure = procedures.GetValueOrDefault(referral.Id),
                AdverseEvents = [.. adverseEvents[referral.Id].OrderBy(a => a.OnsetAt)],
                Vitals = [.. vitals[referral.Id].OrderBy(v => v.At)],
                Discharge = discharges.GetValueOrDefault(referral.Id),
                FollowUps = [.. followUps[referral.Id].OrderBy(f => f.Due)],
            });
        }

        return episodes;
    }
}
