using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Referrals;

/// <summary>How soon the procedure is needed.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReferralPriority>))]
public enum ReferralPriority
{
    /// <summary>Routine (weeks).</summary>
    Routine,

    /// <summary>Urgent (within days).</summary>
    Urgent,

    /// <summary>Emergent (same day).</summary>
    Emergent,
}
