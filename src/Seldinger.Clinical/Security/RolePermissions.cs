using System.Collections.Frozen;

namespace Seldinger.Clinical.Security;

/// <summary>
/// Which role may do what. Least privilege: the administrator manages accounts and reads the audit
/// trail but not charts; the scheduler sees bookings, not clinical detail; the referring clinician
/// sees only their own referrals (the server scopes <see cref="StaffAction.ReadOwnReferrals"/> to the user).
/// </summary>
public static class RolePermissions
{
    private static readonly FrozenDictionary<StaffRole, FrozenSet<StaffAction>> Matrix = new Dictionary<StaffRole, FrozenSet<StaffAction>>
    {
        [StaffRole.IrPhysician] = FrozenSet.ToFrozenSet(
        [
            StaffAction.ReadPatients, StaffAction.EditPatients, StaffAction.SubmitReferrals, StaffAction.ReadAllReferrals,
            StaffAction.TriageReferrals, StaffAction.ReadSchedule, StaffAction.ManageSchedule, StaffAction.EditPreparation,
            StaffAction.ReadChecklist, StaffAction.RecordProcedure, StaffAction.SignProcedure, StaffAction.RecordAdverseEvents,
            StaffAction.RecordRecovery, StaffAction.ManageFollowUps, StaffAction.ReadReports, StaffAction.ReadQuality,
            StaffAction.ReadImages, StaffAction.ImportImages, StaffAction.PlanProcedures,
        ]),
        [StaffRole.Nurse] = FrozenSet.ToFrozenSet(
        [
            StaffAction.ReadPatients, StaffAction.EditPatients, StaffAction.SubmitReferrals, StaffAction.ReadAllReferrals,
            StaffAction.ReadSchedule, StaffAction.ManageSchedule, StaffAction.EditPreparation, StaffAction.ReadChecklist,
            StaffAction.RecordProcedure, StaffAction.RecordAdverseEvents, StaffAction.RecordRecovery, StaffAction.ManageFollowUps,
            StaffAction.ReadReports, StaffAction.ReadQuality, StaffAction.ReadImages,
        ]),
        [StaffRole.Technologist] = FrozenSet.ToFrozenSet(
        [
            StaffAction.ReadPatients, StaffAction.ReadAllReferrals, StaffAction.ReadSchedule, StaffAction.ReadChecklist,
            StaffAction.RecordProcedure, StaffAction.ReadImages, StaffAction.ImportImages, StaffAction.PlanProcedures,
        ]),
        [StaffRole.Scheduler] = FrozenSet.ToFrozenSet(
        [
            StaffAction.ReadAllReferrals, StaffAction.ReadSchedule, StaffAction.ManageSchedule, StaffAction.ManageRooms,
        ]),
        [StaffRole.ReferringClinician] = FrozenSet.ToFrozenSet(
        [
            StaffAction.SubmitReferrals, StaffAction.ReadOwnReferrals,
        ]),
        [StaffRole.Administrator] = FrozenSet.ToFrozenSet(
        [
            StaffAction.ManageAccounts, StaffAction.ReadAudit, StaffAction.ManageRooms, StaffAction.ReadQuality,
        ]),
    }.ToFrozenDictionary();

    /// <summary>Whether <paramref name="role"/> may do <paramref name="action"/>.</summary>
    public static bool IsAllowed(StaffRole role, StaffAction action) =>
        Matrix.TryGetValue(role, out var set) && set.Contains(action);

    /// <summary>Everything <paramref name="role"/> may do.</summary>
    public static IReadOnlySet<StaffAction> ActionsOf(StaffRole role) =>
        Matrix.TryGetValue(role, out var set) ? set : FrozenSet<StaffAction>.Empty;

    /// <summary>The roles that may do <paramref name="action"/>.</summary>
    public static IReadOnlyList<StaffRole> RolesWith(StaffAction action) =>
        [.. Enum.GetValues<StaffRole>().Where(r => IsAllowed(r, action))];
}
