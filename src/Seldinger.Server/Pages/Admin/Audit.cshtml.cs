using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Pages.Admin;

/// <summary>The audit trail with filters; reading it is itself recorded.</summary>
[Authorize(Policy = nameof(StaffAction.ReadAudit))]
public sealed class AuditModel(SeldingerDbContext db, AuditTrail trail) : PageModel
{
    /// <summary>User filter.</summary>
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    /// <summary>Patient filter.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? PatientId { get; set; }

    /// <summary>Start of the time window.</summary>
    [BindProperty(SupportsGet = true)]
    public DateTimeOffset? From { get; set; }

    /// <summary>End of the time window.</summary>
    [BindProperty(SupportsGet = true)]
    public DateTimeOffset? To { get; set; }

    /// <summary>Action filter.</summary>
    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    /// <summary>The lines shown, newest first.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Runs the query.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Entries = await new AuditQuery { User = UserFilter, PatientId = PatientId, From = From, To = To, Action = ActionFilter, Take = 500 }
            .RunAsync(db, cancellationToken);
        await trail.RecordAsync("read", "audit", null, PatientId, $"audit page: {Entries.Count} lines", cancellationToken);
    }
}
