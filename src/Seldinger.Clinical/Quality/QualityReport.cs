using Seldinger.Clinical.AdverseEvents;

namespace Seldinger.Clinical.Quality;

/// <summary>
/// The quality figures of the IR service over a period: aggregates only, no names. An episode counts
/// when its procedure started within the period (see docs/clinical-workflow.md for each definition).
/// </summary>
public sealed record QualityReport
{
    /// <summary>First day of the period (inclusive, local date of the procedure start).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last day of the period (inclusive).</summary>
    public required DateOnly To { get; init; }

    /// <summary>Procedures done in the period.</summary>
    public required int Procedures { get; init; }

    /// <summary>Procedures per catalogue procedure id, ordinal id order.</summary>
    public required IReadOnlyDictionary<string, int> VolumesByProcedure { get; init; }

    /// <summary>Technical success among procedures with a recorded outcome (partial success is not success).</summary>
    public required QualityRate TechnicalSuccess { get; init; }

    /// <summary>Procedures with at least one adverse event, among all procedures.</summary>
    public required QualityRate AdverseEventRate { get; init; }

    /// <summary>Adverse events by SIR 2017 severity (every severity present, 0 when none).</summary>
    public required IReadOnlyDictionary<SirSeverity, int> AdverseEventsBySirSeverity { get; init; }

    /// <summary>Adverse events by CIRSE 2017 grade (every grade present, 0 when none).</summary>
    public required IReadOnlyDictionary<CirseGrade, int> AdverseEventsByCirseGrade { get; init; }

    /// <summary>Sedation-related adverse events (events, not episodes).</summary>
    public required int SedationEvents { get; init; }

    /// <summary>Procedures with at least one sedation-related event, among procedures given any sedation.</summary>
    public required QualityRate SedationEventRate { get; init; }

    /// <summary>Calendar days from referral submission to procedure start.</summary>
    public required QualityDistribution DaysReferralToProcedure { get; init; }

    /// <summary>The days of <see cref="DaysReferralToProcedure"/>, ascending (for a histogram).</summary>
    public required IReadOnlyList<int> DaysReferralToProcedureValues { get; init; }

    /// <summary>Same-day home discharges among recorded discharges.</summary>
    public required QualityRate SameDayDischarge { get; init; }

    /// <summary>Same-day discharge per ISO week (keyed by the Monday of the procedure's week), ascending.</summary>
    public required IReadOnlyDictionary<DateOnly, QualityRate> SameDayDischargeByWeek { get; init; }

    /// <summary>Dose-area product (Gy·cm²) per procedure id, over procedures that recorded one; Q3 is the P75.</summary>
    public required IReadOnlyDictionary<string, QualityDistribution> DoseAreaProductByProcedure { get; init; }
}
