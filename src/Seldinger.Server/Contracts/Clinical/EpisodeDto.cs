using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>
/// <c>GET /api/referrals/{id}/episode</c>: everything of one referral for a screen in one call, with the checklist and
/// the discharge criteria as they stand now (null when the referral names no procedure yet).
/// </summary>
public sealed record EpisodeDto(
    Patient Patient,
    ReferralDto Referral,
    IReadOnlyList<Seldinger.Clinical.Referrals.ReferralEvent> History,
    Appointment? Appointment,
    ProcedureRoom? Room,
    PreProcedureAssessment? Assessment,
    IReadOnlyList<LabResult> Labs,
    IReadOnlyList<MedicationRecord> Medications,
    IReadOnlyList<IntakeRecord> Intakes,
    IReadOnlyList<ConsentRecord> Consents,
    ChecklistResult? Checklist,
    ProcedureRecordDto? Procedure,
    IReadOnlyList<AdverseEventRecord> AdverseEvents,
    IReadOnlyList<VitalSigns> Vitals,
    DischargeAssessment? DischargeCriteria,
    DischargeRecord? Discharge,
    IReadOnlyList<FollowUpTask> FollowUps);
