using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical;
using Seldinger.Server.Services.Clinical;
using Seldinger.Storage;

namespace Seldinger.Server.Pages.Clinical.Internal;

/// <summary>
/// Runs a form's change through a clinical service and turns the service's refusals into the message shown after the
/// redirect, so every form posts, redirects and shows what went wrong in the words the service used.
/// </summary>
internal static class ClinicalPageActions
{
    public const string ErrorKey = "ClinicalError";
    public const string NoticeKey = "ClinicalNotice";

    /// <summary>Runs <paramref name="change"/>; true when it went through.</summary>
    public static async Task<bool> TryAsync(PageModel page, Func<Task> change, string done)
    {
        try
        {
            await change();
            page.TempData[NoticeKey] = done;
            return true;
        }
        catch (ClinicalValidationException ex)
        {
            page.TempData[ErrorKey] = ex.Errors.Count == 0
                ? ex.Message
                : string.Join(" ", ex.Errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}")));
        }
        catch (StaleVersionException ex)
        {
            page.TempData[ErrorKey] = $"Changed by someone else (409): {ex.Message}";
        }
        catch (ConcurrencyConflictException ex)
        {
            page.TempData[ErrorKey] = $"Changed by someone else (409): this {ex.EntityType} was changed since you opened it; reload and enter it again.";
        }
        catch (ClinicalConflictException ex)
        {
            var items = ex.Items.Count == 0 ? "" : " " + string.Join(" ", ex.Items.Select(Describe));
            page.TempData[ErrorKey] = $"{ex.Title}: {ex.Message}{items}";
        }
        catch (ClinicalForbiddenException ex)
        {
            page.TempData[ErrorKey] = $"Not allowed: {ex.Message}";
        }

        return false;
    }

    /// <summary>A form's date and time (read as UTC, as the pages show them), or null when empty.</summary>
    public static DateTimeOffset? Time(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;

    private static string Describe(object item) => item switch
    {
        Seldinger.Clinical.Scheduling.ScheduleConflict c => c.Message,
        Seldinger.Clinical.Checklists.ChecklistItem i => $"{i.Title}: {i.Message}",
        _ => item.ToString() ?? "",
    };
}
