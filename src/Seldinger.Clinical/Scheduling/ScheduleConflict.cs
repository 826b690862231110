namespace Seldinger.Clinical.Scheduling;

/// <summary>A reason a proposed booking cannot stand, with a stable code the UI and API can key on.</summary>
/// <param name="Code">Stable kebab-case code (one of the constants of this type).</param>
/// <param name="Message">What is wrong, in words a scheduler can act on.</param>
public sealed record ScheduleConflict(string Code, string Message)
{
    /// <summary>Another booking holds the room for part of the slot.</summary>
    public const string RoomDoubleBooked = "room-double-booked";

    /// <summary>The child has another booking that overlaps the slot.</summary>
    public const string PatientDoubleBooked = "patient-double-booked";

    /// <summary>The room does not take bookings.</summary>
    public const string RoomInactive = "room-inactive";

    /// <summary>The room lacks the guidance modality chosen at triage.</summary>
    public const string RoomLacksGuidance = "room-lacks-guidance";

    /// <summary>Anaesthesia is booked but the room cannot host it.</summary>
    public const string RoomNotAnaesthesiaCapable = "room-not-anaesthesia-capable";

    /// <summary>Anaesthesia is booked but no anaesthesia session covers the whole slot.</summary>
    public const string NoAnaesthesiaSession = "no-anaesthesia-session";

    /// <summary>Every anaesthesia team of the covering sessions is already busy during the slot.</summary>
    public const string AnaesthesiaTeamsExhausted = "anaesthesia-teams-exhausted";

    /// <summary>Triage planned general anaesthesia but the booking has none.</summary>
    public const string AnaesthesiaNotBooked = "anaesthesia-not-booked";

    /// <summary>The referral is neither accepted nor scheduled.</summary>
    public const string ReferralNotBookable = "referral-not-bookable";

    /// <summary>The start lies outside the bookable hours of the day.</summary>
    public const string OutsideHours = "outside-hours";

    /// <summary>The start lies before the time of booking.</summary>
    public const string StartInPast = "start-in-past";
}
