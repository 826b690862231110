using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical.Patients;

/// <summary>A child's page: demographics, weight history, allergies and guardians.</summary>
[Authorize(Policy = nameof(StaffAction.ReadPatients))]
public sealed class DetailModel(PatientService patients) : PageModel
{
    /// <summary>The child.</summary>
    public Patient Patient { get; private set; } = null!;

    /// <summary>Loads the child, or answers 404.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Patient = await patients.GetAsync(id, ct);
        }
        catch (ClinicalNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }
}
