using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Clinical.Demo;

/// <summary>A generated week of an IR service: rooms, anaesthesia sessions and episodes (invented people).</summary>
/// <param name="Monday">The Monday of the week.</param>
/// <param name="Now">The moment the week is seen from: bookings before it are done, bookings after it are still to come.</param>
/// <param name="Rooms">The rooms.</param>
/// <param name="AnaesthesiaSessions">The anaesthesia sessions of the week.</param>
/// <param name="Episodes">The episodes, each with its patient, referral and whatever has happened so far.</param>
public sealed record DemoWeekData(
    DateOnly Monday,
    DateTimeOffset Now,
    IReadOnlyList<ProcedureRoom> Rooms,
    IReadOnlyList<AnaesthesiaSession> AnaesthesiaSessions,
    IReadOnlyList<Episode> Episodes)
{
    /// <summary>The referral of the girl of the scenarios (6 years, liver mass, awaiting IR review).</summary>
    public Guid ScenarioReferralId { get; init; }

    /// <summary>The distinct patients of the episodes (a child may have more than one episode).</summary>
    public IReadOnlyList<Patient> Patients => [.. Episodes.Select(e => e.Patient).DistinctBy(p => p.Id)];

    /// <summary>The bookings of the episodes that have one.</summary>
    public IReadOnlyList<Appointment> Appointments => [.. Episodes.Where(e => e.Appointment is not null).Select(e => e.Appointment!)];
}
