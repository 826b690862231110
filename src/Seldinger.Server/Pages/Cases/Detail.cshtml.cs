using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;

namespace Seldinger.Server.Pages.Cases;

/// <summary>A case: the slice viewer with the plan drawn over it, and the plan's numbers.</summary>
[Authorize(Policy = nameof(StaffAction.ReadImages))]
public sealed class DetailModel(CaseQueries queries) : PageModel
{
    /// <summary>The case shown.</summary>
    public CaseDetailDto? Case { get; private set; }

    /// <summary>Loads the case, or answers 404.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Case = await queries.GetAsync(id, cancellationToken);
        return Case is null ? NotFound() : Page();
    }

    /// <summary>A point as "x, y, z".</summary>
    public static string Format(PointDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return string.Create(CultureInfo.InvariantCulture, $"{p.X:0.0}, {p.Y:0.0}, {p.Z:0.0}");
    }
}
