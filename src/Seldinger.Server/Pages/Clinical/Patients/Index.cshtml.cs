using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical.Patients;

/// <summary>Patient search by name or MRN.</summary>
[Authorize(Policy = nameof(StaffAction.ReadPatients))]
public sealed class IndexModel(PatientService patients) : PageModel
{
    /// <summary>The search text.</summary>
    public string? Query { get; private set; }

    /// <summary>The matches.</summary>
    public IReadOnlyList<PatientSummaryDto> Patients { get; private set; } = [];

    /// <summary>Searches (every patient when the text is empty).</summary>
    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q;
        Patients = await patients.SearchAsync(q, ct);
    }
}
