using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;

namespace Seldinger.Server.Pages;

/// <summary>The case list.</summary>
[Authorize(Policy = nameof(StaffAction.ReadImages))]
public sealed class IndexModel(CaseQueries queries) : PageModel
{
    /// <summary>Cases, newest first.</summary>
    public IReadOnlyList<CaseSummaryDto> Cases { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Cases = await queries.ListAsync(cancellationToken);

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
