using Seldinger.Clinical;
using Seldinger.Clinical.Quality;
using Seldinger.Clinical.Scheduling;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// The quality figures of a period, from the stored episodes, by the site's days (<paramref name="site"/>, the service's
/// time zone; UTC when not given).
/// </summary>
public sealed class QualityService(ClinicalStore store, TimeProvider clock, SiteTime? site = null)
{
    private readonly SiteTime _site = site ?? SiteTime.Utc;

    /// <summary>The period when none is given: the last 90 days up to today.</summary>
    public const int DefaultDays = 90;

    /// <summary>The longest period one request may ask for.</summary>
    public const int MaxDays = 3700;

    /// <summary>
    /// The figures from <paramref name="from"/> to <paramref name="to"/> (inclusive); <paramref name="to"/>
    /// defaults to the site's today, <paramref name="from"/> to <see cref="DefaultDays"/> days before it. Days are the
    /// site's calendar days: a procedure counts on the day the site's clocks showed when it started.
    /// </summary>
    /// <exception cref="ClinicalValidationException">The period ends before it starts or is too long.</exception>
    public async Task<QualityReport> ReportAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var end = to ?? _site.DayOf(clock.GetUtcNow());
        var start = from ?? end.AddDays(-(DefaultDays - 1));
        if (end < start)
        {
            throw new ClinicalValidationException("to", $"The period ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd}).");
        }

        if (end.DayNumber - start.DayNumber >= MaxDays)
        {
            throw new ClinicalValidationException("from", $"Ask for at most {MaxDays} days at once.");
        }

        // The store selects by UTC day and the figures by the site's day of the procedure; a site's day lies within a
        // day of its UTC dates (offsets stay within ±14 h), so a day either side covers every zone.
        var episodes = await store.LoadEpisodesAsync(start.AddDays(-1), end.AddDays(1), ct).ConfigureAwait(false);
        return QualityMetrics.Compute(episodes, start, end, _site);
    }
}
