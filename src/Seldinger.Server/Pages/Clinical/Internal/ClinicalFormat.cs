using System.Globalization;
using Seldinger.Clinical.Checklists;

namespace Seldinger.Server.Pages.Clinical.Internal;

/// <summary>How the clinical pages write times, numbers and statuses.</summary>
internal static class ClinicalFormat
{
    public static string Time(DateTimeOffset? t) =>
        t is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Clock(DateTimeOffset t) => t.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Input(DateTimeOffset? t) =>
        t is { } v ? v.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

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
