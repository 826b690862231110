using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Validation;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>Adverse events of an episode, graded by SIR 2017 severity and CIRSE 2017 grade.</summary>
public sealed class AdverseEventService(ClinicalStore store, ReferralService referrals, CurrentUser user, AuditTrail audit, TimeProvider time)
{
    private const string Resource = "adverse-event";

    private SeldingerDbContext Db => store.Db;

    /// <summary>The events of the referral, by onset.</summary>
    public async Task<List<AdverseEventRecord>> ListAsync(Guid referralId, CancellationToken ct = default)
    {
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var events = await Db.AdverseEvents.AsNoTracking().Where(a => a.ReferralId == referralId).ToListAsync(ct);
        await audit.RecordAsync("read", Resource, referralId.ToString(), referral.PatientId, "", ct);
        return [.. events.OrderBy(e => e.OnsetAt)];
    }

    /// <summary>Records an event; contradictory grades are refused.</summary>
    public async Task<AdverseEventRecord> AddAsync(Guid referralId, AdverseEventRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var now = time.GetUtcNow();
        var record = new AdverseEventRecord
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            Description = request.Description?.Trim() ?? "",
            RecordedBy = user.UserName,
            RecordedAt = now,
        };
        Apply(record, request, now);
        Db.AdverseEvents.Add(record);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", Resource, record.Id.ToString(), referral.PatientId, $"{record.SirSeverity}/{record.CirseGrade}", ct);
        return record;
    }

    /// <summary>Changes an event (send the version you read).</summary>
    public async Task<AdverseEventRecord> UpdateAsync(Guid referralId, Guid eventId, AdverseEventRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var record = await Db.AdverseEvents.FirstOrDefaultAsync(a => a.Id == eventId && a.ReferralId == referralId, ct)
            ?? throw new ClinicalNotFoundException("adverse event", eventId);
        Input.ExpectVersion(record, request.Version, Resource);
        record.Description = request.Description?.Trim() ?? "";
        Apply(record, request, time.GetUtcNow());
        store.ExpectVersion(record, Input.Version(request.Version));
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("update", Resource, eventId.ToString(), referral.PatientId, $"{record.SirSeverity}/{record.CirseGrade}", ct);
        return record;
    }

    private static void Apply(AdverseEventRecord record, AdverseEventRequest request, DateTimeOffset now)
    {
        record.OnsetAt = Input.Required(request.OnsetAt, "onsetAt");
        record.SirSeverity = Input.Required(request.SirSeverity, "sirSeverity");
        record.CirseGrade = Input.Required(request.CirseGrade, "cirseGrade");
        record.SedationRelated = request.SedationRelated;
        record.Management = request.Management?.Trim() ?? "";
        ClinicalInputValidator.ValidateAdverseEvent(record, now);
        AdverseEventClassification.Validate(record);
    }
}
