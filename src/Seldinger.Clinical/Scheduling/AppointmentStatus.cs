using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Scheduling;

/// <summary>State of a booking.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AppointmentStatus>))]
public enum AppointmentStatus
{
    /// <summary>Booked.</summary>
    Booked,

    /// <summary>The child has arrived.</summary>
    CheckedIn,

    /// <summary>In the room.</summary>
    InProgress,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>Cancelled.</summary>
    Cancelled,

    /// <summary>The child did not come.</summary>
    NoShow,
}
