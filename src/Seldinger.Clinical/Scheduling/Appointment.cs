namespace Seldinger.Clinical.Scheduling;

/// <summary>A booking of a referral's procedure in a room.</summary>
public sealed class Appointment : IVersionedRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode).</summary>
    public Guid ReferralId { get; set; }

    /// <summary>The patient (kept here so double bookings of a child are found without a join).</summary>
    public Guid PatientId { get; set; }

    /// <summary>The room.</summary>
    public Guid RoomId { get; set; }

    /// <summary>Start time.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>Planned duration, minutes (room time, including anaesthesia induction and turnover).</summary>
    public int DurationMinutes { get; set; }

    /// <summary>Whether an anaesthesia team is booked.</summary>
    public bool WithAnaesthesia { get; set; }

    /// <summary>Status.</summary>
    public AppointmentStatus Status { get; set; } = AppointmentStatus.Booked;

    /// <summary>User name of who booked it.</summary>
    public string BookedBy { get; set; } = "";

    /// <inheritdoc />
    public int Version { get; set; } = 1;

    /// <summary>End time.</summary>
    public DateTimeOffset End => Start.AddMinutes(DurationMinutes);
}
