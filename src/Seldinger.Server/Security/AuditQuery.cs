using Microsoft.EntityFrameworkCore;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security;

/// <summary>Filters of the audit trail; every one is optional.</summary>
public sealed record AuditQuery
{
    /// <summary>The most lines a query returns.</summary>
    public const int MaxTake = 1000;

    /// <summary>Lines of this user.</summary>
    public string? User { get; init; }

    /// <summary>Lines about this child: those naming it as their patient, and lists that showed it among others.</summary>
    public Guid? PatientId { get; init; }

    /// <summary>Lines at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Lines before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Lines of this action.</summary>
    public string? Action { get; init; }

    /// <summary>How many of the newest lines (1–1000, default 200).</summary>
    public int Take { get; init; } = 200;

    /// <summary>The newest matching lines, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RunAsync(SeldingerDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        IQueryable<AuditEntry> q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(User))
        {
            var user = User.Trim().ToLowerInvariant();
            q = q.Where(e => e.UserName == user);
        }

        if (PatientId is { } patient)
        {
            // A list of several children (a search, a worklist) names them in its detail rather than in PatientId.
            var text = patient.ToString();
            q = q.Where(e => e.PatientId == patient || (e.PatientId == null && e.Detail.Contains(text)));
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            q = q.Where(e => e.Action == action);
        }

        var take = Math.Clamp(Take, 1, MaxTake);
        q = q.OrderByDescending(e => e.Id);
        if (From is null && To is null)
        {
            return await q.Take(take).ToListAsync(ct).ConfigureAwait(false);
        }

        // SQLite cannot compare DateTimeOffset columns, so a time window is applied while streaming.
        var rows = new List<AuditEntry>(take);
        await foreach (var e in q.AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if ((From is null || e.At >= From) && (To is null || e.At < To))
            {
                rows.Add(e);
                if (rows.Count == take)
                {
                    break;
                }
            }
            else if (From is { } from && e.At < from)
            {
                break;
            }
        }

        return rows;
    }
}
