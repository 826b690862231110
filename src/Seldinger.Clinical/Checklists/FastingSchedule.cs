using Seldinger.Clinical.Preparation;

namespace Seldinger.Clinical.Checklists;

/// <summary>
/// The latest time a child may take each kind of food or drink before a procedure (ASA 2017/2023,
/// AAP/AAPD 2019): what the family instructions print ("no solid food after 04:00, clear liquids until 08:00").
/// </summary>
/// <param name="PlannedStart">The planned start of the procedure.</param>
/// <param name="Sedation">The planned sedation.</param>
/// <param name="Required">Whether fasting applies at this sedation level.</param>
/// <param name="LatestIntake">Per kind, the latest allowed time of the last intake; empty when fasting does not apply.</param>
/// <param name="Source">The guideline the fasting times come from.</param>
public sealed record FastingSchedule(
    DateTimeOffset PlannedStart,
    SedationLevel Sedation,
    bool Required,
    IReadOnlyDictionary<IntakeKind, DateTimeOffset> LatestIntake,
    string Source)
{
    /// <summary>The schedule for a procedure planned at <paramref name="plannedStart"/> under <paramref name="sedation"/>.</summary>
    public static FastingSchedule For(DateTimeOffset plannedStart, SedationLevel sedation, PreProcedureRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var fasting = rules.Data.Fasting;
        var source = rules.SourceText(fasting.Source);
        if (sedation < fasting.AppliesFrom)
        {
            return new FastingSchedule(plannedStart, sedation, false, new Dictionary<IntakeKind, DateTimeOffset>(), source);
        }

        var latest = fasting.Hours.ToDictionary(h => h.Key, h => plannedStart.AddHours(-h.Value));
        return new FastingSchedule(plannedStart, sedation, true, latest, source);
    }
}
