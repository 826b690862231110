using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Demo;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// Stores a generated demo week (<see cref="DemoWeek"/>): rooms, anaesthesia sessions, invented patients
/// and their episodes, so that worklists, the schedule and the quality dashboard have something to show.
/// Demo patients have medical record numbers starting with <see cref="MrnPrefix"/>; a second run adds nothing.
/// The week is built on the site's clock (<see cref="SiteTime"/>, the service's time zone; UTC when not given): its
/// bookings fall in the site's working hours.
/// </summary>
public sealed class ClinicalDemoSeeder(SeldingerDbContext db, TimeProvider clock, SiteTime? site = null)
{
    private readonly SiteTime _site = site ?? SiteTime.Utc;

    /// <summary>Prefix of every demo patient's medical record number.</summary>
    public const string MrnPrefix = "DEMO-";

    /// <summary>
    /// Stores the week whose Thursday 13:00 on the site's clock (the moment the demo is seen from) is the latest one not after
    /// now, so that done procedures lie in the past; returns the number of episodes stored, 0 when demo data is already there.
    /// <paramref name="scenarioCaseId"/>, when given, is attached to the scenario girl's referral as her CT (the demo case
    /// is the same 6-year-old with a liver mass), so triage can open her images.
    /// </summary>
    public async Task<int> SeedAsync(ProcedureCatalogue catalogue, int seed = 1, Guid? scenarioCaseId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (await db.Patients.AnyAsync(p => p.MedicalRecordNumber.StartsWith(MrnPrefix), ct).ConfigureAwait(false))
        {
            return 0;
        }

        var week = DemoWeek.Generate(LatestDemoMonday(clock.GetUtcNow(), _site), seed, catalogue, _site);
        if (scenarioCaseId is { } caseId)
        {
            week.Episodes.First(e => e.Referral.Id == week.ScenarioReferralId).Referral.CaseId = caseId;
        }

        db.Rooms.AddRange(week.Rooms);
        db.AnaesthesiaSessions.AddRange(week.AnaesthesiaSessions);
        db.Patients.AddRange(week.Patients);
        foreach (var e in week.Episodes)
        {
            db.Referrals.Add(e.Referral);
            AddIf(db.Appointments, e.Appointment);
            AddIf(db.Assessments, e.Assessment);
            AddIf(db.ProcedureRecords, e.Procedure);
            AddIf(db.Discharges, e.Discharge);
            db.LabResults.AddRange(e.Labs);
            db.Medications.AddRange(e.Medications);
            db.Intakes.AddRange(e.Intakes);
            db.Consents.AddRange(e.Consents);
            db.AdverseEvents.AddRange(e.AdverseEvents);
            db.VitalSigns.AddRange(e.Vitals);
            db.FollowUps.AddRange(e.FollowUps);
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return week.Episodes.Count;
    }

    /// <summary>The latest Monday whose Thursday 13:00 on <paramref name="site"/>'s clock (UTC when null) is not after <paramref name="now"/>.</summary>
    public static DateOnly LatestDemoMonday(DateTimeOffset now, SiteTime? site = null)
    {
        site ??= SiteTime.Utc;
        var today = site.DayOf(now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var thursday = site.At(monday.AddDays(3), new TimeOnly(13, 0));
        return thursday <= now ? monday : monday.AddDays(-7);
    }

    private static void AddIf<T>(DbSet<T> set, T? entity)
        where T : class
    {
        if (entity is not null)
        {
            set.Add(entity);
        }
    }
}
