using System.Collections.Concurrent;
using System.Globalization;

namespace Seldinger.Server.Security.Internal;

/// <summary>
/// Endpoint metadata: successful reads of this endpoint's images by one user of one series are coalesced by
/// <see cref="SliceAuditCoalescer"/>; <see cref="SliceRouteValue"/> names the route value holding the slice number,
/// when there is one (a resliced plane is placed by its query instead).
/// </summary>
internal sealed record AuditCoalesced(string? SliceRouteValue);

/// <summary>
/// Coalesces the audit of a series' images: a viewer scrolling through a series asks for one PNG per slice (and per
/// resliced plane and label overlay). The first successful image of a series a user reads writes its row at once (so
/// the access is on the trail before the image is seen); the further images of that series by that user within the
/// window are counted, and one row says how many, which slices and when, once the window has passed (at the user's
/// next image of the series, at the next minute's sweep, or when the server stops). Refused and failed requests are
/// never coalesced.
/// </summary>
internal sealed class SliceAuditCoalescer(TimeProvider time, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<(string User, string Resource), Window> _windows = new();

    /// <summary>
    /// Counts <paramref name="first"/>'s request into the open window of its user and resource and returns true, or,
    /// when none is open, opens one and returns false (write the row) after writing the count of the window that ended.
    /// </summary>
    public async Task<bool> TryCountAsync(AuditRecord first, int? slice)
    {
        var key = (first.UserName, first.ResourceId ?? "");
        var now = time.GetUtcNow();
        while (true)
        {
            if (_windows.TryGetValue(key, out var open))
            {
                lock (open)
                {
                    if (!open.Closed && now < open.Start + SliceAudit.Window)
                    {
                        open.Add(slice, now);
                        return true;
                    }

                    open.Closed = true;
                }

                if (_windows.TryRemove(new KeyValuePair<(string, string), Window>(key, open)))
                {
                    await WriteAsync(open).ConfigureAwait(false);
                }

                continue;
            }

            if (_windows.TryAdd(key, new Window(first, now)))
            {
                return false;
            }
        }
    }

    /// <summary>Writes the counts of the windows that ended before now (all of them when <paramref name="all"/>).</summary>
    public async Task FlushAsync(bool all)
    {
        var now = time.GetUtcNow();
        foreach (var (key, window) in _windows)
        {
            lock (window)
            {
                if (window.Closed || (!all && now < window.Start + SliceAudit.Window))
                {
                    continue;
                }

                window.Closed = true;
            }

            if (_windows.TryRemove(new KeyValuePair<(string, string), Window>(key, window)))
            {
                await WriteAsync(window).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(Window window)
    {
        if (window.Count == 0)
        {
            return;
        }

        var f = window.First;
        var slices = window.Slices == 0 ? ""
            : window.Slices == window.Count ? string.Create(CultureInfo.InvariantCulture, $" (slices {window.Low}–{window.High})")
            : string.Create(CultureInfo.InvariantCulture, $" ({window.Slices} slices {window.Low}–{window.High}, {window.Count - window.Slices} resliced)");
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{window.Count} more image{(window.Count == 1 ? "" : "s")}{slices} from {window.FirstAt:u} to {window.LastAt:u}, after the row of {window.Start:u}");
        var record = f with
        {
            At = time.GetUtcNow(),
            Path = f.Path[..(f.Path.LastIndexOf('/') + 1)],
            Detail = detail,
        };
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditStore>().AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
    }

    private sealed class Window(AuditRecord first, DateTimeOffset start)
    {
        public AuditRecord First { get; } = first;

        public DateTimeOffset Start { get; } = start;

        public bool Closed { get; set; }

        public int Count { get; private set; }

        public int Slices { get; private set; }

        public int Low { get; private set; } = int.MaxValue;

        public int High { get; private set; } = int.MinValue;

        public DateTimeOffset FirstAt { get; private set; }

        public DateTimeOffset LastAt { get; private set; }

        public void Add(int? slice, DateTimeOffset at)
        {
            if (Count == 0)
            {
                FirstAt = at;
            }

            Count++;
            if (slice is { } n)
            {
                Slices++;
                Low = Math.Min(Low, n);
                High = Math.Max(High, n);
            }

            LastAt = at;
        }
    }
}

/// <summary>Writes the counts of ended slice windows every minute, and all of them when the server stops.</summary>
internal sealed partial class SliceAuditSweeper(SliceAuditCoalescer coalescer, TimeProvider time, ILogger<SliceAuditSweeper> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await coalescer.FlushAsync(all: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stopping goes on; the windows' first rows are on the trail.
            LogSweepFailed(logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await coalescer.FlushAsync(all: false).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The windows' first rows are on the trail; a count that could not be written is in the log.
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit rows of coalesced slice reads failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}

/// <summary>The slice rule's window.</summary>
internal static class SliceAudit
{
    /// <summary>How long after a user's first image of a series the further images are counted into one row.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
}
