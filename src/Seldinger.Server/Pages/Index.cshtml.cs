using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Security;
using Seldinger.Server.Services;

namespace Seldinger.Server.Pages;

/// <summary>
/// The case list, for the roles that read images; every other role lands on its own worklist
/// (referrals, the day's schedule, accounts) instead of a refusal.
/// </summary>
[Authorize]
public sealed class IndexModel(CaseQueries queries, CurrentUser user) : PageModel
{
    /// <summary>Cases, newest first.</summary>
    public IReadOnlyList<CaseSummaryDto> Cases { get; private set; } = [];

    /// <summary>Loads the list, or sends a role without images to its home page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!user.Can(StaffAction.ReadImages))
        {
            return LocalRedirect(HomeOf(user));
        }

        Cases = await queries.ListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Where a role without access to images starts.</summary>
    internal static string HomeOf(CurrentUser user) => user.Role switch
    {
        StaffRole.Scheduler => "/schedule",
        StaffRole.ReferringClinician => "/referrals",
        StaffRole.Administrator => "/Admin/Users",
        _ => "/referrals",
    };

    /// <summary>DICOM person name (Family^Given^Middle^Prefix^Suffix) as people read it.</summary>
    public static string DisplayName(string dicomName)
    {
        ArgumentNullException.ThrowIfNull(dicomName);
        var parts = dicomName.Split('^');
        var family = parts[0].Trim();
        var given = parts.Length > 1 ? parts[1].Trim() : "";
        return given.Length == 0 ? family : $"{family}, {given}";
    }
}
