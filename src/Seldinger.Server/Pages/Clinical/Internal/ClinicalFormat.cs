using System.Globalization;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Server.Pages.Clinical.Internal;

/// <summary>How the clinical pages write times, numbers and statuses.</summary>
internal static class ClinicalFormat
{
    /// <summary>Date and time on the site's clock, "2026-01-15 09:00"; "—" when none.</summary>
    public static string Time(this SiteTime site, DateTimeOffset? t) =>
        t is { } v ? site.ToLocal(v).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>Time of day on the site's clock, "09:00".</summary>
    public static string Clock(this SiteTime site, DateTimeOffset t) => site.ToLocal(t).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of a datetime-local input on the site's clock, "2026-01-15T09:00"; empty when none.</summary>
    public static string Input(this SiteTime site, DateTimeOffset? t) =>
        t is { } v ? site.ToLocal(v).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// The stored instant behind a prefilled datetime-local field (ISO 8601, UTC), posted back beside it so that an
    /// unchanged field keeps its instant: the second pass of a repeated autumn hour and the seconds survive a re-save.
    /// </summary>
    public static string Shown(DateTimeOffset? t) =>
        t is { } v ? v.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : "";

    /// <summary>Today on the site's clock.</summary>
    public static DateOnly Today(this SiteTime site, TimeProvider? time = null) => site.DayOf((time ?? TimeProvider.System).GetUtcNow());

    public static string Number(double? value, string format = "0.##") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>An enum value as words: "MoreInformationRequested" as "more information requested".</summary>
    public static string Words(Enum? value)
    {
        if (value is null)
        {
            return "—";
        }

        var text = value.ToString();
        var builder = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]) && !char.IsUpper(text[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(text[i]));
        }

        return builder.ToString();
    }

    /// <summary>The referral status as the referrer reads it.</summary>
    public static string Status(Seldinger.Clinical.Referrals.ReferralStatus status) => status switch
    {
        Seldinger.Clinical.Referrals.ReferralStatus.AwaitingReview => "awaiting IR review",
        Seldinger.Clinical.Referrals.ReferralStatus.MoreInformationRequested => "question from IR",
        _ => Words(status),
    };

    /// <summary>The pill colour of a checklist item: red, amber, green or grey.</summary>
    public static string Pill(ChecklistItemStatus status) => status switch
    {
        ChecklistItemStatus.Passed => "pill green",
        ChecklistItemStatus.Failed => "pill red",
        ChecklistItemStatus.Pending => "pill red",
        ChecklistItemStatus.Warning => "pill amber",
        _ => "pill grey",
    };

    /// <summary>The pill colour of a referral status.</summary>
    public static string Pill(Seldinger.Clinical.Referrals.ReferralStatus status) => status switch
    {
        Seldinger.Clinical.Referrals.ReferralStatus.AwaitingReview or Seldinger.Clinical.Referrals.ReferralStatus.MoreInformationRequested => "pill amber",
        Seldinger.Clinical.Referrals.ReferralStatus.Declined or Seldinger.Clinical.Referrals.ReferralStatus.Cancelled => "pill grey",
        _ => "pill green",
    };
}
