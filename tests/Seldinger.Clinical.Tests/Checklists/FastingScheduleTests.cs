using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Preparation;

namespace Seldinger.Clinical.Tests.Checklists;

public class FastingScheduleTests
{
    [Fact]
    public void For_Scenario10OClock_NoSolidAfter0400ClearUntil0800()
    {
        var schedule = FastingSchedule.For(ChecklistEpisodes.Thursday10, SedationLevel.Moderate, PreProcedureRules.LoadDefault());

        Assert.True(schedule.Required);
        Assert.Equal(ChecklistEpisodes.Thursday10.AddHours(-6), schedule.LatestIntake[IntakeKind.LightMeal]);
        Assert.Equal("04:00", schedule.LatestIntake[IntakeKind.LightMeal].ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("08:00", schedule.LatestIntake[IntakeKind.ClearLiquid].ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ChecklistEpisodes.Thursday10.AddHours(-4), schedule.LatestIntake[IntakeKind.BreastMilk]);
        Assert.Equal(ChecklistEpisodes.Thursday10.AddHours(-6), schedule.LatestIntake[IntakeKind.InfantFormula]);
        Assert.Equal(ChecklistEpisodes.Thursday10.AddHours(-6), schedule.LatestIntake[IntakeKind.NonHumanMilk]);
        Assert.Equal(ChecklistEpisodes.Thursday10.AddHours(-8), schedule.LatestIntake[IntakeKind.FattyMeal]);
        Assert.Contains("Anesthesiology", schedule.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SedationLevel.None, false)]
    [InlineData(SedationLevel.Minimal, false)]
    [InlineData(SedationLevel.Moderate, true)]
    [InlineData(SedationLevel.GeneralAnaesthesia, true)]
    public void For_Sedation_RequiredFromModerate(SedationLevel sedation, bool required)
    {
        var schedule = FastingSchedule.For(ChecklistEpisodes.Thursday10, sedation, PreProcedureRules.LoadDefault());

        Assert.Equal(required, schedule.Required);
        Assert.Equal(required ? 6 : 0, schedule.LatestIntake.Count);
    }
}
