using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical.Referrals;

/// <summary>
/// The referral list: a referrer's own referrals with their status, or for the IR team the triage list filtered by
/// status. Either right opens it, so the page checks which one the user has.
/// </summary>
[Authorize]
public sealed class IndexModel(ReferralService referrals, CurrentUser user) : PageModel
{
    /// <summary>The referrals shown, most urgent and oldest first for triage, newest first for a referrer.</summary>
    public IReadOnlyList<ReferralDto> Referrals { get; private set; } = [];

    /// <summary>The status filter, or null for every status.</summary>
    public ReferralStatus? Status { get; private set; }

    /// <summary>Whether the user sees everyone's referrals (the triage list).</summary>
    public bool IsTriageList { get; private set; }

    /// <summary>Loads the list.</summary>
    public async Task<IActionResult> OnGetAsync(ReferralStatus? status, CancellationToken ct)
    {
        if (!user.Can(StaffAction.ReadAllReferrals) && !user.Can(StaffAction.ReadOwnReferrals))
        {
            return Forbid();
        }

        IsTriageList = user.Can(StaffAction.ReadAllReferrals);
        Status = status;
        var list = await referrals.ListAsync(status, mine: !IsTriageList, ct);
        Referrals = IsTriageList
            ? [.. list.OrderByDescending(r => r.Priority ?? ReferralPriority.Routine).ThenBy(r => r.SubmittedAt)]
            : list;
        return Page();
    }
}
