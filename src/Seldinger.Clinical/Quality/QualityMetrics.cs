using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Clinical.Quality;

/// <summary>Computes the quality figures of a period from episodes.</summary>
public static class QualityMetrics
{
    /// <summary>
    /// The figures over episodes whose procedure started from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive, by the site's day of <see cref="ProcedureRecord.StartedAt"/>). Episodes without a started
    /// procedure are not counted.
    /// </summary>
    /// <param name="episodes">The episodes.</param>
    /// <param name="from">The first day of the period.</param>
    /// <param name="to">The last day of the period.</param>
    /// <param name="site">
    /// The site's clock: days, weeks and the days from referral to procedure are its calendar days (a procedure at
    /// 23:30 in Madrid counts on that day, though it is 22:30 UTC). When null each time is dated on its own offset's
    /// clock, which is UTC for stored times.
    /// </param>
    /// <exception cref="ClinicalValidationException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static QualityReport Compute(IEnumerable<Episode> episodes, DateOnly from, DateOnly to, SiteTime? site = null)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        DateOnly LocalDate(DateTimeOffset at) => site?.DayOf(at) ?? DateOnly.FromDateTime(at.DateTime);

        if (to < from)
        {
            throw new ClinicalValidationException("to", $"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        var done = episodes
            .Where(e => e?.Procedure?.StartedAt is { } s && LocalDate(s) >= from && LocalDate(s) <= to)
            .ToList();
        var procedures = done.Select(e => e.Procedure!).ToList();

        var volumes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in procedures)
        {
            volumes[p.ProcedureId] = volumes.GetValueOrDefault(p.ProcedureId) + 1;
        }

        var withOutcome = procedures.Where(p => p.Outcome is not null).ToList();
        var events = done.SelectMany(e => e.AdverseEvents.Where(a => a is not null)).ToList();
        var bySir = Enum.GetValues<SirSeverity>().ToDictionary(s => s, s => events.Count(a => a.SirSeverity == s));
        var byCirse = Enum.GetValues<CirseGrade>().ToDictionary(g => g, g => events.Count(a => a.CirseGrade == g));
        var sedated = done.Where(e => e.Procedure!.SedationGiven is { } level && level != SedationLevel.None).ToList();

        var days = done
            .Where(e => e.Referral.SubmittedAt != default)
            .Select(e => LocalDate(e.Procedure!.StartedAt!.Value).DayNumber - LocalDate(e.Referral.SubmittedAt).DayNumber)
            .Order()
            .ToList();

        var discharged = done.Where(e => e.Discharge is not null).ToList();
        var byWeek = new SortedDictionary<DateOnly, QualityRate>();
        foreach (var week in discharged.GroupBy(e => Monday(LocalDate(e.Procedure!.StartedAt!.Value))))
        {
            byWeek[week.Key] = new QualityRate(week.Count(e => e.Discharge!.Disposition == DischargeDisposition.SameDayHome), week.Count());
        }

        var dap = procedures
            .Where(p => p.DoseAreaProductGyCm2 is not null)
            .GroupBy(p => p.ProcedureId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => QualityDistribution.Of(g.Select(p => p.DoseAreaProductGyCm2!.Value)), StringComparer.Ordinal);

        return new QualityReport
        {
            From = from,
            To = to,
            Procedures = procedures.Count,
            VolumesByProcedure = volumes,
            TechnicalSuccess = new QualityRate(withOutcome.Count(p => p.Outcome == TechnicalOutcome.Success), withOutcome.Count),
            AdverseEventRate = new QualityRate(done.Count(e => e.AdverseEvents.Count > 0), done.Count),
            AdverseEventsBySirSeverity = bySir,
            AdverseEventsByCirseGrade = byCirse,
            SedationEvents = events.Count(a => a.SedationRelated),
            SedationEventRate = new QualityRate(sedated.Count(e => e.AdverseEvents.Any(a => a.SedationRelated)), sedated.Count),
            DaysReferralToProcedure = QualityDistribution.Of(days.Select(d => (double)d)),
            DaysReferralToProcedureValues = days,
            SameDayDischarge = new QualityRate(discharged.Count(e => e.Discharge!.Disposition == DischargeDisposition.SameDayHome), discharged.Count),
            SameDayDischargeByWeek = byWeek,
            DoseAreaProductByProcedure = dap,
        };
    }

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
}
