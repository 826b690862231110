using Seldinger.Clinical.Security;

namespace Seldinger.Clinical.Tests.Security;

public class RolePermissionsTests
{
    [Fact]
    public void IsAllowed_ReferringClinician_OnlySubmitsAndReadsOwnReferrals()
    {
        var allowed = Enum.GetValues<StaffAction>().Where(a => RolePermissions.IsAllowed(StaffRole.ReferringClinician, a));
        Assert.Equal([StaffAction.SubmitReferrals, StaffAction.ReadOwnReferrals], allowed.Order());
    }

    [Fact]
    public void IsAllowed_Administrator_ManagesAccountsButReadsNoChart()
    {
        Assert.True(RolePermissions.IsAllowed(StaffRole.Administrator, StaffAction.ManageAccounts));
        Assert.True(RolePermissions.IsAllowed(StaffRole.Administrator, StaffAction.ReadAudit));
        Assert.False(RolePermissions.IsAllowed(StaffRole.Administrator, StaffAction.ReadPatients));
        Assert.False(RolePermissions.IsAllowed(StaffRole.Administrator, StaffAction.ReadImages));
    }

    [Fact]
    public void RolesWith_EveryAction_HasAtLeastOneRole()
    {
        foreach (var action in Enum.GetValues<StaffAction>())
        {
            Assert.NotEmpty(RolePermissions.RolesWith(action));
        }
    }

    [Fact]
    public void IsAllowed_OnlyPhysicianTriagesAndSigns()
    {
        Assert.Equal([StaffRole.IrPhysician], RolePermissions.RolesWith(StaffAction.TriageReferrals));
        Assert.Equal([StaffRole.IrPhysician], RolePermissions.RolesWith(StaffAction.SignProcedure));
    }
}
