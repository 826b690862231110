using Seldinger.Clinical;
using Seldinger.Clinical.Quality;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>The quality figures of a period, from the stored episodes.</summary>
public sealed class QualityService(ClinicalStore store, TimeProvider clock)
{
    /// <summary>The period when none is given: the last 90 days up to today.</summary>
    public const int DefaultDays = 90;

    /// <summary>The longest period one request may ask for.</summary>
    public const int MaxDays = 3700;

    /// <summary>
    /// The figures from <paramref name="from"/> to <paramref name="to"/> (inclusive); <paramref name="to"/>
    /// defaults to today (UTC), <paramref name="from"/> to <see cref="DefaultDays"/> days before it.
    /// </summary>
    /// <exception cref="ClinicalValidationException">The period ends before it starts or is too long.</exception>
    public async Task<QualityReport> ReportAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var end = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddDays(-(DefaultDays - 1));
        if (end < start)
        {
            throw new ClinicalValidationException("to", $"The period ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd}).");
        }

        if (end.DayNumber - start.DayNumber >= MaxDays)
        {
            throw new ClinicalValidationException("from", $"Ask for at most {MaxDays} days at once.");
        }

        // The store selects by UTC day and the figures by the local day of the procedure; a day either side covers every offset.
        var episodes = await store.LoadEpisodesAsync(start.AddDays(-1), end.AddDays(1), ct).ConfigureAwait(false);
        return QualityMetrics.Compute(episodes, start, end);
    }
}
