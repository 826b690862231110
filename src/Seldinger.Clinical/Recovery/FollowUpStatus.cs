using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Recovery;

/// <summary>State of a follow-up task.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<FollowUpStatus>))]
public enum FollowUpStatus
{
    /// <summary>To do.</summary>
    Open,

    /// <summary>Done.</summary>
    Done,

    /// <summary>No longer needed.</summary>
    Cancelled,
}
