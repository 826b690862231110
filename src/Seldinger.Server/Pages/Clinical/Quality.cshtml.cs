using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical;
using Seldinger.Clinical.Quality;
using Seldinger.Clinical.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical;

/// <summary>The quality dashboard: the figures of a period with the server's charts and the CSV.</summary>
[Authorize(Policy = nameof(StaffAction.ReadQuality))]
public sealed class QualityModel(QualityService quality) : PageModel
{
    /// <summary>The figures, or null when the period was refused.</summary>
    public QualityReport? Report { get; private set; }

    /// <summary>Why the period was refused.</summary>
    public string? Problem { get; private set; }

    /// <summary>The query string of the period for the chart and CSV links.</summary>
    public string Period { get; private set; } = "";

    /// <summary>Loads the figures of the period (the last 90 days by default).</summary>
    public async Task<IActionResult> OnGetAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        try
        {
            Report = await quality.ReportAsync(from, to, ct);
            Period = FormattableString.Invariant($"from={Report.From:yyyy-MM-dd}&to={Report.To:yyyy-MM-dd}");
        }
        catch (ClinicalValidationException ex)
        {
            Problem = ex.Message;
        }

        return Page();
    }
}
