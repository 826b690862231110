using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Pages.Clinical.Internal;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical;

/// <summary>The follow-up worklist by due date, with done and cancel.</summary>
[Authorize(Policy = nameof(StaffAction.ManageFollowUps))]
public sealed class FollowUpsModel(FollowUpService followUps, SiteTime site, TimeProvider time) : PageModel
{
    /// <summary>Open tasks due on or before <see cref="Due"/>, soonest first.</summary>
    public IReadOnlyList<FollowUpDto> Tasks { get; private set; } = [];

    /// <summary>The last due date shown.</summary>
    public DateOnly Due { get; private set; }

    /// <summary>Loads the worklist (due within two weeks of the site's today by default).</summary>
    public async Task OnGetAsync(DateOnly? due, CancellationToken ct)
    {
        Due = due ?? site.Today(time).AddDays(14);
        Tasks = [.. (await followUps.WorklistAsync(Due, FollowUpStatus.Open, ct)).OrderBy(t => t.Due)];
    }

    /// <summary>Marks a task done (or cancelled) with a note.</summary>
    public async Task<IActionResult> OnPostAsync(Guid taskId, FollowUpStatus? status, string? note, int? version, CancellationToken ct)
    {
        await ClinicalPageActions.TryAsync(this, () => followUps.UpdateAsync(taskId, new FollowUpUpdateRequest(status, note, null, null, version), ct), "Follow-up updated.");
        return RedirectToPage();
    }
}
