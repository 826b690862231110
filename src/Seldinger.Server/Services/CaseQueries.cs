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
        return cases.OrderByDescending(c => c.CreatedAt).Select(c =>
        {
            var latest = c.Plans.OrderBy(p => p.CreatedAt).LastOrDefault();
            return new CaseSummaryDto(c.Id, c.PatientName, c.PatientId, c.AgeYears, c.Procedure, c.Status, c.CreatedAt,
                latest is not null, latest?.IsSafe ?? false);
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
