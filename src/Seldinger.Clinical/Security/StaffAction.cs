using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Security;

/// <summary>Something a user may be allowed to do; <see cref="RolePermissions"/> maps roles to them.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<StaffAction>))]
public enum StaffAction
{
    /// <summary>Read a child's record: demographics, family, weights, allergies, labs, drugs.</summary>
    ReadPatients,

    /// <summary>Create and change patients, guardians, weights and allergies.</summary>
    EditPatients,

    /// <summary>Submit a referral (and create the patient it names).</summary>
    SubmitReferrals,

    /// <summary>Read referrals one submitted, with their status, schedule and report.</summary>
    ReadOwnReferrals,

    /// <summary>Read every referral and the triage list.</summary>
    ReadAllReferrals,

    /// <summary>Accept, decline or question a referral; pick procedure, priority, guidance and sedation.</summary>
    TriageReferrals,

    /// <summary>Read rooms, the day view and the worklists.</summary>
    ReadSchedule,

    /// <summary>Book, move and cancel appointments.</summary>
    ManageSchedule,

    /// <summary>Add and change rooms and anaesthesia sessions.</summary>
    ManageRooms,

    /// <summary>Record labs, drugs, last intake, consent and the pre-procedure assessment.</summary>
    EditPreparation,

    /// <summary>Read the pre-procedure checklist.</summary>
    ReadChecklist,

    /// <summary>Record the time-out and the procedure (operators, devices, contrast, sedation, dose, findings).</summary>
    RecordProcedure,

    /// <summary>Sign the procedure record.</summary>
    SignProcedure,

    /// <summary>Record and grade adverse events.</summary>
    RecordAdverseEvents,

    /// <summary>Record vital signs, discharge and admission.</summary>
    RecordRecovery,

    /// <summary>Create and complete follow-up tasks.</summary>
    ManageFollowUps,

    /// <summary>Read procedure reports, family instructions and FHIR exports of any episode.</summary>
    ReadReports,

    /// <summary>Read the quality dashboard (aggregates, no names).</summary>
    ReadQuality,

    /// <summary>Read cases, images and plans.</summary>
    ReadImages,

    /// <summary>Import image series and create cases.</summary>
    ImportImages,

    /// <summary>Make and re-run procedure plans.</summary>
    PlanProcedures,

    /// <summary>Create, change and disable user accounts.</summary>
    ManageAccounts,

    /// <summary>Read the audit trail.</summary>
    ReadAudit,
}
