using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical;
using Seldinger.Clinical.Scheduling;
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

    /// <summary>
    /// A form's date and time, typed on the site's clock (a datetime-local field), as the instant it names, with the
    /// site's offset; null when empty or unreadable. In the autumn overlap the earlier instant is taken (see
    /// <see cref="SiteTime"/>); a time the clocks skip in spring is refused, naming <paramref name="field"/>.
    /// </summary>
    /// <param name="value">The field as posted.</param>
    /// <param name="site">The site's clock.</param>
    /// <param name="field">The field's name for the message.</param>
    /// <param name="shown">The stored instant the field was prefilled with (<see cref="ClinicalFormat.Shown"/>); when the
    /// field still shows it, that instant is kept rather than read again from the wall-clock text.</param>
    /// <exception cref="ClinicalValidationException">The time does not exist at the site (spring gap).</exception>
    public static DateTimeOffset? Time(string? value, SiteTime site, string field, string? shown = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (!string.IsNullOrWhiteSpace(value)
            && DateTimeOffset.TryParse(shown, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var prefilled)
            && string.Equals(value.Trim(), site.Input(prefilled), StringComparison.Ordinal))
        {
            return site.ToSite(prefilled);
        }

        if (string.IsNullOrWhiteSpace(value)
            || !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.NoCurrentDateDefault, out var typed))
        {
            return null;
        }

        // A value with its own offset or "Z" (not what a datetime-local field sends) already names its instant.
        if (typed.Kind != DateTimeKind.Unspecified)
        {
            return site.ToSite(DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces));
        }

        var resolved = site.Resolve(typed);
        if (resolved.Kind == LocalTimeKind.Skipped)
        {
            throw new ClinicalValidationException(field, string.Create(
                CultureInfo.InvariantCulture,
                $"{typed:yyyy-MM-dd HH:mm} does not exist in {site.Name}: the clocks go forward then (the next time is {resolved.Local:HH:mm}). Enter the time as the clock on the wall showed it."));
        }

        return site.ToSite(resolved.Instant);
    }

    private static string Describe(object item) => item switch
    {
        Seldinger.Clinical.Scheduling.ScheduleConflict c => c.Message,
        Seldinger.Clinical.Checklists.ChecklistItem i => $"{i.Title}: {i.Message}",
        _ => item.ToString() ?? "",
    };
}
