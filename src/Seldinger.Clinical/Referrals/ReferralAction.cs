using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Referrals;

/// <summary>A step in a referral's history.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReferralAction>))]
public enum ReferralAction
{
    /// <summary>The referrer submitted the request.</summary>
    Submitted,

    /// <summary>An IR physician accepted it.</summary>
    Accepted,

    /// <summary>An IR physician declined it.</summary>
    Declined,

    /// <summary>An IR physician asked for more information.</summary>
    InformationRequested,

    /// <summary>The referrer answered.</summary>
    InformationProvided,

    /// <summary>A scheduler booked it.</summary>
    Scheduled,

    /// <summary>A scheduler moved the booking.</summary>
    Rescheduled,

    /// <summary>The procedure started.</summary>
    Started,

    /// <summary>The episode was completed.</summary>
    Completed,

    /// <summary>The referral was cancelled.</summary>
    Cancelled,
}
