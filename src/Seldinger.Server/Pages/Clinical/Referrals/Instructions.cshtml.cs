using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical;
using Seldinger.Clinical.Instructions;
using Seldinger.Clinical.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical.Referrals;

/// <summary>The family instructions of a referral as a page to read or print, in English or Spanish, before or after.</summary>
[Authorize(Policy = nameof(StaffAction.ReadReports))]
public sealed class InstructionsModel(DocumentService documents) : PageModel
{
    /// <summary>The sheet shown, or null when it cannot be made yet.</summary>
    public InstructionSheet? Sheet { get; private set; }

    /// <summary>Why there is no sheet.</summary>
    public string? Problem { get; private set; }

    /// <summary>The referral.</summary>
    public Guid ReferralId { get; private set; }

    /// <summary>Loads the sheet (language en|es, phase before|after).</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, string? language, string? phase, CancellationToken ct)
    {
        ReferralId = id;
        try
        {
            Sheet = await documents.InstructionsAsync(id, language, phase, ct);
        }
        catch (ClinicalNotFoundException)
        {
            return NotFound();
        }
        catch (ClinicalConflictException ex)
        {
            Problem = ex.Message;
        }
        catch (ClinicalValidationException ex)
        {
            Problem = ex.Message;
        }

        return Page();
    }
}
