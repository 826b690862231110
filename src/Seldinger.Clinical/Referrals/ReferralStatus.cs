using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Referrals;

/// <summary>Where a referral stands in the IR service.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    /// <summary>Submitted, waiting for an IR physician.</summary>
    AwaitingReview,

    /// <summary>The IR physician asked the referrer for more information.</summary>
    MoreInformationRequested,

    /// <summary>Accepted: procedure, priority and guidance chosen, not yet booked.</summary>
    Accepted,

    /// <summary>Declined by IR, with a reason.</summary>
    Declined,

    /// <summary>Booked in a room.</summary>
    Scheduled,

    /// <summary>Procedure done and the child discharged or admitted.</summary>
    Completed,

    /// <summary>Withdrawn before the procedure.</summary>
    Cancelled,
}
