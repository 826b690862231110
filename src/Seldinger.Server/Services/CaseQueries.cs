using Microsoft.EntityFrameworkCore;
using Seldinger.Server.Contracts;
using Seldinger.Storage;

namespace Seldinger.Server.Services;

/// <summary>Read side of cases, shared by the API and the pages.</summary>
public sealed class CaseQueries(SeldingerDbContext db)
{
    /// <summary>Cases, newest first.</summary>
    public async Task<List<CaseSummaryDto>> ListAsync(CancellationToken cancellationToken)
    {
        var cases = await db.Cases.AsNoTracking().Include(c => c.Plans).ToListAsync(cancellationToken);
        // Procedure plans count too: the newest plan of either kind says whether the case has a safe one.
        var procedurePlans = (await db.ProcedurePlans.AsNoTracking().Select(p => new { p.CaseId, p.CreatedAt, p.Feasible })
            .ToListAsync(cancellationToken)).ToLookup(p => p.CaseId);
        return cases.OrderByDescending(c => c.CreatedAt).Select(c =>
        {
            var latest = c.Plans.Select(p => (p.CreatedAt, Safe: p.IsSafe))
                .Concat(procedurePlans[c.Id].Select(p => (p.CreatedAt, Safe: p.Feasible)))
                .OrderBy(p => p.CreatedAt).Cast<(DateTimeOffset CreatedAt, bool Safe)?>().LastOrDefault();
            return new CaseSummaryDto(c.Id, c.PatientName, c.PatientId, c.AgeYears, c.Procedure, c.Status, c.CreatedAt,
                latest is not null, latest?.Safe ?? false);
        }).ToList();
    }

    /// <summary>One case with series, target and latest plan; null when unknown.</summary>
    public async Task<CaseDetailDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Series).Include(x => x.Plans)
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return c is null ? null : CaseMapper.ToDetail(c);
    }
}
