using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Clinical.Episodes;

/// <summary>
/// Everything known about one referral, read together: the input of the checklist, the reports
/// (PDF, FHIR bundle), the family instructions and the quality figures. The store fills it; nothing
/// here is saved back through it.
/// </summary>
public sealed class Episode
{
    /// <summary>The child, with guardians, measurements and allergies.</summary>
    public required Patient Patient { get; init; }

    /// <summary>The referral, with its history.</summary>
    public required Referral Referral { get; init; }

    /// <summary>The current booking (not cancelled), if any.</summary>
    public Appointment? Appointment { get; init; }

    /// <summary>The room of <see cref="Appointment"/>.</summary>
    public ProcedureRoom? Room { get; init; }

    /// <summary>The pre-procedure assessment, if started.</summary>
    public PreProcedureAssessment? Assessment { get; init; }

    /// <summary>The child's laboratory results (all, any order).</summary>
    public IReadOnlyList<LabResult> Labs { get; init; } = [];

    /// <summary>The child's drugs.</summary>
    public IReadOnlyList<MedicationRecord> Medications { get; init; } = [];

    /// <summary>Last intake per kind for this episode.</summary>
    public IReadOnlyList<IntakeRecord> Intakes { get; init; } = [];

    /// <summary>Consents and assent for this episode.</summary>
    public IReadOnlyList<ConsentRecord> Consents { get; init; } = [];

    /// <summary>The procedure record, once started.</summary>
    public ProcedureRecord? Procedure { get; init; }

    /// <summary>Adverse events.</summary>
    public IReadOnlyList<AdverseEventRecord> AdverseEvents { get; init; } = [];

    /// <summary>Vital signs, baseline and recovery.</summary>
    public IReadOnlyList<VitalSigns> Vitals { get; init; } = [];

    /// <summary>The discharge, once done.</summary>
    public DischargeRecord? Discharge { get; init; }

    /// <summary>Follow-up tasks.</summary>
    public IReadOnlyList<FollowUpTask> FollowUps { get; init; } = [];
}
